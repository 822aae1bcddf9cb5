/**
 * Astro integration: the playground page asks for Monaco, its dependencies and the playground
 * app in its <head> (`modulepreload`), so they download while the page and the island script
 * load, instead of after the island has imported the editor module (three round trips later).
 * The SDK type bundle is not among them: it waits until the editor is on screen. The file names
 * carry content hashes, so they are read from the build output.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const EDITOR_CHUNK = /^monaco-editor\.[\w-]+\.js$/;
/** The playground app (src/playground/app.ts), which the island imports once it runs. */
const APP_CHUNK = /^app\.[\w-]+\.js$/;
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g;

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
        const chunks = [...new Set([...(await staticClosure(assets, entry)), ...(app ? await staticClosure(assets, app) : [])])];
        const links = chunks.map((file) => `<link rel="modulepreload" href="${assetsPrefix}${file}">`);
        await writeFile(page, html.replace(/<head>/, `<head>${links.join('')}`));
        logger.info(`playground preloads ${chunks.length} editor and app chunks`);
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
