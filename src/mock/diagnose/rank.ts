/**
 * Ranks the catalog's scenarios by the facts of a paste. Each scenario's signature comes from the
 * catalog (the exception it expects, its trigger's operation, the store's state, its connection
 * error code, store type and message fragment); a fact that contradicts the signature rules the
 * scenario out, a fact that agrees counts for it, and a fact the paste lacks counts for nothing.
 */
import {
  CRYPTO_OPERATION_NAMES,
  OPERATION_RULES,
  type ConnectionErrorCode,
  type ConnectionState,
  type CustomKeyStoreType,
} from '../core/index.ts';
import type { Scenario } from '../scenarios/index.ts';
import type { DiagnosisFacts } from './facts.ts';

type Dimension = 'exception' | 'operation' | 'connectionState' | 'connectionErrorCode' | 'storeType' | 'messageFragment';

interface Signature {
  exception?: string;
  operation: string;
  connectionState?: ConnectionState;
  /** Only for the connection-error scenarios, whose code is the cause itself. */
  connectionErrorCode?: ConnectionErrorCode;
  storeType?: CustomKeyStoreType;
  /** Whether another store type rules the scenario out (false where the same rule holds for both). */
  storeTypeDecides: boolean;
  messageFragment?: string;
}

const WEIGHTS: Record<Dimension, number> = {
  exception: 4,
  connectionErrorCode: 5,
  messageFragment: 4,
  operation: 3,
  connectionState: 3,
  storeType: 1,
};

const STATE_GUARDED = new Set<string>(OPERATION_RULES.map((rule) => rule.operation));
/** Calls that use a KMS key (Encrypt, Decrypt, GenerateDataKey, …): in a scenario, Encrypt stands for all of them. */
const KEY_OPERATIONS = new Set(CRYPTO_OPERATION_NAMES.filter((name) => !STATE_GUARDED.has(name)));
const sameOperation = (a: string, b: string) => a === b || (KEY_OPERATIONS.has(a) && KEY_OPERATIONS.has(b));

/** The scenarios a paste can be about: those that fail, with an exception or a connection error code. */
const isProblem = (scenario: Scenario) => scenario.expected.error !== undefined || scenario.connectionErrorCode !== undefined;

function signatureOf(scenario: Scenario): Signature {
  const { expected, trigger } = scenario;
  const rule = OPERATION_RULES.find((r) => r.operation === trigger.operation);
  const bothTypesBehaveAlike =
    expected.error === 'CustomKeyStoreInvalidStateException' &&
    rule !== undefined &&
    rule.storeTypes.length > 1 &&
    scenario.group !== 'related';
  return {
    operation: trigger.operation,
    storeTypeDecides: !bothTypesBehaveAlike,
    ...(expected.error ? { exception: expected.error } : {}),
    ...(expected.connectionState ? { connectionState: expected.connectionState } : {}),
    ...(scenario.connectionErrorCode ? { connectionErrorCode: scenario.connectionErrorCode } : {}),
    ...(scenario.storeType ? { storeType: scenario.storeType } : {}),
    ...(expected.messageIncludes ? { messageFragment: expected.messageIncludes } : {}),
  };
}

export interface RankedScenario {
  scenario: Scenario;
  score: number;
  /** The facts the scenario's defining fact (its exception or connection error code) rests on are all known. */
  confirmed: boolean;
  matched: Dimension[];
  /** Dimensions the scenario has that the paste does not show. */
  unknown: Dimension[];
}

