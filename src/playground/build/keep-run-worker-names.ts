/**
 * Vite worker plugin: keeps function and class names (`keepNames`) in the run worker only, so
 * the console prints `KMSClient {…}` and `CustomKeyStoreInvalidStateException: …` rather than
 * minified names. Vite's `worker.rolldownOptions` apply to every worker, and in Monaco's
 * TypeScript worker kept names also stop the minifier from shortening TypeScript's thousands of
 * function names: 1.2 MB raw, 139 KB gzip, on the playground's largest download.
 *
 * `worker.plugins` is called once per worker bundle, so each bundle gets its own instance and
 * the input seen by `options` is that bundle's.
 */
import type { Plugin } from 'vite';
import { bundleEntries } from './bundle-entries';

export function keepRunWorkerNames(isRunWorker: (entry: string) => boolean): Plugin {
  let keepNames = false;
  return {
    name: 'kms-playground:keep-run-worker-names',
    options(inputOptions) {
      keepNames = bundleEntries(inputOptions).some(isRunWorker);
    },
    outputOptions(outputOptions) {
      return keepNames ? { ...outputOptions, keepNames: true } : outputOptions;
    },
  };
}
