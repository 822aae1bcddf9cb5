/**
 * Checks control input that arrives as untrusted JSON (the HTTP control API, share links, a
 * user's test fixtures) before it reaches the world: a world action, a fault, a clock jump.
 * Each parser returns the typed value or throws {@link ControlInputError} naming what is wrong,
 * so that junk never lands in the world (a string where a latency should be, a stray field).
 */
import { FAULT_KINDS, FAULT_OPTIONS, FAULTS } from './faults.ts';
import { PARAMETER_KINDS, describeKind, type ParameterKind } from './parameter-kinds.ts';
import type { FaultInput } from './simulation.ts';
import { WORLD_ACTION_TYPES, isWorldActionType, worldActionParams, type WorldAction } from './world-actions.ts';

export class ControlInputError extends Error {
  override name = 'ControlInputError';
}

/** Ten years of simulated time in one jump is plenty (key deletion waits at most 30 days). */
export const MAX_ADVANCE_MS = 10 * 365 * 24 * 3_600_000;
const MAX_COUNT = 1_000_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function rejectUnknownFields(record: Record<string, unknown>, known: readonly string[], what: string) {
  const unknown = Object.keys(record).filter((field) => !known.includes(field));
  if (unknown.length > 0)
    throw new ControlInputError(
      `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `"${f}"`).join(', ')} in ${what}; allowed: ${known.join(', ') || 'none'}.`,
    );
}

function checkNumber(
  field: string,
  value: unknown,
  { integer, min, max }: { integer: boolean; min: number; max: number },
): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)))
    throw new ControlInputError(`"${field}" must be ${integer ? 'an integer' : 'a number'}, got ${show(value)}.`);
  if (value < min || value > max) throw new ControlInputError(`"${field}" must be between ${min} and ${max}, got ${value}.`);
  return value;
}

/** Checks one parameter against its kind; a missing optional one is fine. */
function checkParam(field: string, kind: ParameterKind, value: unknown): void {
  const spec = PARAMETER_KINDS[kind];
  if (value === undefined) {
    if (spec.optional) return;
    throw new ControlInputError(`Missing "${field}".`);
  }
  if (spec.type === 'number') {
    checkNumber(field, value, spec);
    return;
  }
  if (typeof value !== 'string' || value.length === 0 || value.length > spec.maxLength)
    throw new ControlInputError(
      `"${field}" must be a non-empty string of at most ${spec.maxLength} characters, got ${show(value)}.`,
    );
}

/** `{ "type": "log-out-kmsuser", "clusterId": "…" }` as a checked {@link WorldAction}. */
export function parseWorldAction(value: unknown): WorldAction {
  if (!isRecord(value)) throw new ControlInputError(`A world action must be a JSON object with a "type", got ${show(value)}.`);
  const { type, ...params } = value;
  if (!isWorldActionType(type))
    throw new ControlInputError(`Unknown world action type ${show(type)}. Known types: ${WORLD_ACTION_TYPES.join(', ')}.`);
  const spec = worldActionParams(type);
  rejectUnknownFields(params, Object.keys(spec), `a "${type}" action`);
  for (const [field, kind] of Object.entries(spec)) checkParam(field, kind, params[field]);
  // Every field was checked against the parameter table of this very type.
  return value as WorldAction;
}

/** One parameter of a world action, as a CLI or a form offers it. */
export interface WorldActionParameter {
  name: string;
  required: boolean;
  /** The JSON type the control API expects (a CLI flag's text becomes a number for `number`). */
  type: 'string' | 'number';
  /** What it takes: `milliseconds, 0 to 60000`. */
  takes: string;
}

/** The parameters of one world action type, in order, with what each takes (for `kms-mock act <type> --help`). */
export function describeWorldActionParameters(type: WorldAction['type']): WorldActionParameter[] {
  return Object.entries(worldActionParams(type)).map(([name, kind]) => ({
    name,
    required: !PARAMETER_KINDS[kind].optional,
    type: PARAMETER_KINDS[kind].type,
    takes: describeKind(kind),
  }));
}

/** `{ "kind": "throttling", "operation": "Encrypt", "times": 3 }` as a checked {@link FaultInput}. */
export function parseFaultInput(value: unknown): FaultInput {
  if (!isRecord(value)) throw new ControlInputError(`A fault must be a JSON object with a "kind", got ${show(value)}.`);
  rejectUnknownFields(value, ['kind', 'operation', 'times', ...FAULT_OPTIONS], 'a fault');
  const { kind, operation, times } = value;
  const knownKind = FAULT_KINDS.find((k) => k === kind);
  if (!knownKind) throw new ControlInputError(`Unknown fault kind ${show(kind)}. Known kinds: ${FAULT_KINDS.join(', ')}.`);
  const fault: FaultInput = { kind: knownKind };
  if (operation !== undefined) {
    if (typeof operation !== 'string' || !/^(\*|[A-Z][A-Za-z0-9]{0,63})$/.test(operation))
      throw new ControlInputError(`"operation" must be an operation name such as "Encrypt" (or "*"), got ${show(operation)}.`);
    fault.operation = operation;
  }
  if (times !== undefined) fault.times = checkNumber('times', times, { integer: true, min: 1, max: MAX_COUNT });
  const options: Readonly<Record<string, ParameterKind>> = FAULTS[knownKind].options;
  for (const option of FAULT_OPTIONS) {
    const given = value[option];
    if (given === undefined) continue;
    const kind = options[option];
    if (!kind) {
      const takers = FAULT_KINDS.filter((k) => Object.hasOwn(FAULTS[k].options, option));
      throw new ControlInputError(`"${option}" applies only to the ${takers.map((k) => `"${k}"`).join(', ')} fault.`);
    }
    checkParam(option, kind, given);
    // Checked against the kind this fault's entry gives it.
    Object.assign(fault, { [option]: given });
  }
  return fault;
}

/** A clock jump in milliseconds: a finite, non-negative number of at most {@link MAX_ADVANCE_MS}. */
export function parseAdvanceMs(value: unknown): number {
  return checkNumber('ms', value, { integer: false, min: 0, max: MAX_ADVANCE_MS });
}
