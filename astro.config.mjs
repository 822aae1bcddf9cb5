// @ts-check
import { defineConfig } from 'astro/config';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { baseLinks } from './src/integrations/base-links.ts';
import { linkCheck } from './src/integrations/link-check.ts';
import { markdownPages } from './src/integrations/markdown-pages.ts';
import { EDITOR_TYPESCRIPT_LIBS } from './src/playground/config.ts';
import { preloadPlayground } from './src/playground/build/preload-playground.ts';
import { trimMonaco } from './src/playground/build/trim-monaco.ts';
import { monacoLayers } from './src/playground/build/monaco-layers.ts';
import { keepRunWorkerNames } from './src/playground/build/keep-run-worker-names.ts';
import { scriptProvenance } from './src/integrations/script-provenance.ts';
import { searchOnDemand } from './src/integrations/search-on-demand.ts';
import { buildSidebar } from './src/integrations/sidebar.ts';
import { REPOSITORY_URL } from './src/integrations/package-source.ts';
// The config loads before Vite's resolve conditions apply, so it reads the catalog's source directly.
import { DOCS_SITE_URL, scenarios } from './src/mock/scenarios/index.ts';

export default defineConfig({
  site: process.env.SITE_URL ?? DOCS_SITE_URL,
  // Serve from a sub-path with e.g. BASE_PATH=/kms-errors/ npm run build.
  base: process.env.BASE_PATH ?? '/',
  integrations: [
    starlight({
      title: 'KMS custom key store errors',
      description:
        'Every cause of CustomKeyStoreInvalidStateException and the custom key store connection errors, with fixes and runnable TypeScript.',
      sidebar: buildSidebar(scenarios),
      // The repository's address is package.json's `repository.url` (see the README's Settings).
      social: [{ icon: 'seti:git', label: 'Source code and the mock package', href: REPOSITORY_URL }],
      customCss: ['./src/components/site/overrides.css'],
      // Long identifiers in page titles break where their words meet on a phone.
      components: { PageTitle: './src/components/site/PageTitle.astro' },
      // …and so do the labels of the Previous and Next links under each page.
      routeMiddleware: './src/components/site/route-middleware.ts',
      // Programs wrap long lines (with their indentation) rather than hide them past the right
      // edge: a handling program is 200 lines tall, and the scroll bar that would reveal its long
      // comments and messages sits below its last line. Shell commands do not: a wrapped one
      // breaks at the hyphens of its flags ("--" / "output") and reads as something else; they
      // are short, and continue with `\` where they are long. Nor does Python, whose indentation is
      // its syntax: a wrapped line would read as a nested block. Copying copies the lines as written.
      expressiveCode: {
        defaultProps: {
          wrap: true,
          // A wrapped line continues four columns in, so it does not read as a line of its own.
          hangingIndent: 4,
          overridesByLang: { 'sh,bash,shell,shellsession,console,powershell,python': { wrap: false } },
        },
      },
    }),
    // The guides are MDX, so the MDX layer is ours to pin and configure. Starlight adds its own
    // only when none is present; this one comes after Starlight so that Expressive Code, which
    // Starlight inserts right after itself, still runs before MDX as it must.
    mdx({ optimize: true }),
    baseLinks(),
    scriptProvenance(),
    linkCheck(),
    // Each page as Markdown beside its HTML, and llms.txt listing them.
    markdownPages(),
    preloadPlayground(),
  ],
  vite: {
    worker: {
      format: 'es',
      plugins: () => [
        // Monaco's TypeScript worker with only the lib .d.ts files the playground's checker loads.
        trimMonaco(EDITOR_TYPESCRIPT_LIBS),
        // Readable class names (KMSClient, CustomKeyStoreInvalidStateException) in the run worker.
        keepRunWorkerNames((entry) => entry.includes('/src/playground/worker/run.worker.ts')),
      ],
    },
    plugins: [
      // Monaco with only the editor features the playground registers (see the plugin).
      trimMonaco(EDITOR_TYPESCRIPT_LIBS),
      // Monaco's code in layers the playground evaluates one task at a time (see the plugin).
      monacoLayers(),
      // Pagefind's search UI built on the reader's first move towards search on the playground.
      searchOnDemand(),
    ],
    resolve: {
      // `kms-custom-key-store-mock` (src/mock, a workspace) resolves to its TypeScript source, not dist/.
      conditions: ['source', ...defaultClientConditions],
    },
    // Astro renders pages in three server environments (ssr; prerender for the static build;
    // astro in dev) and `ssr.resolve` reaches only the first, so each gets the condition itself.
    environments: Object.fromEntries(
      ['ssr', 'prerender', 'astro'].map((name) => [name, { resolve: { conditions: ['source', ...defaultServerConditions] } }]),
    ),
    // The playground's dependencies, found late by `astro dev` otherwise (it re-optimises
    // mid-load and the first visit fails with "Outdated Optimize Dep"). Vite's scan does not
    // follow `?worker` imports, so the run worker's own imports, including those of the mock's
    // sources it loads (`@smithy/core/protocols`), are listed here too.
    optimizeDeps: {
      include: [
        // In the dev server the run worker loads the mock's entry untrimmed, MSW handlers and all.
        'msw',
        '@aws-sdk/client-kms',
        '@smithy/core/protocols',
        'sucrase',
        'lz-string',
        'monaco-editor/editor',
        'monaco-editor/features/*/register',
        'monaco-editor/languages/definitions/typescript/register',
        'monaco-editor/languages/features/typescript/register',
      ],
    },
  },
});
