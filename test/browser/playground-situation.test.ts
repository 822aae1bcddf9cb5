/**
 * Links that carry the situation, in real Chromium against the built site: repair and jump in
 * the World panel, copy the link, open it in a fresh browser and meet the same world and the
 * same run output; a situation that no longer applies says what was and was not restored;
 * old `?scenario=…#code=…` links open as they always did.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { EDITOR_PARAM } from '../../src/playground/editor/choose-editor';
import { encodeCodeHash } from '../../src/playground/share/code-hash';
import { encodeSituationParam } from '../../src/playground/share/situation-hash';
import { test } from '../support/browser-fixtures';
import {
  noticesText,
  openPlayground,
  outputText,
  playgroundControls,
  runAndWait,
  statusText,
  worldText,
} from '../support/playground-page';

const elapsedText = (page: Page) => page.innerText('[data-pg="clock"] .pg-clock-elapsed');
/** Request ids and timestamps differ from run to run; what the program reports must not. */
const stableOutput = async (page: Page) =>
  (await outputText(page)).replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>');

describe('a link carries the situation', () => {
  test('repair, jump, copy, open in a fresh browser: same World panel, same run output', async ({ newPage, server }) => {
    const page = await newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await openPlayground(page, server, { scenario: 'user-locked-out', editor: 'plain' });
    await playgroundControls(page).worldAction('to kmsPswd-2024').click();
    await playgroundControls(page).timeJump('+1 hour').click();
    expect(await worldText(page)).toContain('A connection attempt now would succeed');
    await playgroundControls(page).copyLink.click();
    await expect.poll(() => statusText(page)).toMatch(/Link copied\. .*2 World-panel steps/);
    const link = await playgroundControls(page).link.inputValue();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    expect(link.length).toBeLessThan(400);
    // The reader's own choice of the plain editor stays in their address bar, not in the link.
    expect(new URL(page.url()).searchParams.get(EDITOR_PARAM)).toBe('plain');
    expect(new URL(link).searchParams.has(EDITOR_PARAM)).toBe(false);
    const world = await worldText(page);
    const elapsed = await elapsedText(page);
    expect(elapsed).toContain('1 h since the scenario started');

    const other = await newPage();
    await other.goto(link);
    await other.waitForSelector('kms-playground[data-editor="ready"]');
    expect(await playgroundControls(other).scenario.inputValue()).toBe('user-locked-out');
    expect(await noticesText(other)).toMatch(/Restored from the link: Set the kmsuser password.*; \+1 h of simulated time\./);
    expect(await worldText(other)).toBe(world);
    expect(await elapsedText(other)).toBe(elapsed);

    await runAndWait(page);
    await runAndWait(other);
    expect(await outputText(other)).toMatch(/CONNECTED/);
    expect(await stableOutput(other)).toBe(await stableOutput(page));
    expect(await worldText(other)).toBe(await worldText(page));
  });

  test('carries the eventual-consistency toggle when it was turned off; left on, a link needs no situation', async ({
    newPage,
    server,
  }) => {
    const page = await newPage();
    await openPlayground(page, server, { scenario: 'connect-while-failed', editor: 'plain' });
    const linkWithLagOn = page.url();
    expect(linkWithLagOn).not.toContain('world=');
    await page.getByRole('checkbox', { name: /^Eventual consistency/ }).click();
    await expect.poll(() => page.innerText('[data-pg="consistency"]')).toContain('Eventual consistency: off');
    await playgroundControls(page).copyLink.click();
    const link = await playgroundControls(page).link.inputValue();
    expect(link).toContain('world=');

    const other = await newPage();
    await other.goto(link);
    await other.waitForSelector('kms-playground[data-editor="ready"]');
    expect(await other.innerText('[data-pg="consistency"]')).toContain('Eventual consistency: off');
    expect(await other.getByRole('checkbox', { name: /^Eventual consistency/ }).isChecked()).toBe(false);
    expect(await noticesText(other)).toContain('Restored from the link: consistency = false.');
  });

  test('a situation that no longer applies says what was restored and what was not, and the playground works', async ({
    newPage,
    server,
  }) => {
    const page = await newPage();
    const situation = encodeSituationParam({
      steps: [
        { kind: 'jump', ms: 3_600_000 },
        { kind: 'act', action: { type: 'activate-cluster', clusterId: 'cluster-renamed0000' } },
        { kind: 'jump', ms: 300_000 },
      ],
      toggles: { noSuchToggle: true },
    });
    await openPlayground(page, server, { scenario: 'user-locked-out', hash: `#${situation}`, editor: 'plain' });
    const notices = await noticesText(page);
    expect(notices).toContain('This link’s world situation no longer fully applies');
    expect(notices).toContain('Restored from the link: +1 h of simulated time.');
    expect(notices).toContain(
      'Could not restore “Initialize and activate cluster cluster-renamed0000”: No CloudHSM cluster cluster-renamed0000 in this world.',
    );
    expect(notices).toContain('Not replayed after it: +5 min of simulated time.');
    expect(notices).toContain('Settings not restored: noSuchToggle = true (this playground has no such setting).');
    expect(await elapsedText(page)).toContain('1 h since the scenario started');
    expect(await worldText(page)).toContain('kmsuser is locked out');
    expect(await runAndWait(page)).toMatch(/^Finished/);
    expect(await outputText(page)).toContain('USER_LOCKED_OUT');
  });

  test('a situation for a scenario that was renamed is not applied to another one, and the page says so', async ({
    newPage,
    server,
  }) => {
    const page = await newPage();
    const situation = encodeSituationParam({ steps: [{ kind: 'jump', ms: 3_600_000 }], toggles: {} });
    await openPlayground(page, server, { scenario: 'user-locked-out-old-name', hash: `#${situation}`, editor: 'plain' });
    const notices = await noticesText(page);
    expect(notices).toContain('There is no scenario called “user-locked-out-old-name”');
    expect(notices).toContain('belongs to the missing scenario, so none of it was restored');
    expect(await elapsedText(page)).toContain('0 ms since the scenario started');
    expect(await runAndWait(page)).toMatch(/^Finished/);
  });

  test('a damaged situation is reported and the code in the link still loads', async ({ newPage, server }) => {
    const page = await newPage();
    const situation = encodeSituationParam({ steps: [{ kind: 'jump', ms: 3_600_000 }], toggles: {} });
    await openPlayground(page, server, {
      scenario: 'healthy',
      hash: `${encodeCodeHash('console.log("code survives");')}&${situation.slice(0, -4)}`,
      editor: 'plain',
    });
    expect(await noticesText(page)).toMatch(/The world situation in this link could not be restored: .*cut short/);
    await runAndWait(page);
    expect(await outputText(page)).toBe('code survives');
  });

  test('old ?scenario=…#code=… links open the code on the starting world, with no message', async ({ newPage, server }) => {
    const page = await newPage();
    const start = await newPage();
    await openPlayground(start, server, { scenario: 'user-locked-out', editor: 'plain' });
    await openPlayground(page, server, {
      scenario: 'user-locked-out',
      hash: encodeCodeHash('console.log("an old link");'),
      editor: 'plain',
    });
    expect(await noticesText(page)).toBe('');
    expect(await worldText(page)).toBe(await worldText(start));
    await runAndWait(page);
    expect(await outputText(page)).toBe('an old link');
    // Touching nothing in the world keeps the link in its old shape.
    expect(await page.evaluate(() => location.hash)).toBe(encodeCodeHash('console.log("an old link");'));
  });
});
