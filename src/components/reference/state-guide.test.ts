import { describe, expect, it } from 'vitest';
import { CONNECTION_ERROR_CODES, CONNECTION_STATES, OPERATION_RULES } from 'kms-custom-key-store-mock/core';
import { getScenario, scenarios } from 'kms-custom-key-store-mock/scenarios';
import { pageFor, scenariosByErrorCode, stateAtTrigger } from './state-guide';

describe('stateAtTrigger', () => {
  it("reads the state of the trigger's store in the scenario's starting world", () => {
    expect(stateAtTrigger(getScenario('connect-while-failed'))).toBe('FAILED');
    expect(stateAtTrigger(getScenario('update-while-connected'))).toBe('CONNECTED');
  });
});

describe('pageFor', () => {
  it('finds the scenario about exactly this operation in this state', () => {
    expect(pageFor('ConnectCustomKeyStore', 'FAILED', scenarios)).toMatchObject({
      scenario: { id: 'connect-while-failed' },
      exact: true,
    });
  });

  it('prefers the operations page over a cause page for the same pair', () => {
    expect(pageFor('CreateKey', 'DISCONNECTED', scenarios)?.scenario.id).toBe('create-key-while-disconnected');
  });

  it('does not send an allowed Connect to a connection-error page (there the call succeeds), only to one where Connect throws', () => {
    const page = pageFor('ConnectCustomKeyStore', 'DISCONNECTED', scenarios);
    expect(page?.scenario.group).not.toBe('connection-errors');
    expect(page?.scenario.id).toBe('connect-without-hsms-fails-fast');
  });

  it('falls back to the page about the same rule when no scenario covers the exact state', () => {
    expect(pageFor('DisconnectCustomKeyStore', 'DISCONNECTING', scenarios)).toMatchObject({
      scenario: { id: 'disconnect-while-disconnected' },
      exact: false,
    });
  });

  it('leaves no refused operation/state pair without a page', () => {
    const deadEnds = OPERATION_RULES.flatMap((rule) =>
      CONNECTION_STATES.filter((state) => rule.verdicts[state] === 'throws' && !pageFor(rule.operation, state, scenarios)).map(
        (state) => `${rule.operation} while ${state}`,
      ),
    );
    expect(deadEnds).toEqual([]);
  });
});

describe('scenariosByErrorCode', () => {
  it('maps each of the 18 codes to its page id (code in lower case with dashes)', () => {
    const rows = scenariosByErrorCode(scenarios);
    expect(rows).toHaveLength(18);
    for (const { code, scenario } of rows) expect(scenario.id).toBe(code.toLowerCase().replaceAll('_', '-'));
    expect(rows.map((row) => row.code)).toEqual([...CONNECTION_ERROR_CODES]);
  });

  it('fails loudly when a code has no scenario', () => {
    const withoutOne = scenarios.filter((scenario) => scenario.connectionErrorCode !== 'USER_LOCKED_OUT');
    expect(() => scenariosByErrorCode(withoutOne)).toThrow(/USER_LOCKED_OUT/);
  });
});
