/**
 * Runs a scenario's trigger against a running endpoint, so that `kms-mock serve --scenario <id>`
 * shows the reader what the page's "Confirm it" commands show (the FAILED store, the error),
 * not the world before anything went wrong.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { describeStore, runTrigger } from '../scenarios/driver.ts';
import type { Scenario } from '../scenarios/index.ts';

/** Sends the trigger once (no retries, as the reader's one call) and says in one line what came of it. */
export async function runScenarioTrigger(endpoint: string, scenario: Scenario): Promise<string> {
  const client = new KMSClient({
    endpoint,
    region: scenario.world().region,
    credentials: { accessKeyId: 'AKIAKMSMOCKTRIGGER00', secretAccessKey: 'kms-mock-does-not-verify-signatures' },
    maxAttempts: 1,
  });
  try {
    const { error } = await runTrigger(client, scenario);
    const storeId = scenario.expected.storeId;
    const store = storeId ? await describeStore(client, storeId) : undefined;
    const state = store ? `; ${storeId} is ${store.ConnectionState}${store.ConnectionErrorCode ? ` (${store.ConnectionErrorCode})` : ''}` : '';
    return `ran the trigger, ${scenario.trigger.operation}: ${error ? error.name : 'succeeded'}${state}`;
  } finally {
    client.destroy();
  }
}
