/**
 * The browser tests' `test`: one preview server of the built site and one Chromium per Vitest
 * worker (the browser project runs its files in one unisolated worker, so every file shares them),
 * and a fresh browser profile per test (`page`, or `newPage()` for a second reader), closed when
 * the test ends. When a test fails, what went wrong inside its pages (errors, failed requests) is
 * printed. `openPlayground()` opens the playground in that page and waits for its editor.
 *
 * A file that promises nothing leaves the machine sets `blockForeignRequests: true` with
 * `test.override` (a `test.extend` in a test file would start a second server and Chromium):
 * every page of its tests is then watched, requests to other hosts are aborted, and a test fails
 * when one of its pages tried to reach another host or never reached the server.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { test as base } from 'vitest';
import { DIST_DIR } from '../site/built-site.ts';
import { launchChromium } from './chromium.ts';
import { watchForeignRequests, type ForeignRequestWatch } from './foreign-requests.ts';
import { watchPageTrouble, type PageTrouble } from './page-trouble.ts';
import { openPlayground, type OpenOptions } from './playground-page.ts';
import { startPreviewServer, type PreviewServer } from './preview-server.ts';

export interface BrowserFixtures {
  /** The built site the site checks read (`dist/`, or DIST_DIR), served on a local port. */
  server: PreviewServer;
  browser: Browser;
  /** Whether this test's pages fail it by reaching for another host (default false). */
  blockForeignRequests: boolean;
  /** A page in a fresh browser profile (no cache, no storage), closed after the test. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
  /** This test's page: `newPage()` with default options. */
  page: Page;
  /**
   * One page for all the tests of a file that use it, for a reader's journey through many states
   * of one page (each test brings the page to the state it checks, whatever came before), with
   * its requests watched and those to other hosts aborted.
   */
  fileReader: { page: Page; requests: ForeignRequestWatch };
  /** Opens the playground in `page` (a link with these options) and waits until the editor is editable. */
  openPlayground: (options?: OpenOptions) => Promise<void>;
}

export const test = base.extend<BrowserFixtures>({
  server: [
    // Vitest reads a fixture's dependencies from its first parameter's pattern: none here.
    async ({}, use) => {
      const server = await startPreviewServer({ root: DIST_DIR });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  browser: [
    async ({}, use) => {
      const browser = await launchChromium();
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  blockForeignRequests: false,
  newPage: async ({ browser, server, blockForeignRequests, onTestFailed }, use) => {
    const opened: Array<{ close(): Promise<void> }> = [];
    const watches: ForeignRequestWatch[] = [];
    const troubles: PageTrouble[] = [];
    onTestFailed(() => printTrouble(troubles));
    await use(async (options = {}) => {
      const context = await browser.newContext(options);
      opened.push(context);
      troubles.push(watchPageTrouble(context));
      if (blockForeignRequests) watches.push(await watchForeignRequests(context, server.origin));
      return context.newPage();
    });
    await Promise.all(opened.map((context) => context.close()));
    const foreign = watches.flatMap((watch) => watch.foreign);
    if (foreign.length > 0) throw new Error(`A page sent requests to other hosts: ${foreign.join(', ')}`);
    if (watches.some((watch) => watch.all.length === 0))
      throw new Error('A watched page made no request at all, so the watch proves nothing.');
  },
  page: async ({ newPage }, use) => {
    await use(await newPage());
  },
  fileReader: [
    async ({ browser, server }, use) => {
      const context = await browser.newContext();
      const requests = await watchForeignRequests(context, server.origin);
      await use({ page: await context.newPage(), requests });
      await context.close();
    },
    { scope: 'file' },
  ],
  openPlayground: async ({ page, server }, use) => {
    await use((options) => openPlayground(page, server, options));
  },
});

function printTrouble(troubles: readonly PageTrouble[]): void {
  troubles.forEach(({ lines }, index) => {
    if (lines.length > 0) console.error(`What went wrong in the test's page ${index + 1}:\n${lines.join('\n')}`);
  });
}
