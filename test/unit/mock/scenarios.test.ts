/**
 * Every catalog scenario, through the real SDK: the trigger produces the documented error (or,
 * for connection errors, the documented FAILED state and code), and the fix steps, KMS calls and
 * out-of-KMS actions alike, end in the documented good state.
 */
import { KMSServiceException } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createSimulatedClock, CONNECTION_ERROR_CODES } from '../../../src/mock/core';
import { scenarios, scenarioIdForCode } from '../../../src/scenarios/catalog';
import { describeStore, runFixStep, runTrigger } from '../../../src/scenarios/driver';
import { useKmsServer } from '../support/kms-test-kit';

const kit = useKmsServer();
// Simulated time stands still unless the test moves it: each poll of a wait step advances it
// 100 ms. Deterministic however loaded the machine is.
const frozen = () => createSimulatedClock({ realNow: () => 0 });

describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
  it('meets the reader with the documented symptom', async () => {
    const { client, mock } = kit.start({ scenario: scenario.id, clock: frozen() });
    const { error } = await runTrigger(client, scenario, { tick: () => mock.advanceTime(100) });
    const expected = scenario.expected;
    if (expected.error) {
      expect(error?.name).toBe(expected.error);
      expect(error).toBeInstanceOf(KMSServiceException);
      expect(error?.$metadata?.['httpStatusCode']).toBe(expected.httpStatus);
      if (expected.messageIncludes) expect(error?.message).toContain(expected.messageIncludes);
    } else {
      expect(error).toBeUndefined();
    }
    if (expected.storeId) {
      const entry = await describeStore(client, expected.storeId);
      expect(entry?.ConnectionState).toBe(expected.connectionState);
      expect(entry?.ConnectionErrorCode).toBe(expected.connectionErrorCode);
    }
  });

  it('is repaired by its fix steps', async () => {
    const { client, mock } = kit.start({ scenario: scenario.id, clock: frozen() });
    const tick = () => mock.advanceTime(100);
    await runTrigger(client, scenario, { tick });
    for (const step of scenario.fix) await runFixStep(client, mock, step, { tick });
    const world = mock.snapshot();
    const { storeId, connectionState, storeDeleted, keyId, keyState } = scenario.fixed;
    if (storeId && storeDeleted) expect(world.stores.find((s) => s.id === storeId)).toBeUndefined();
    if (storeId && connectionState) expect((await describeStore(client, storeId))?.ConnectionState).toBe(connectionState);
    if (keyId && keyState) {
      const { DescribeKeyCommand } = await import('@aws-sdk/client-kms');
      const { KeyMetadata } = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
      expect(KeyMetadata?.KeyState).toBe(keyState);
    }
  });
});

describe('the catalog', () => {
  it('has one scenario for each of the 18 ConnectionErrorCode values, named after it', () => {
    for (const code of CONNECTION_ERROR_CODES) {
      const scenario = scenarios.find((s) => s.id === scenarioIdForCode(code));
      expect(scenario?.connectionErrorCode, code).toBe(code);
      expect(scenario?.expected.connectionErrorCode, code).toBe(code);
    }
    expect(scenarios.filter((s) => s.group === 'connection-errors')).toHaveLength(18);
  });

  it('has every id the issue requires, each unique', () => {
    const required = [
      'creation-failure', 'deletion-failure', 'connection-loss',
      'connect-while-failed', 'connect-while-disconnecting', 'disconnect-while-disconnected', 'create-key-while-disconnected',
      'update-while-connected', 'delete-while-connected', 'generate-random-while-disconnected', 'xks-create-key-proxy-unreachable',
      'delete-with-keys', 'store-not-found', 'crypto-on-unavailable-key', 'throttling', 'healthy',
    ];
    const ids = scenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of required) expect(ids).toContain(id);
    expect(ids).toHaveLength(required.length + 18);
  });

  it('healthy: a CONNECTED CloudHSM store and a CONNECTED external key store, each with one enabled key', async () => {
    const { mock } = kit.start({ scenario: 'healthy' });
    const world = mock.snapshot();
    expect(world.stores.map((s) => [s.type, s.connectionState])).toEqual([
      ['AWS_CLOUDHSM', 'CONNECTED'],
      ['EXTERNAL_KEY_STORE', 'CONNECTED'],
    ]);
    for (const store of world.stores) {
      expect(world.keys.filter((k) => k.customKeyStoreId === store.id && k.keyState === 'Enabled')).toHaveLength(1);
    }
  });
});
