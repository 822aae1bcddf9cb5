/**
 * The /diagnose/ page in Chromium, as a reader uses it: paste, press the button (or Ctrl+Enter),
 * follow the page link and the playground link. The paste never leaves the page: no request at all
 * is made while diagnosing, and nothing of it lands in the URL, localStorage or sessionStorage.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from '../support/browser-fixtures';
import { watchForeignRequests } from '../support/foreign-requests';
import { worldText } from '../support/playground-page';
import type { PreviewServer } from '../support/preview-server';

const SECRET = 'kmsPswd-2025-DoNotLeak';
const PASTE = [
  `aws kms update-custom-key-store --custom-key-store-id cks-1234567890abcdef0 --key-store-password ${SECRET}`,
  'An error occurred (CustomKeyStoreInvalidStateException) when calling the ConnectCustomKeyStore operation: ConnectCustomKeyStore is not allowed while custom key store cks-1234567890abcdef0 is FAILED.',
].join('\n');

async function openDiagnose(page: Page, server: PreviewServer, path = '/diagnose/'): Promise<void> {
  await page.goto(server.urlFor(path), { waitUntil: 'load' });
}

async function storageAndUrl(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify([location.href, { ...localStorage }, { ...sessionStorage }]));
}

describe('/diagnose/', () => {
  test('answers a paste with the right page and a playground link, without a single request, and keeps no secret', async ({
    page,
    server,
  }) => {
    const watch = await watchForeignRequests(page.context(), server.origin);
    await openDiagnose(page, server);
    await page.waitForLoadState('networkidle');
    const requestsBefore = watch.all.length;
    await page
      .getByLabel(/Paste what you have/)
      .first()
      .fill(PASTE);
    await page.getByRole('button', { name: 'Find my page' }).first().click();
    const pageLink = page.locator('[data-diagnose-page="connect-while-failed"]');
    await pageLink.waitFor();
    expect(await page.locator('[data-diagnose-answer]').first().innerText()).toMatch(/ConnectCustomKeyStore[\s\S]*FAILED/);
    expect(watch.all.slice(requestsBefore), 'requests made while diagnosing').toEqual([]);
    expect(watch.foreign).toEqual([]);
    expect(await storageAndUrl(page)).not.toContain(SECRET);
    expect(await page.locator('[data-diagnose-answer]').first().innerText()).not.toContain(SECRET);

    const playgroundHref = await page.locator('[data-diagnose-playground="connect-while-failed"]').getAttribute('href');
    expect(playgroundHref).not.toContain(SECRET);
    await pageLink.click();
    await page.waitForURL(/\/scenarios\/connect-while-failed\/$/);
    expect(await page.title()).toMatch(/FAILED/);

    const playground = await page.context().newPage();
    await playground.goto(new URL(playgroundHref!, server.urlFor('/')).href);
    await playground.waitForSelector('kms-playground[data-editor="ready"]', { timeout: 30_000 });
    expect(await worldText(playground)).toMatch(/FAILED/);
  });

  test('works from the keyboard (Ctrl+Enter) and announces the answer in a polite live region; a non-problem gets its reason', async ({
    page,
    server,
  }) => {
    await openDiagnose(page, server);
    const box = page.getByLabel(/Paste what you have/).first();
    await box.focus();
    await page.keyboard.insertText(
      'An error occurred (AccessDeniedException) when calling the Encrypt operation: not authorized',
    );
    await page.keyboard.press('Control+Enter');
    const answer = page.locator('[data-diagnose-answer]').first();
    await page.locator('[data-diagnose-reason]').waitFor();
    expect(await answer.getAttribute('aria-live')).toBe('polite');
    expect(await answer.getAttribute('role')).toBe('status');
    expect(await answer.innerText()).toContain('AccessDeniedException is not one of the custom key store errors');
  });

  test.for(['/', '/guides/troubleshooting/'])('the same box works on %s', async (path, { page, server }) => {
    await openDiagnose(page, server, path);
    await page
      .getByLabel(/Paste what you have/)
      .first()
      .fill('USER_LOCKED_OUT');
    await page.getByRole('button', { name: 'Find my page' }).first().click();
    await page.locator('[data-diagnose-page="user-locked-out"]').waitFor();
  });
});
