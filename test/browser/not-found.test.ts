/**
 * A reader who follows a broken link lands on the site's 404 page, which names the address, offers
 * the page it most likely meant and the ways in that need no address. The suggestion is a link that
 * opens that page.
 */
import { describe, expect } from 'vitest';
import { test } from '../support/browser-fixtures';

describe('the 404 page', () => {
  test('offers the scenario a mistyped address meant, and the link opens it', async ({ page, server }) => {
    const response = await page.goto(server.urlFor('/scenarios/user-lockedout/'), { waitUntil: 'load' });
    expect(response?.status()).toBe(404);
    await expect
      .poll(() => page.locator('main').getByText('There is no page at').innerText())
      .toContain('/scenarios/user-lockedout/');
    const suggestion = page.locator('main p', { hasText: 'Did you mean' }).getByRole('link');
    await expect.poll(() => suggestion.innerText()).toMatch(/^USER_LOCKED_OUT: /);
    await suggestion.click();
    await page.waitForURL(/\/scenarios\/user-locked-out\/$/);
    expect(await page.locator('main h1').innerText()).toMatch(/^USER_LOCKED_OUT: /);
  });

  test('reads a ConnectionErrorCode typed as the address', async ({ page, server }) => {
    await page.goto(server.urlFor('/scenarios/XKS_PROXY_TIMED_OUT/'), { waitUntil: 'load' });
    const suggestion = page.locator('main p', { hasText: 'Did you mean' }).getByRole('link');
    await expect.poll(() => suggestion.getAttribute('href')).toBe('/scenarios/xks-proxy-timed-out/');
  });

  test('suggests nothing for an address near no page, and still offers diagnose and the start page', async ({ page, server }) => {
    await page.goto(server.urlFor('/wp-admin/setup.php'), { waitUntil: 'load' });
    await page.locator('main').getByText('There is no page at').waitFor();
    expect(await page.locator('main p', { hasText: 'Did you mean' }).isVisible()).toBe(false);
    const main = page.locator('main');
    expect(await main.getByRole('link', { name: 'Diagnose a pasted error' }).getAttribute('href')).toBe('/diagnose/');
    expect(await main.getByRole('link', { name: 'Start here' }).getAttribute('href')).toBe('/');
  });
});
