/**
 * Vite plugin for Starlight's search component:
 *  - its import of `@pagefind/default-ui` goes to src/components/site/pagefind-on-demand.ts, which
 *    builds the UI on the reader's first move towards search on the playground, and at once
 *    elsewhere (the stand-in's own import reaches the real package);
 *  - its start is made to happen on every page load. Starlight waits for `DOMContentLoaded` and
 *    then for the browser's first idle period before it constructs the UI: a listener added after
 *    the document has loaded is never called, and an idle callback without a timeout can wait
 *    as long as the page stays busy, and either leaves the search dialog empty for the visit.
 *    The edited start runs at once when the document has already loaded, and the idle callback
 *    runs within SEARCH_START_IDLE_TIMEOUT_MS (in the build: the dev server has no search).
 * Every edit must find its text: a Starlight upgrade that moves it fails the build, not the search.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const PAGEFIND_UI = '@pagefind/default-ui';
const STAND_IN = fileURLToPath(new URL('../components/site/pagefind-on-demand.ts', import.meta.url));
/** Starlight's search component's script, as Astro hands it to Vite. */
const STARLIGHT_SEARCH_SCRIPT = /\/@astrojs\/starlight\/.*\/Search\.astro\?astro&type=script/;
export const SEARCH_START_IDLE_TIMEOUT_MS = 2000;

/** What to find in Starlight's script (its quotes as Astro's compiler prints them, either kind) and what replaces it. */
const START_EDITS: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /window\.addEventListener\((["'])DOMContentLoaded\1, \(\) => \{/,
    `((start) => (document.readyState === 'loading' ? window.addEventListener('DOMContentLoaded', start) : start()))(() => {`,
  ],
  [
    /const onIdle = window\.requestIdleCallback \|\| \(\(cb\) => setTimeout\(cb, 1\)\);/,
    `const onIdle = (cb) => (window.requestIdleCallback ? window.requestIdleCallback(cb, { timeout: ${SEARCH_START_IDLE_TIMEOUT_MS} }) : setTimeout(cb, 1));`,
  ],
];

/** Starlight's search script with a start that happens on every page load (see the header). */
export function withDependableSearchStart(code: string): string {
  return START_EDITS.reduce((edited, [find, replace]) => {
    if (!find.test(edited))
      throw new Error(`Starlight's search script no longer matches ${find}: update src/integrations/search-on-demand.ts.`);
    return edited.replace(find, () => replace);
  }, code);
}

export function searchOnDemand(): Plugin {
  return {
    name: 'kms-docs:search-on-demand',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== PAGEFIND_UI || !importer?.includes('/@astrojs/starlight/')) return null;
      return STAND_IN;
    },
    transform(code, id) {
      // The browser's code in the build only: the dev server shows no search (Starlight's start
      // returns at once there), and the server's copy of the component never starts it.
      const { command, consumer } = this.environment.config;
      if (command !== 'build' || consumer !== 'client' || !STARLIGHT_SEARCH_SCRIPT.test(id)) return undefined;
      return { code: withDependableSearchStart(code), map: null };
    },
  };
}
