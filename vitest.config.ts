import { defineConfig } from 'vitest/config';

// Three projects, picked by folder:
//  - unit:    the mock, the catalog and everything that runs in plain Node (fast, no build)
//  - site:    checks over the built site (coverage of the catalog, links); needs `npm run build`
//  - browser: real Chromium via playwright-core against the built site; needs `npm run build`
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'site',
          include: ['test/site/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
