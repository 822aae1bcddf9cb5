/**
 * Records every request a browser context makes (pages and their workers) that goes anywhere
 * other than the local server, and aborts it, so a test can assert that nothing left the machine.
 */
import type { BrowserContext } from 'playwright-core';

export interface ForeignRequestWatch {
  /** URLs of requests that targeted another origin, in order. */
  readonly foreign: readonly string[];
  /** Every request URL seen (for diagnostics and for size measurements). */
  readonly all: readonly string[];
}

export async function watchForeignRequests(context: BrowserContext, allowedOrigin: string): Promise<ForeignRequestWatch> {
  const foreign: string[] = [];
  const all: string[] = [];
  const isLocal = (url: string) =>
    url.startsWith(`${allowedOrigin}/`) || url === allowedOrigin || /^(data|blob|about):/.test(url);
  context.on('request', (request) => {
    all.push(request.url());
    if (!isLocal(request.url())) foreign.push(request.url());
  });
  // A request the page's Content-Security-Policy refused never left the browser.
  context.on('requestfailed', (request) => {
    if (request.failure()?.errorText !== 'csp') return;
    const index = foreign.lastIndexOf(request.url());
    if (index >= 0) foreign.splice(index, 1);
  });
  await context.route(
    (url) => !isLocal(url.href),
    async (route) => {
      if (!foreign.includes(route.request().url())) foreign.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  return { foreign, all };
}
