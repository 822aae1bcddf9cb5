/**
 * Site search works in the built site: Starlight's Pagefind index finds a scenario page by the
 * words a reader pastes from their error.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from '../support/browser-fixtures';
import type { PreviewServer } from '../support/preview-server';

test.for<[string, string]>([
  ['USER_LOGGED_IN', '/scenarios/user-logged-in/'],
  ['CustomKeyStoreHasCMKsException', '/scenarios/delete-with-keys/'],
])('searching for %s finds %s', async ([query, expectedPath], { page, server }) => {
  await page.goto(server.urlFor('/'));
  await page.getByRole('button', { name: 'Search' }).click();
  await (await searchInput(page)).fill(query);
  const results = page.locator('.pagefind-ui__result-link');
  await results.first().waitFor({ timeout: 15_000 });
  const hrefs = await results.evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  expect(hrefs.map((href) => href.replace(/^\/[^/]+(?=\/scenarios\/)/, ''))).toContain(expectedPath);
});

/** The dialog's search input once it exists; if it never does, the failure says how far the UI got. */
async function searchInput(page: Page) {
  const input = page.locator('dialog .pagefind-ui__search-input');
  try {
    await input.waitFor({ timeout: 30_000 });
  } catch (error) {
    const state = await page.locator('site-search').getAttribute('data-search-ui');
    throw new Error(`No search input in the dialog; the search UI: ${state ?? 'not started (Starlight never constructed it)'}`, {
      cause: error,
    });
  }
  return input;
}

/** Pagefind's own search over the built index, as the search box runs it: the first three pages. */
async function topThree(page: Page, server: PreviewServer, query: string): Promise<string[]> {
  if (!page.url().startsWith(server.origin)) await page.goto(server.urlFor('/'));
  // A string, so that the test runner leaves this import() as the browser's own.
  const urls: string[] = await page.evaluate(`(async () => {
    const pagefind = await import(${JSON.stringify(server.urlFor('/pagefind/pagefind.js'))});
    const { results } = await pagefind.search(${JSON.stringify(query)});
    return Promise.all(results.slice(0, 3).map(async (result) => (await result.data()).url));
  })()`);
  return urls.map((url) => new URL(url, server.url).pathname.replace(/^\/[^/]+(?=\/scenarios\/)/, ''));
}

// Lines as the AWS CLI (stderr) and boto3 (the last line of a traceback) print them, pasted whole.
describe('error lines pasted whole', () => {
  test.for<[string, string]>([
    [
      'An error occurred (CustomKeyStoreInvalidStateException) when calling the CreateKey operation: CreateKey is not allowed while custom key store cks-1234567890abcdef0 is DISCONNECTED. Connect the custom key store first.',
      // Both pages explain CreateKey refused in a store that is not connected, with this message.
      '/scenarios/create-key-while-disconnected/ or /scenarios/creation-failure/',
    ],
    [
      'An error occurred (CustomKeyStoreInvalidStateException) when calling the CreateKey operation',
      '/scenarios/create-key-while-disconnected/',
    ],
    [
      'An error occurred (CustomKeyStoreInvalidStateException) when calling the UpdateCustomKeyStore operation',
      '/scenarios/update-while-connected/',
    ],
    [
      'An error occurred (CustomKeyStoreInvalidStateException) when calling the GenerateRandom operation',
      '/scenarios/generate-random-while-disconnected/',
    ],
    [
      'An error occurred (CustomKeyStoreHasCMKsException) when calling the DeleteCustomKeyStore operation',
      '/scenarios/delete-with-keys/',
    ],
    [
      'An error occurred (CustomKeyStoreNotFoundException) when calling the DescribeCustomKeyStores operation',
      '/scenarios/store-not-found/',
    ],
    [
      'An error occurred (ThrottlingException) when calling the Encrypt operation (reached max retries: 2): Rate exceeded',
      '/scenarios/throttling/',
    ],
    ['botocore.errorfactory.CustomKeyStoreHasCMKsException', '/scenarios/delete-with-keys/'],
    ['KMS.Client.exceptions.CustomKeyStoreNotFoundException', '/scenarios/store-not-found/'],
    ['botocore.errorfactory.CloudHsmClusterInvalidConfigurationException', '/scenarios/connect-without-hsms-fails-fast/'],
  ])('the pasted line %s puts %s in the top three', async ([query, expectedPath], { fileReader, server }) => {
    const found = await topThree(fileReader.page, server, query);
    expect(
      expectedPath.split(' or ').some((path) => found.includes(path)),
      `top three: ${found.join(', ')}`,
    ).toBe(true);
  });
});

test('on the playground, builds the search UI only when the reader heads for search, and it still finds pages', async ({
  page,
  server,
}) => {
  const searchUiRequests: string[] = [];
  page.on('request', (request) => {
    if (/\/ui-core\.[\w-]+\.js$/.test(new URL(request.url()).pathname)) searchUiRequests.push(request.url());
  });
  await page.goto(server.urlFor('/playground/'));
  await page.waitForSelector('kms-playground[data-editor="ready"]', { state: 'attached', timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  expect(searchUiRequests).toEqual([]);

  await page.keyboard.press('Control+k');
  const input = page.locator('dialog .pagefind-ui__search-input');
  // However busy the page is, the reader's Ctrl+K ends in a search input (built when Starlight
  // constructs the UI, which may be after the key).
  await input.waitFor({ timeout: 60_000 });
  expect(searchUiRequests).toHaveLength(1);
  // Focus moves to the input once it exists, so typing right after the shortcut is not lost.
  await expect.poll(() => input.evaluate((element) => element === document.activeElement)).toBe(true);
  await page.keyboard.type('USER_LOGGED_IN');
  const results = page.locator('.pagefind-ui__result-link');
  await results.first().waitFor({ timeout: 15_000 });
  expect(await results.count()).toBeGreaterThan(0);
});

test('on the playground, a Ctrl+K pressed before the page is idle still ends in a working search input', async ({
  page,
  server,
}) => {
  await page.goto(server.urlFor('/playground/'), { waitUntil: 'domcontentloaded' });
  // As early as Starlight's own shortcut handler exists, long before the editor or the idle time.
  await page.evaluate(() => customElements.whenDefined('site-search'));
  await page.keyboard.press('Control+k');
  const input = page.locator('dialog .pagefind-ui__search-input');
  await input.waitFor({ timeout: 60_000 });
  // Where the focus is while the editor is still loading behind the dialog is not asserted here (the
  // test above checks it once the page has settled); the reader can search.
  await input.fill('USER_LOCKED_OUT');
  await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
});

test('on content pages, builds the search UI without waiting for the reader, as Starlight does', async ({ page, server }) => {
  await page.goto(server.urlFor('/scenarios/healthy/'));
  await page.locator('#starlight__search .pagefind-ui__search-input').waitFor({ state: 'attached', timeout: 15_000 });
});

test('when the search UI fails to load, opening search again loads it', async ({ page, server }) => {
  let refused = 0;
  await page.route(/\/ui-core\.[\w-]+\.js$/, async (route) => {
    if (refused++ === 0) await route.abort('connectionreset');
    else await route.continue();
  });
  await page.goto(server.urlFor('/scenarios/healthy/'));
  await page.locator('site-search[data-search-ui="failed"]').waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Search' }).click();
  await (await searchInput(page)).fill('USER_LOGGED_IN');
  await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
  expect(refused).toBe(2);
});
