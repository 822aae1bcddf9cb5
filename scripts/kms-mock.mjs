#!/usr/bin/env node
// Runs the kms-mock CLI (src/mock/cli/kms-mock.ts) from this repository: `npm run mock -- serve --scenario user-logged-in`.
// Node runs the TypeScript source itself (type stripping), not the package's tsc build (dist/), so no
// build step comes first. Node's compile cache keeps each file's stripped code and V8 code in the
// git-ignored .build/ folder, keyed by the file's contents: an edited file is stripped again, and an
// unchanged one starts about twice as fast as stripping it on every run.
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

enableCompileCache(fileURLToPath(new URL('../.build/compile-cache/', import.meta.url)));
await import('../src/mock/cli/kms-mock.ts');
