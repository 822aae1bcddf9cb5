/**
 * The playground on a phone (390 px wide, touch, mobile viewport), in real Chromium against the
 * built site: nothing is wider than the screen, the Requests panel can be read without scrolling
 * sideways, after a World-panel step Run is right there and works, and the phone's plain text
 * editor costs it no download of Monaco.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { test } from '../support/browser-fixtures';
import { openPlayground, outputText, playgroundControls, requestRows, runAndWait, worldText } from '../support/playground-page';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** How far the page reaches past the screen's right edge, in CSS pixels (0 when it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);

/** Where an element is relative to the screen: true when all of it is on screen. */
const onScreen = (control: Locator) =>
  control.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
  });

const tapRunAndWait = (page: Page, button: Locator) => runAndWait(page, 30_000, button, true);

/**
 * Monaco's files: the playground's editor module (`monaco-editor.*`, from `editor/monaco-editor.ts`),
 * the editor API it imports (`editor.api.*`), their stylesheets and Monaco's editor worker.
 */
const MONACO_CHUNK = /\/_astro\/(editor|monaco-editor)\.[\w.-]+\.(js|css)$/;

test('fits the screen, shows every request readably, brings Run to the World panel after a repair, and never downloads Monaco', async ({
  newPage,
  server,
}) => {
  const page = await newPage(PHONE);
  const controls = playgroundControls(page);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await openPlayground(page, server, { scenario: 'user-not-found' });
  expect(await overflow(page)).toBe(0);

  await tapRunAndWait(page, controls.run);
  expect(await outputText(page)).toContain('USER_NOT_FOUND');
  const rows = await requestRows(page);
  expect(rows.map((row) => row.operation)).toContain('ConnectCustomKeyStore');
  expect(await overflow(page)).toBe(0);
  // Every cell of the Requests panel is on the screen's width, and its box need not scroll sideways.
  const requests = await page.$eval('[data-pg="requests-scroller"]', (scroller) => ({
    scrollsSideways: scroller.scrollWidth > scroller.clientWidth,
    cellsOffScreen: [...scroller.querySelectorAll('td')]
      .filter((cell) => {
        const box = cell.getBoundingClientRect();
        return box.width > 0 && (box.left < 0 || box.right > innerWidth);
      })
      .map((cell) => cell.textContent),
  }));
  expect(requests).toEqual({ scrollsSideways: false, cellsOffScreen: [] });

  const fix = page.locator('[data-pg="actions"] .pg-action', { has: page.locator('.pg-fix-badge') }).first();
  // A reader who scrolled just far enough to see the button: it is at the screen's bottom edge.
  await fix.evaluate((button) => button.scrollIntoView({ block: 'end' }));
  await fix.tap();
  expect(await worldText(page)).toContain('A connection attempt now would succeed');
  // The toolbar's Run is far above by now; Run is beside the World panel's result instead.
  expect(await onScreen(controls.runAgain)).toBe(true);
  expect(await page.innerText('[data-pg="world-next"]')).toMatch(/^Done\./);
  expect(await overflow(page)).toBe(0);

  await tapRunAndWait(page, controls.runAgain);
  expect(await page.innerText('[data-pg="world-next"]')).toMatch(/^Finished/);
  expect(await worldText(page)).toMatch(/CONNECTED/);
  expect(await outputText(page)).toMatch(/CONNECTED/);
  expect(await overflow(page)).toBe(0);

  expect(requested.filter((path) => MONACO_CHUNK.test(path))).toEqual([]);
  expect(requested.some((path) => path.startsWith('/_astro/'))).toBe(true);
});
