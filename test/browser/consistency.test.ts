/**
 * The World panel's eventual-consistency toggle: on by default (with its seed shown), the run
 * worker's mock then answers reads right after Connect/Disconnect with the state before them
 * now and then; turned off, every read is current.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { WORLD_IDS } from 'kms-custom-key-store-mock/core';
import { test } from '../support/browser-fixtures';
import { outputText, runAndWait, worldText } from '../support/playground-page';

// Three connect/disconnect cycles; each read right after a call counts as stale when it still
// shows the state from before that call. With lags of up to a minute, at least one of the six
// reads is stale unless every lag drawn is shorter than one request (about 1 in 10^7).
const PROGRAM = `
import { ConnectCustomKeyStoreCommand, DescribeCustomKeyStoresCommand, DisconnectCustomKeyStoreCommand, KMSClient } from '@aws-sdk/client-kms';
const kms = new KMSClient({ region: 'eu-west-1' });
const CustomKeyStoreId = '${WORLD_IDS.cloudHsmStoreId}';
const read = async () => (await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }))).CustomKeyStores?.[0]?.ConnectionState;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let stale = 0;
for (let cycle = 0; cycle < 3; cycle++) {
  for (const [call, before, end] of [[ConnectCustomKeyStoreCommand, 'DISCONNECTED', 'CONNECTED'], [DisconnectCustomKeyStoreCommand, 'CONNECTED', 'DISCONNECTED']] as const) {
    await kms.send(new call({ CustomKeyStoreId }));
    if ((await read()) === before) stale++;
    while ((await read()) !== end) await sleep(30_000);
  }
}
console.log('stale reads: ' + stale);
`;

const toggle = (page: Page) => page.getByRole('checkbox', { name: /^Eventual consistency/ });
const toggleLabel = (page: Page) => page.innerText('[data-pg="consistency"]');
const staleReads = async (page: Page) => Number(/stale reads: (\d+)/.exec(await outputText(page))?.[1]);

describe('the eventual-consistency toggle', () => {
  test('is on by default and shows its seed; runs then meet reads that still show the state before the call', async ({
    page,
    openPlayground,
  }) => {
    await openPlayground({ scenario: 'create-key-while-disconnected', code: PROGRAM, editor: 'plain' });
    expect(await toggle(page).isChecked()).toBe(true);
    expect(await toggleLabel(page)).toMatch(/Eventual consistency: on[\s\S]*seed \d+/);
    expect(await runAndWait(page)).toMatch(/^Finished/);
    expect(await staleReads(page)).toBeGreaterThan(0);
  });

  test('turned off, the same program meets no stale read, and the World panel reports none', async ({ page, openPlayground }) => {
    await openPlayground({ scenario: 'create-key-while-disconnected', code: PROGRAM, editor: 'plain' });
    await toggle(page).uncheck();
    expect(await toggleLabel(page)).toContain('Eventual consistency: off');
    expect(await runAndWait(page)).toMatch(/^Finished/);
    expect(await staleReads(page)).toBe(0);
    expect(await worldText(page)).not.toContain('may still report');
  });
});
