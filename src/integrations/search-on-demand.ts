/**
 * Vite plugin: Starlight's search component imports `@pagefind/default-ui` through
 * src/components/site/pagefind-on-demand.ts, which builds it on the reader's first move towards
 * search on the playground, and at once elsewhere. Only Starlight's import is redirected; the
 * stand-in's own import reaches the real package.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const PAGEFIND_UI = '@pagefind/default-ui';
const STAND_IN = fileURLToPath(new URL('../components/site/pagefind-on-demand.ts', import.meta.url));

export function searchOnDemand(): Plugin {
  return {
    name: 'kms-docs:search-on-demand',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== PAGEFIND_UI || !importer?.includes('/@astrojs/starlight/')) return null;
      return STAND_IN;
    },
  };
}
