/**
 * Joins the mock's transition table with the scenario catalog: for an operation called on a
 * store in a given ConnectionState, which scenario page explains it. The Start page's "which
 * page is mine?" table and the Reference matrix both read this.
 */
import {
  type ConnectionErrorCode,
  type ConnectionState,
  CONNECTION_ERROR_CODES,
  CONNECTION_STATES,
  type OperationRule,
  OPERATION_RULES,
  type StateGuardedOperation,
  type Verdict,
} from 'kms-custom-key-store-mock/core';
import { scenarioStoreId, type Scenario } from 'kms-custom-key-store-mock/scenarios';

const INVALID_STATE_ERROR = 'CustomKeyStoreInvalidStateException';

/** The ConnectionState of the store a scenario's trigger call names, in the world it starts from. */
export function stateAtTrigger(scenario: Scenario): ConnectionState | undefined {
  const storeId = scenarioStoreId(scenario);
  if (storeId === undefined) return undefined;
  return scenario.world().stores.find((store) => store.id === storeId)?.connectionState;
}

export interface PageForCell {
  scenario: Scenario;
  /** The scenario is about exactly this operation in exactly this state. */
  exact: boolean;
}

const GROUP_PREFERENCE: Readonly<Record<Scenario['group'], number>> = {
  operations: 0,
  causes: 1,
  related: 2,
  'connection-errors': 3,
  baseline: 4,
};

function byGroupPreference(a: Scenario, b: Scenario): number {
  return GROUP_PREFERENCE[a.group] - GROUP_PREFERENCE[b.group];
}

/**
 * The page for `operation` called in `state`: a scenario triggered by exactly that pair, else
 * (when the table says the pair throws) the page about the same operation failing in another
 * state, which explains the same rule.
 */
export function pageFor(
  operation: StateGuardedOperation,
  state: ConnectionState,
  catalog: readonly Scenario[],
): PageForCell | undefined {
  // Only scenarios whose call throws: a connection-error scenario's Connect succeeds (the store fails later).
  const sameOperation = catalog
    .filter((scenario) => scenario.trigger.operation === operation && scenario.expected.error !== undefined)
    .sort(byGroupPreference);
  const exact = sameOperation.find((scenario) => stateAtTrigger(scenario) === state);
  if (exact) return { scenario: exact, exact: true };
  if (verdictOf(operation, state) !== 'throws') return undefined;
  const sameRule = sameOperation.find((scenario) => scenario.expected.error === INVALID_STATE_ERROR);
  return sameRule ? { scenario: sameRule, exact: false } : undefined;
}

function verdictOf(operation: StateGuardedOperation, state: ConnectionState): Verdict {
  return ruleFor(operation).verdicts[state];
}

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  allowed: 'Allowed',
  throws: 'Throws',
  partial: 'Some fields only',
  'no-op': 'Accepted, no effect',
};

/** What the simulation does with a call, in words that finish "the simulation …". */
const SIMULATION_DOES: Readonly<Record<Verdict, string>> = {
  allowed: 'accepts it',
  throws: 'refuses it with CustomKeyStoreInvalidStateException',
  partial: 'accepts only some fields (see the note)',
  'no-op': 'accepts it (200 {}) and changes nothing',
};

/** How a cell AWS does not document is shown everywhere: never as a plain verdict. */
export function undocumentedLabel(verdict: Verdict): string {
  return `Not documented — the simulation ${SIMULATION_DOES[verdict]}`;
}

/** The columns of every operation × state view, in lifecycle order rather than the enum's. */
export const LIFECYCLE_ORDER: readonly ConnectionState[] = ['DISCONNECTED', 'CONNECTING', 'CONNECTED', 'DISCONNECTING', 'FAILED'];
if (LIFECYCLE_ORDER.length !== CONNECTION_STATES.length || !CONNECTION_STATES.every((state) => LIFECYCLE_ORDER.includes(state))) {
  throw new Error(`LIFECYCLE_ORDER (${LIFECYCLE_ORDER.join(', ')}) does not list the states ${CONNECTION_STATES.join(', ')}.`);
}

/** The transition table's rule for `operation` (every state-guarded operation has one). */
export function ruleFor(operation: StateGuardedOperation): OperationRule {
  const rule = OPERATION_RULES.find((candidate) => candidate.operation === operation);
  if (!rule) throw new Error(`The transition table has no rule for ${operation}.`);
  return rule;
}

/** The scenario of each of the 18 ConnectionErrorCode values; fails loudly on a missing one. */
export function scenariosByErrorCode(catalog: readonly Scenario[]): Array<{ code: ConnectionErrorCode; scenario: Scenario }> {
  return CONNECTION_ERROR_CODES.map((code) => {
    const scenario = catalog.find((candidate) => candidate.connectionErrorCode === code);
    if (!scenario) throw new Error(`The scenario catalog has no scenario for ConnectionErrorCode ${code}.`);
    return { code, scenario };
  });
}
