/**
 * What went wrong inside a test's pages that the test's own assertion cannot show: uncaught
 * errors, console errors, requests that failed or got an error status. Printed when a browser test
 * fails, so that an intermittent failure says why it happened the one time it did.
 */
import type { BrowserContext } from 'playwright-core';

export interface PageTrouble {
  /** One line per event, with milliseconds since the watch began. */
  readonly lines: readonly string[];
}

export function watchPageTrouble(context: BrowserContext): PageTrouble {
  const began = Date.now();
  const lines: string[] = [];
  const note = (line: string) => lines.push(`${String(Date.now() - began).padStart(6)} ms  ${line}`);
  context.on('weberror', (error) => note(`uncaught ${error.error().message}`));
  context.on('console', (message) => {
    if (message.type() === 'error') note(`console.error ${message.text()}`);
  });
  context.on('requestfailed', (request) => note(`request failed (${request.failure()?.errorText}) ${request.url()}`));
  context.on('response', (response) => {
    if (response.status() >= 400) note(`HTTP ${response.status()} ${response.url()}`);
  });
  return { lines };
}
