/**
 * The environment variables a scenario's handling program reads, set alike by the playground (as
 * `process.env` in its run worker) and the sample tests: the program runs as a reader would run it
 * with these variables, against the scenario's world.
 */
import type { Scenario } from './types.ts';

/** The custom key store a scenario is about: the one its trigger call names, else the one it checks. */
export function scenarioStoreId(scenario: Scenario): string | undefined {
  const storeId = scenario.trigger.input['CustomKeyStoreId'] ?? scenario.expected.storeId;
  return typeof storeId === 'string' ? storeId : undefined;
}

export function sampleEnvironment(scenario: Scenario): Record<string, string> {
  const storeId = scenarioStoreId(scenario);
  // connect-and-diagnose connects only the store it is given.
  return storeId ? { CUSTOM_KEY_STORE_ID: storeId } : {};
}
