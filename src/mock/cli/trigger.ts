/**
 * Runs a scenario's trigger against a running endpoint, so that `kms-mock serve --scenario <id>`
 * shows the reader what the page's "Confirm it" commands show (the FAILED store, the error),
 * not the world before anything went wrong.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { describeStore, runTrigger } from '../scenarios/driver.ts';
import type { Scenario } from '../scenarios/index.ts';
import { UNSIGNED_AWS_PATH } from '../node/control-api.ts';
import type { ServerAddress } from './control-client.ts';

/**
 * Sends the trigger once (no retries, as the reader's one call) and says in one line what came of it.
 * It goes to the server's unsigned AWS endpoint under the control API, so it needs no key even when
 * the server verifies signatures. In `account` when one is given: the server puts a request signed
 * with a 12-digit access key id there.
 */
export async function runScenarioTrigger({ endpoint, account }: ServerAddress, scenario: Scenario): Promise<string> {
  const client = new KMSClient({
    endpoint: `${endpoint.replace(/\/+$/, '')}${UNSIGNED_AWS_PATH.slice(0, -1)}`,
    region: scenario.world().region,
    credentials: { accessKeyId: account ?? 'AKIAKMSMOCKTRIGGER00', secretAccessKey: 'not-verified-on-this-path' },
    maxAttempts: 1,
  });
  try {
    const { error } = await runTrigger(client, scenario);
    const storeId = scenario.expected.storeId;
    const store = storeId ? await describeStore(client, storeId) : undefined;
    const state = store
      ? `; ${storeId} is ${store.ConnectionState}${store.ConnectionErrorCode ? ` (${store.ConnectionErrorCode})` : ''}`
      : '';
    return `ran the trigger, ${scenario.trigger.operation}: ${error ? error.name : 'succeeded'}${state}`;
  } finally {
    client.destroy();
  }
}