export function rankScenarios(scenarios: readonly Scenario[], facts: DiagnosisFacts): RankedScenario[] {
  const ranked: RankedScenario[] = [];
  for (const scenario of scenarios.filter(isProblem)) {
    const signature = signatureOf(scenario);
    const verdicts = compare(signature, facts);
    if (verdicts.contradicts) continue;
    const defining: Dimension = signature.exception ? 'exception' : 'connectionErrorCode';
    const decisive = verdicts.matched.some((d) => d === 'exception' || d === 'connectionErrorCode' || d === 'messageFragment');
    if (!decisive) continue;
    ranked.push({
      scenario,
      score:
        verdicts.matched.reduce((sum, d) => sum + WEIGHTS[d], 0) -
        (verdicts.storeTypeDiffers ? WEIGHTS.storeType : 0) -
        (verdicts.unexplainedException ? WEIGHTS.exception : 0) -
        // A message names the general failure ("cannot communicate with your CloudHSM cluster") before
        // its specific cause ("the cluster has no active HSM"): the scenario of the last fragment fits best.
        (verdicts.matched.includes('messageFragment') && signature.messageFragment !== facts.messageFragments.at(-1) ? 1 : 0),
      confirmed: verdicts.matched.includes(defining),
      matched: verdicts.matched,
      unknown: verdicts.unknown,
    });
  }
  return ranked.sort((a, b) => Number(b.confirmed) - Number(a.confirmed) || b.score - a.score);
}

function compare(signature: Signature, facts: DiagnosisFacts) {
  const matched: Dimension[] = [];
  const unknown: Dimension[] = [];
  let contradicts = false;
  let storeTypeDiffers = false;
  const check = (
    dimension: Dimension,
    expected: string | undefined,
    actual: string | undefined,
    same = (a: string, b: string) => a === b,
  ) => {
    if (expected === undefined) return;
    if (actual === undefined) unknown.push(dimension);
    else if (same(expected, actual)) matched.push(dimension);
    else if (dimension === 'storeType' && !signature.storeTypeDecides) storeTypeDiffers = true;
    else contradicts = true;
  };
  check('exception', signature.exception, facts.exception);
  check('operation', signature.operation, facts.operation, sameOperation);
  check('connectionState', signature.connectionState, facts.connectionState);
  check('connectionErrorCode', signature.connectionErrorCode, facts.connectionErrorCode);
  check('storeType', signature.storeType, facts.storeType);
  if (signature.messageFragment !== undefined) {
    if (facts.messageFragments.includes(signature.messageFragment)) matched.push('messageFragment');
    // Another scenario's wording in the message rules this one out; no known wording says nothing.
    else if (facts.messageFragments.length > 0) contradicts = true;
    else unknown.push('messageFragment');
  }
  // A connection error is read from describe output: an exception from another operation rules it
  // out, and one from its own (ConnectCustomKeyStore on the FAILED store) fits the scenario about that exception better.
  const unexplainedException = signature.exception === undefined && facts.exception !== undefined;
  if (unexplainedException && facts.operation !== undefined && !sameOperation(facts.operation, signature.operation))
    contradicts = true;
  return { matched, unknown, contradicts, storeTypeDiffers, unexplainedException };
}

/** The fact that would separate the best candidates, as the question to ask the reader. */
export function decidingQuestion(best: readonly RankedScenario[], facts: DiagnosisFacts): string {
  const differs = (pick: (s: Signature) => string | undefined) =>
    new Set(best.map((r) => pick(signatureOf(r.scenario)))).size > 1;
  const storeHint = facts.storeId ?? 'cks-…';
  if (facts.operation === undefined && differs((s) => s.operation))
    return 'Which call failed? Paste the line that names the operation (the AWS CLI’s “when calling the … operation”, a stack frame, or the command you ran).';
  if (
    (facts.connectionState === undefined && differs((s) => s.connectionState)) ||
    (facts.storeType === undefined && differs((s) => s.storeType))
  )
    return `Paste the output of \`aws kms describe-custom-key-stores --custom-key-store-id ${storeHint}\`: the store's type and ConnectionState decide between these.`;
  if (facts.messageFragments.length === 0 && differs((s) => s.messageFragment))
    return 'Paste the whole error message: its wording names the cause.';
  return 'Nothing in an error or in describe output tells these apart: read their summaries and take the one that matches what you did.';
}
