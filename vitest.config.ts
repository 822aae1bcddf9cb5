import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Projects, picked by folder:
//  - unit:    the mock, the catalog and everything that runs in plain Node (fast, no build)
//  - site:    checks over the built site (coverage of the catalog, links); needs `npm run build`
//  - browser: real Chromium via playwright-core against the built site; needs `npm run build`
//  - endpoint: the mock's HTTP endpoint (src/mock/node), its control API, CLI and real clients, over loopback
//  - setup:   the README's quick start (`npm start`) in a fresh clone of this repository, and the
//             packed mock (npm pack) installed into an empty project
//
// Vitest's default is one worker per core but one, which is a single worker on these 2-core
// machines. unit, endpoint and setup run two files at once: their files spend much of their time
// waiting (on the samples' scaled clock, on the AWS CLI, boto3 and Go processes they start, on
// npm), which leaves the second core idle with one worker. No more than two: the unit tests' time
// limits and the samples' scaled clock assume a file has a core to itself. Vitest runs projects
// with different worker counts one after another, each in its own `sequence.groupOrder`.
export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  // `kms-custom-key-store-mock` (src/mock, a workspace) resolves to its TypeScript source, not dist/.
  // Vitest's own default, plus `source`: Vite's server conditions without `module`, which would
  // pick the SDK's extensionless dist-es build that Node cannot load.
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions.filter((condition) => condition !== 'module')] } },
  test: {
    // Tests run in a random order (the seed is printed): none may lean on another having run first.
    sequence: { shuffle: true },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'endpoint',
          maxWorkers: 2,
          // The scenario pages' CLI commands run two pages at a time: with the other worker's file,
          // at most three client processes share the two cores, and no command waits long for one.
          maxConcurrency: 2,
          sequence: { groupOrder: 2 },
          include: ['test/endpoint/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'site',
          include: ['test/site/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // `expect.poll` waits for what the reader waits for (a status line, the link in the address
          // bar): for as long as a locator would, not Vitest's default 1 s, which a busy machine outlasts.
          expect: { poll: { timeout: 30_000 } },
          // One Chromium at a time on a 2-core machine, and one worker for every file, unisolated,
          // so the preview server and Chromium of test/support/browser-fixtures.ts start once.
          fileParallelism: false,
          isolate: false,
          // Concurrent tests (the accessibility sweep) keep two pages busy: more only queue for the CPU.
          maxConcurrency: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'setup',
          maxWorkers: 2,
          sequence: { groupOrder: 3 },
          include: ['test/setup/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
