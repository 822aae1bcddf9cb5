/**
 * Every catalog scenario in process (msw/node), through the real SDK (the suite is shared with
 * the HTTP endpoint's test, test/endpoint/scenarios-http.test.ts), and the catalog's own shape.
 */
import { describe, expect, it } from 'vitest';
import { CONNECTION_ERROR_CODES, OPERATION_RULES } from 'kms-custom-key-store-mock/core';
import { GROUP_LABELS, scenarios } from 'kms-custom-key-store-mock/scenarios';
import { scenarioIdForCode } from 'kms-custom-key-store-mock/testing';
import { useMockBehindMsw } from '../../support/mock-behind-msw';
import { scenarioSuite } from '../../support/scenario-suite';

const kit = useMockBehindMsw();
const INVALID_STATE = 'CustomKeyStoreInvalidStateException';

scenarioSuite(kit);

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
    for (const group of Object.keys(GROUP_LABELS))
      expect(
        scenarios.some((s) => s.group === group),
        group,
      ).toBe(true);
  });

  it('has an operations page for every operation that can throw CustomKeyStoreInvalidStateException, each meeting it', () => {
    const operationPages = scenarios.filter((s) => s.group === 'operations');
    for (const { operation } of OPERATION_RULES)
      expect(
        operationPages.map((s) => s.trigger.operation),
        operation,
      ).toContain(operation);
    for (const scenario of operationPages) expect(scenario.expected.error, scenario.id).toBe(INVALID_STATE);
  });

  it('meets the reader with an exception on every cause page, and with a neighbouring one on every related page', () => {
    for (const scenario of scenarios.filter((s) => s.group === 'causes'))
      expect(scenario.expected.error, scenario.id).toBeDefined();
    for (const scenario of scenarios.filter((s) => s.group === 'related')) {
      expect(scenario.expected.error, scenario.id).toBeDefined();
      expect(scenario.expected.error, scenario.id).not.toBe(INVALID_STATE);
    }
  });

  it("gives each caller of a scenario's world() a world of its own", () => {
    for (const scenario of scenarios) {
      const changed = scenario.world();
      const untouched = JSON.stringify(scenario.world());
      for (const store of changed.stores) store.name = 'changed';
      for (const key of changed.keys) key.keyId = 'changed';
      expect(JSON.stringify(scenario.world()), scenario.id).toBe(untouched);
    }
  });

  it('has a baseline in which nothing fails', () => {
    for (const scenario of scenarios.filter((s) => s.group === 'baseline'))
      expect(scenario.expected.error, scenario.id).toBeUndefined();
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
