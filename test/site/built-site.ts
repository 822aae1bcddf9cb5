/**
 * The built site the site checks read: `dist/` after `npm run build` (or DIST_DIR).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listHtmlFiles, readHtml, type HtmlElement } from '~/integrations/built-html';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_DIR = path.resolve(PROJECT_ROOT, process.env['DIST_DIR'] ?? 'dist');

/** Pages served by the playground island rather than Markdown content. */
export const isPlaygroundPage = (file: string) => file.startsWith('playground/');

/** The built site's `.html` files, relative to DIST_DIR; throws when there is no build. */
export async function builtHtmlFiles(): Promise<string[]> {
  if (!existsSync(path.join(DIST_DIR, 'index.html'))) {
    throw new Error(`No built site in ${DIST_DIR}: run \`npm run build\` before the site checks.`);
  }
  return listHtmlFiles(DIST_DIR);
}

export async function builtPages(): Promise<Array<{ file: string; elements: HtmlElement[] }>> {
  const files = await builtHtmlFiles();
  return Promise.all(files.map(async (file) => ({ file, elements: await readHtml(DIST_DIR, file) })));
}

export function metaContent(elements: readonly HtmlElement[], property: string): string | undefined {
  return elements.find((e) => e.name === 'meta' && (e.attributes['property'] === property || e.attributes['name'] === property))
    ?.attributes['content'];
}

/** A built page's text (`scenarios/x`), tags removed and the entities that matter here decoded. */
export async function pageText(page: string): Promise<string> {
  const html = await readFile(path.join(DIST_DIR, page, 'index.html'), 'utf8');
  return html
    .replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#123;|&#x7b;/gi, '{')
    .replace(/&#125;|&#x7d;/gi, '}')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/gi, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
