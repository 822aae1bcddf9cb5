/**
 * Every catalog scenario, through the real SDK: the trigger produces the documented error (or,
 * for connection errors, the documented FAILED state and code), and the fix steps, KMS calls and
 * out-of-KMS actions alike, end in the documented good state.
 */
import { KMSServiceException } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createSimulatedClock, CONNECTION_ERROR_CODES, OPERATION_RULES } from '../../../src/mock/core';
import { GROUP_LABELS, scenarios, scenarioIdForCode } from '../../../src/scenarios/catalog';
import { describeStore, runFixStep, runTrigger } from '../../../src/scenarios/driver';
import { useKmsServer } from '../support/kms-test-kit';

const kit = useKmsServer();
const INVALID_STATE = 'CustomKeyStoreInvalidStateException';
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

  it('has unique ids', () => {
    const ids = scenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('fills every sidebar group', () => {
    for (const group of Object.keys(GROUP_LABELS)) expect(scenarios.some((s) => s.group === group), group).toBe(true);
  });

  it('has an operations page for every operation that can throw CustomKeyStoreInvalidStateException, each meeting it', () => {
    const operationPages = scenarios.filter((s) => s.group === 'operations');
    for (const { operation } of OPERATION_RULES) expect(operationPages.map((s) => s.trigger.operation), operation).toContain(operation);
    for (const scenario of operationPages) expect(scenario.expected.error, scenario.id).toBe(INVALID_STATE);
  });

  it('meets the reader with an exception on every cause page, and with a neighbouring one on every related page', () => {
    for (const scenario of scenarios.filter((s) => s.group === 'causes')) expect(scenario.expected.error, scenario.id).toBeDefined();
    for (const scenario of scenarios.filter((s) => s.group === 'related')) {
      expect(scenario.expected.error, scenario.id).toBeDefined();
      expect(scenario.expected.error, scenario.id).not.toBe(INVALID_STATE);
    }
  });

  it('has a baseline in which nothing fails', () => {
    for (const scenario of scenarios.filter((s) => s.group === 'baseline')) expect(scenario.expected.error, scenario.id).toBeUndefined();
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
