/**
 * The sidebar on a desktop screen (1280 px): its labels name pages by codes such as
 * `XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION`, wider than the sidebar, and each breaks its
 * lines between words or between the words of a long name, never at any letter. The sidebar is the
 * same on every page, so one page shows all of it.
 */
import { expect } from 'vitest';
import { test } from '../support/browser-fixtures';
import { linesBrokenInsideAWord } from '../support/line-breaks';

test('breaks every sidebar label between words, or between the words of a long name', async ({ newPage, server }) => {
  const page = await newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.urlFor('/scenarios/healthy/'), { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const labels = page.locator('nav.sidebar a');
  expect(await labels.count()).toBeGreaterThan(40);
  expect(await page.evaluate(linesBrokenInsideAWord, 'nav.sidebar a')).toEqual([]);
});
