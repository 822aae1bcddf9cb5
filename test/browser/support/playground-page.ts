/** Drives the playground page the way a reader does: open a link, run, read the panels. */
import type { Page } from 'playwright-core';
import { encodeCodeHash } from '../../../src/playground/share/code-hash.ts';
import type { PreviewServer } from './server.ts';

export interface OpenOptions {
  scenario?: string;
  /** Code to open with (put in the link's `#code=`, as a share link does). */
  code?: string;
  /** Raw hash to use instead, e.g. a damaged one. */
  hash?: string;
}

export function playgroundUrl(server: PreviewServer, options: OpenOptions = {}): string {
  const query = options.scenario === undefined ? '' : `?scenario=${encodeURIComponent(options.scenario)}`;
  const hash = options.hash ?? (options.code === undefined ? '' : encodeCodeHash(options.code));
  return server.urlFor(`/playground/${query}${hash}`);
}

/** Opens the playground and waits until the editor is editable. */
export async function openPlayground(page: Page, server: PreviewServer, options: OpenOptions = {}): Promise<void> {
  await page.goto(playgroundUrl(server, options));
  await page.waitForSelector('kms-playground[data-editor="ready"]', { timeout: 30_000 });
}

/** Clicks Run and waits for the run to end (finished, stopped, timed out or crashed). */
export async function runAndWait(page: Page, timeout = 30_000): Promise<string> {
  await page.click('[data-pg="run"]');
  await page
    .waitForFunction(() => document.querySelector('kms-playground')?.getAttribute('data-run') === 'running', undefined, {
      timeout: 5_000,
    })
    .catch(() => {});
  await page.waitForFunction(() => document.querySelector('kms-playground')?.getAttribute('data-run') === 'idle', undefined, {
    timeout,
  });
  return statusText(page);
}

export const statusText = (page: Page) => page.innerText('[data-pg="status"]');
export const outputText = (page: Page) => page.innerText('[data-pg="console"]');
export const noticesText = (page: Page) => page.innerText('[data-pg="notices"]');
export const worldText = (page: Page) => page.innerText('[data-pg="stores"]');

/** The Requests panel, one object per row. */
export async function requestRows(page: Page) {
  return page.$$eval('[data-pg="requests"] tr', (rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '');
      return { operation: cells[1] ?? '', attempt: Number(cells[2]), status: cells[3] ?? '', errorType: cells[4] ?? '' };
    }),
  );
}
