/** The public site of the guides: astro.config.mjs's default `site`, and the links `kms-mock explain` and the package README print. */
export const DOCS_SITE_URL = 'https://kms-errors.example.dev';

/** A scenario's page on the site, relative to the site's root (the site and `kms-mock explain` share it). */
export function scenarioPagePath(id: string): string {
  return `scenarios/${id}/`;
}
