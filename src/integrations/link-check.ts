/**
 * Fails the build on a broken internal link or anchor. After `astro build` has written the site,
 * every internal `href`/`src` in every built HTML page must point at a file in the output, and
 * every `#fragment` at an element id (or `<a name>`) on the target page. Links that leave the
 * base path count as broken: under `base: '/kms-errors/'` a link to `/scenarios/x/` would 404.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { listHtmlFiles, readHtml, type HtmlElement } from './built-html';

export interface BrokenLink {
  /** The page the link is on, as a path relative to the output folder (e.g. `guides/x/index.html`). */
  page: string;
  /** The link as written. */
  href: string;
  reason: string;
}

export interface LinkCheckOptions {
  /** The build output folder. */
  distDir: string;
  /** Astro's `base` (default `/`). */
  base?: string;
  /** Astro's `site`: absolute links to it are checked like relative ones (canonical, og:url). */
  site?: string | undefined;
}

const LINK_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src'],
  script: ['src'],
  iframe: ['src'],
  source: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
};

// A placeholder origin to resolve relative links against; never fetched.
const LOCAL_ORIGIN = 'http://built-site.invalid';

function normaliseBase(base: string): string {
  const withLeading = base.startsWith('/') ? base : `/${base}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}

/** The URL path a built file is served at: `guides/x/index.html` → `<base>guides/x/`. */
function pageUrlPath(file: string, base: string): string {
  return `${base}${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** Output files that could answer a request for `relativePath` (already stripped of the base). */
function candidateFiles(relativePath: string): string[] {
  if (relativePath === '' || relativePath.endsWith('/')) return [`${relativePath}index.html`];
  return [relativePath, `${relativePath}.html`, `${relativePath}/index.html`];
}

function linkTargets(page: string, elements: readonly HtmlElement[]): string[] {
  const targets: string[] = [];
  for (const element of elements) {
    // The 404 page's canonical URL (/404/) is, by design, a page that does not exist.
    if (page === '404.html' && element.name === 'link' && element.attributes['rel'] === 'canonical') continue;
    for (const attribute of LINK_ATTRIBUTES[element.name] ?? []) {
      const value = element.attributes[attribute];
      if (value !== undefined) targets.push(value);
    }
  }
  return targets;
}

function anchorsOf(elements: readonly HtmlElement[]): Set<string> {
  const anchors = new Set<string>();
  for (const element of elements) {
    const id = element.attributes['id'];
    if (id) anchors.add(id);
    const name = element.attributes['name'];
    if (element.name === 'a' && name) anchors.add(name);
  }
  return anchors;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

export async function findBrokenLinks(options: LinkCheckOptions): Promise<BrokenLink[]> {
  const { distDir } = options;
  const base = normaliseBase(options.base ?? '/');
  const siteOrigin = options.site ? new URL(options.site).origin : undefined;
  const pages = await listHtmlFiles(distDir);
  const parsed = new Map<string, Promise<HtmlElement[]>>();
  const elementsOf = (file: string) => {
    let elements = parsed.get(file);
    if (!elements) {
      elements = readHtml(distDir, file);
      parsed.set(file, elements);
    }
    return elements;
  };

  const broken: BrokenLink[] = [];
  for (const page of pages) {
    const pageUrl = new URL(pageUrlPath(page, base), LOCAL_ORIGIN);
    for (const href of linkTargets(page, await elementsOf(page))) {
      const report = (reason: string) => broken.push({ page, href, reason });
      if (href.trim() === '' || /^(mailto|tel|javascript|data|blob):/i.test(href)) continue;
      let url = new URL(href, pageUrl);
      if (siteOrigin !== undefined && url.origin === siteOrigin)
        url = new URL(url.pathname + url.search + url.hash, LOCAL_ORIGIN);
      if (url.origin !== LOCAL_ORIGIN) continue;

      const urlPath = decodeURIComponent(url.pathname);
      if (!`${urlPath}/`.startsWith(base)) {
        report(`points outside the base path ${base}`);
        continue;
      }
      const relativePath = urlPath.slice(base.length);
      let target: string | undefined;
      for (const candidate of candidateFiles(relativePath)) {
        if (await isFile(path.join(distDir, candidate))) {
          target = candidate;
          break;
        }
      }
      if (target === undefined) {
        report('no such page or file in the build');
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment === '' || !target.endsWith('.html')) continue;
      if (!anchorsOf(await elementsOf(target)).has(fragment)) report(`no element with id "${fragment}" on ${target}`);
    }
  }
  return broken;
}

function formatBrokenLinks(broken: readonly BrokenLink[]): string {
  const lines = broken.map(({ page, href, reason }) => `  ${page}: ${href} (${reason})`);
  return `${broken.length} broken internal link(s):\n${lines.join('\n')}`;
}

/**
 * The build integration. It registers the checker from its own setup hook so that the checker
 * comes after the integrations Starlight adds (sitemap, Pagefind search), whose output the
 * pages link to, and therefore sees their files.
 */
export function linkCheck(): AstroIntegration {
  let base = '/';
  let site: string | undefined;
  const checker: AstroIntegration = {
    name: 'kms-docs:link-check',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
        site = config.site;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const broken = await findBrokenLinks({ distDir: fileURLToPath(dir), base, site });
        if (broken.length > 0) throw new Error(formatBrokenLinks(broken));
        logger.info('every internal link and anchor resolves');
      },
    },
  };
  return {
    name: 'kms-docs:link-check-setup',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ integrations: [checker] });
      },
    },
  };
}
