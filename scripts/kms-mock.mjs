#!/usr/bin/env node
// Runs the kms-mock CLI (src/cli/kms-mock.ts) from this repository: `npm run mock -- serve --scenario user-logged-in`.
// The sources use extensionless TypeScript imports and the `~/` alias, which plain Node does not run, so
// esbuild first bundles them (npm packages stay external, resolved from node_modules) into the
// git-ignored .build/ folder; the bundle is rebuilt on every run (about a tenth of a second).
import { rename } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${root}.build/kms-mock.mjs`;
// Each run writes its own file and renames it into place, so concurrent runs never read a half-written bundle.
const partial = `${outfile}.${process.pid}.tmp`;

await build({
  entryPoints: [`${root}src/cli/kms-mock.ts`],
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
