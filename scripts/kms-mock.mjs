#!/usr/bin/env node
// Runs the kms-mock CLI (src/mock/cli/kms-mock.ts) from this repository: `npm run mock -- serve --scenario user-logged-in`.
// It runs the TypeScript source, not the package's tsc build (dist/), so no build step comes first:
// esbuild bundles the package's own files (npm packages stay external, resolved from node_modules)
// into the git-ignored .build/ folder, rebuilt on every run (about a tenth of a second).
import { rename } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${root}.build/kms-mock.mjs`;
// Each run writes its own file and renames it into place, so concurrent runs never read a half-written bundle.
const partial = `${outfile}.${process.pid}.tmp`;

await build({
  entryPoints: [`${root}src/mock/cli/kms-mock.ts`],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  packages: 'external',
  outfile: partial,
  logLevel: 'warning',
});
await rename(partial, outfile);
await import(pathToFileURL(outfile).href);
