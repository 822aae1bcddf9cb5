/**
 * Astro integration: the playground page asks for the playground app and its imports in its
 * <head> (`modulepreload`), so they download while the page and the island script load, instead of
 * after the island has run (a waterfall of two round trips). The file names carry content hashes,
 * so they are read from the build output.
 *
 * Monaco's chunks are preloaded later, once the island script runs (it adds their links from a
 * <template> this writes into the head, src/playground/island.ts), and the app evaluates them a
 * layer per task once the plain editor is up (./monaco-layers.ts). Preloaded from the head itself,
 * their 3 MB (raw) were compiled on the browser's background threads while the page was still
 * loading, and on a two-core machine that held the code's first appearance back by about 250 ms
 * (bench: code editable at ~400 ms rather than ~670 ms) without Monaco arriving any sooner.
 * Monaco's stylesheets, which Astro links into the page as if the page needed them to render, are
 * preloaded instead, outside the narrow layout only (whose plain text editor never loads Monaco):
 * Vite's loader adds them when Monaco is imported, so they no longer hold up the page's first
 * render, and a phone does not download them. The narrow layout's media query is read from the
 * stylesheet that holds it, so the breakpoint stays in one place.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { MONACO_PRELOAD_TEMPLATE } from '../config';

/** The playground app (src/playground/app.ts), which the island imports once it runs. */
const APP_CHUNK = /^app\.[\w-]+\.js$/;
/** Monaco's editor module (src/playground/editor/monaco-editor.ts), which loads every layer of Monaco's code. */
const MONACO_ENTRY_CHUNK = /^monaco-editor\.[\w-]+\.js$/;
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

export function preloadPlayground(): AstroIntegration {
  return {
    name: 'kms-playground:preload',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const page = join(root, 'playground/index.html');
        const html = await readFile(page, 'utf8').catch(() => undefined);
        const assetsPrefix = html?.match(/["']([^"']*\/_astro\/)[^"']+\.js["']/)?.[1];
        if (!html || !assetsPrefix) return logger.warn('no playground page with scripts in the build: nothing preloaded');
        const assets = join(root, '_astro');
        const files = await readdir(assets);
        const app = files.find((file) => APP_CHUNK.test(file));
        if (!app) return logger.warn('no playground app chunk in the build: nothing preloaded');
        const appChunks = await staticClosure(assets, app);
        const monaco = files.find((file) => MONACO_ENTRY_CHUNK.test(file));
        const monacoChunks = monaco ? (await staticClosure(assets, monaco)).filter((file) => !appChunks.includes(file)) : [];
        // After the viewport's <meta>, with the stylesheets' `media` below: a phone lays the page
        // out 980 px wide until it has read it, and a `media` before it would be judged at that width.
        const viewport = html.match(/<meta name="viewport"[^>]*>/)?.[0];
        if (!viewport) return logger.warn('the playground page has no viewport <meta>: nothing preloaded');
        const wideOnly = `not all and ${narrowLayoutQuery(await readFile(NARROW_LAYOUT_CSS, 'utf8'))}`;
        const appLinks = appChunks.map((file) => `<link rel="modulepreload" href="${assetsPrefix}${file}">`);
        const monacoLinks = monacoChunks.map(
          (file) => `<link rel="modulepreload" href="${assetsPrefix}${file}" media="${wideOnly}">`,
        );
        let edited = html
          .replace(viewport, `${viewport}${appLinks.join('')}`)
          .replace('</head>', `<template id="${MONACO_PRELOAD_TEMPLATE}">${monacoLinks.join('')}</template></head>`);
        let stylesheets = 0;
        for (const file of await stylesheetsLoadedOnImport(assets, app)) {
          const linked = `<link rel="stylesheet" href="${assetsPrefix}${file}">`;
          if (!edited.includes(linked)) continue;
          edited = edited.replace(linked, `<link rel="preload" as="style" href="${assetsPrefix}${file}" media="${wideOnly}">`);
          stylesheets += 1;
        }
        await writeFile(page, edited);
        logger.info(
          `playground preloads ${appLinks.length} app chunks, ${monacoLinks.length} Monaco chunks once its island runs, and Monaco's ${stylesheets} stylesheets (not on the narrow layout)`,
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
