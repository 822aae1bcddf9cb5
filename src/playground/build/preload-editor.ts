/**
 * Astro integration: the playground page asks for Monaco, its dependencies and the playground
 * app in its <head> (`modulepreload`), so they download while the page and the island script
 * load, instead of after the island has imported the editor module (three round trips later).
 * The SDK type bundle is not among them: it waits until the editor is on screen. The file names
 * carry content hashes, so they are read from the build output.
 *
 * Monaco's own chunks are preloaded only outside the narrow layout, whose plain text editor never
 * loads Monaco: a phone would otherwise download 800 KB (gzip) it does not use. The narrow
 * layout's media query is read from the stylesheet that holds it, so the breakpoint stays in one place.
 * Monaco's stylesheets, which Astro links into the page as if the page needed them to render, are
 * preloaded the same way instead: Vite's loader adds them when Monaco is imported, so they no
 * longer hold up the page's first render, and a phone does not download them.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const EDITOR_CHUNK = /^monaco-editor\.[\w-]+\.js$/;
/** The playground app (src/playground/app.ts), which the island imports once it runs. */
const APP_CHUNK = /^app\.[\w-]+\.js$/;
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g;
const NARROW_LAYOUT_CSS = new URL('../narrow-layout.css', import.meta.url);
/** Vite's list of what a chunk's dynamic imports load with them (`__vite__mapDeps`). */
const DYNAMIC_IMPORT_DEPS = /__vite__mapDeps=[^[]*\[([^\]]*)\]/;

/** The media query of the narrow layout (`(max-width: 700px)`), from its stylesheet's only `@media` rule. */
function narrowLayoutQuery(css: string): string {
  const queries = [...css.matchAll(/@media\s+([^{]+?)\s*\{/g)].map((match) => match[1]!);
  if (queries.length !== 1)
    throw new Error(`narrow-layout.css should hold one @media rule (the narrow layout's), found ${queries.length}`);
  return queries[0]!;
}

export function preloadPlaygroundEditor(): AstroIntegration {
  return {
    name: 'kms-playground:preload-editor',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const page = join(root, 'playground/index.html');
        const html = await readFile(page, 'utf8').catch(() => undefined);
        const assetsPrefix = html?.match(/["']([^"']*\/_astro\/)[^"']+\.js["']/)?.[1];
        if (!html || !assetsPrefix) return logger.warn('no playground page with scripts in the build: nothing preloaded');
        const assets = join(root, '_astro');
        const files = await readdir(assets);
        const entry = files.find((file) => EDITOR_CHUNK.test(file));
        if (!entry) return logger.warn('no Monaco editor chunk in the build: nothing preloaded');
        const app = files.find((file) => APP_CHUNK.test(file));
        // The app and its imports too: otherwise they are discovered only when the island script
        // runs, after the main thread has parsed Monaco, a waterfall of two round trips.
        const appChunks = app ? await staticClosure(assets, app) : [];
        const editorChunks = (await staticClosure(assets, entry)).filter((file) => !appChunks.includes(file));
        const wideOnly = `not all and ${narrowLayoutQuery(await readFile(NARROW_LAYOUT_CSS, 'utf8'))}`;
        const links = [
          ...editorChunks.map((file) => `<link rel="modulepreload" href="${assetsPrefix}${file}" media="${wideOnly}">`),
          ...appChunks.map((file) => `<link rel="modulepreload" href="${assetsPrefix}${file}">`),
        ];
        // After the viewport's <meta>: a phone lays the page out 980 px wide until it has read it,
        // and a `media` before it would be judged at that width.
        const viewport = html.match(/<meta name="viewport"[^>]*>/)?.[0];
        if (!viewport) return logger.warn('the playground page has no viewport <meta>: nothing preloaded');
        let edited = html.replace(viewport, `${viewport}${links.join('')}`);
        let stylesheets = 0;
        for (const file of app ? await stylesheetsLoadedOnImport(assets, app) : []) {
          const linked = `<link rel="stylesheet" href="${assetsPrefix}${file}">`;
          if (!edited.includes(linked)) continue;
          edited = edited.replace(linked, `<link rel="preload" as="style" href="${assetsPrefix}${file}" media="${wideOnly}">`);
          stylesheets += 1;
        }
        await writeFile(page, edited);
        logger.info(
          `playground preloads ${editorChunks.length} editor chunks and ${stylesheets} stylesheets (not on the narrow layout) and ${appChunks.length} app chunks`,
        );
      },
    },
  };
}

/** The chunk and every chunk it imports statically, biggest dependency first. */
async function staticClosure(assets: string, entry: string): Promise<string[]> {
  const seen = new Set<string>();
  const visit = async (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = await readFile(join(assets, file), 'utf8');
    for (const match of code.matchAll(STATIC_IMPORT)) await visit(match[1]!);
  };
  await visit(entry);
  return [...seen].reverse();
}

/** The stylesheets that Vite's loader adds to the page when the app imports a chunk dynamically (Monaco's). */
async function stylesheetsLoadedOnImport(assets: string, app: string): Promise<string[]> {
  const deps = (await readFile(join(assets, app), 'utf8')).match(DYNAMIC_IMPORT_DEPS)?.[1] ?? '';
  return [...deps.matchAll(/"(?:[^"]*\/)?([^"/]+\.css)"/g)].map((match) => match[1]!);
}
