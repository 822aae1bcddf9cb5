/**
 * Every catalog scenario, as a reader meets it: open `/playground/?scenario=<id>`, press Run on
 * the starter code, and see the documented outcome in the Output and Requests panels.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarios } from 'kms-custom-key-store-mock/scenarios';
import {
  launchChromium,
  openPlayground,
  outputText,
  requestRows,
  runAndWait,
  startPreviewServer,
  watchForeignRequests,
  type ForeignRequestWatch,
  type PreviewServer,
} from './support';

let server: PreviewServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let network: ForeignRequestWatch;

beforeAll(async () => {
  server = await startPreviewServer();
  browser = await launchChromium();
  context = await browser.newContext();
  network = await watchForeignRequests(context, server.origin);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('every scenario runs its starter code to the documented outcome', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    await openPlayground(page, server, { scenario: scenario.id });
    expect(await page.inputValue('[data-pg="scenario"]')).toBe(scenario.id);
    const status = await runAndWait(page);
    expect(status).toMatch(/^Finished/);
    const output = await outputText(page);
    for (const text of scenario.sampleShows) expect(output, `output of ${scenario.sample}`).toContain(text);
    if (scenario.expected.connectionErrorCode) expect(output).toContain(scenario.expected.connectionErrorCode);
    if (scenario.expected.error) {
      const rows = await requestRows(page);
      expect(
        rows.map((r) => r.errorType),
        'the mock answered with the documented error',
      ).toContain(scenario.expected.error);
    }
  });
});

it('sent no request to any host other than the local server', () => {
  expect(network.all.length).toBeGreaterThan(0);
  expect(network.foreign).toEqual([]);
});
