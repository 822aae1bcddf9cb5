/** Where the guides live: the one setting for their public address, and a scenario's page under it. */

/** The address the guides are served from before anyone has deployed them: it resolves nowhere. */
const PLACEHOLDER_DOCS_SITE_URL = 'https://kms-errors.example.dev';

/**
 * SETTING: the public address of the deployed guides. astro.config.mjs's default `site` (canonical
 * URLs, the sitemap), the package README's links (`npm run docs:package`) and `kms-mock explain`
 * read it. Until it names a real deployment it is the placeholder, and explain says so instead of
 * printing a dead link. A deployment can also override it without a code change: `SITE_URL` for the
 * site build, `KMS_MOCK_DOCS_URL` or `--docs-url` for the CLI.
 */
export const DOCS_SITE_URL: string = PLACEHOLDER_DOCS_SITE_URL;

/** Whether `url` is still the placeholder (no site is deployed there). */
export function isPlaceholderDocsUrl(url: string): boolean {
  return url.replace(/\/+$/, '') === PLACEHOLDER_DOCS_SITE_URL;
}

/** A scenario's page on the site, relative to the site's root (the site and `kms-mock explain` share it). */
export function scenarioPagePath(id: string): string {
  return `scenarios/${id}/`;
}
