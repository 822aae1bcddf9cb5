/**
 * Site search works in the built site: Starlight's Pagefind index finds a scenario page by the
 * words a reader pastes from their error.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIST_DIR } from '../site/built-site';
import { launchChromium, startPreviewServer, type PreviewServer } from './support';

let server: PreviewServer;
let browser: Browser;

beforeAll(async () => {
  server = await startPreviewServer({ root: DIST_DIR });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it.each([
  ['USER_LOGGED_IN', '/scenarios/user-logged-in/'],
  ['CustomKeyStoreHasCMKsException', '/scenarios/delete-with-keys/'],
])('searching for %s finds %s', async (query, expectedPath) => {
  const page = await browser.newPage();
  await page.goto(server.urlFor('/'));
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('dialog .pagefind-ui__search-input').fill(query);
  const results = page.locator('.pagefind-ui__result-link');
  await results.first().waitFor({ timeout: 15_000 });
  const hrefs = await results.evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  expect(hrefs.map((href) => href.replace(/^\/[^/]+(?=\/scenarios\/)/, ''))).toContain(expectedPath);
  await page.close();
});
