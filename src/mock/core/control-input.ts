/**
 * Checks control input that arrives as untrusted JSON (the HTTP control API, share links, a
 * user's test fixtures) before it reaches the world: a world action, a fault, a clock jump.
 * Each parser returns the typed value or throws {@link ControlInputError} naming what is wrong,
 * so that junk never lands in the world (a string where a latency should be, a stray field).
 */
import type { FaultKind } from './model.ts';
import type { FaultInput } from './simulation.ts';
import type { WorldAction } from './world-actions.ts';

export class ControlInputError extends Error {
  override name = 'ControlInputError';
}

/** How one parameter of a world action is checked. */
type RequiredKind = 'name' | 'secret' | 'milliseconds';
type OptionalKind = 'optional-name' | 'optional-count';

type ParamsOf<Type extends WorldAction['type']> = Omit<Extract<WorldAction, { type: Type }>, 'type'>;

/**
 * Every world action's parameters and how each is checked. Total by type: a new action in
 * WORLD_ACTIONS fails the type check until its parameters are listed here, and an optional
 * parameter must use an optional kind.
 */
const WORLD_ACTION_PARAMS: {
  readonly [Type in WorldAction['type']]: {
    readonly [Param in keyof ParamsOf<Type>]-?: undefined extends ParamsOf<Type>[Param] ? OptionalKind : RequiredKind;
  };
} = {
  'add-hsm': { clusterId: 'name', availabilityZone: 'optional-name' },
  'remove-all-hsms': { clusterId: 'name' },
  'activate-cluster': { clusterId: 'name' },
  'fix-cluster-security-group': { clusterId: 'name' },
  'free-subnet-addresses': { clusterId: 'name', count: 'optional-count' },
  'restore-cluster-from-backup': { clusterId: 'name', newClusterId: 'name' },
  'create-kmsuser': { clusterId: 'name', password: 'secret' },
  'set-kmsuser-password': { clusterId: 'name', password: 'secret' },
  'log-out-kmsuser': { clusterId: 'name' },
  'restore-cloudhsm-network': {},
  'break-cloudhsm-network': {},
  'restore-xks-network': {},
  'clear-kms-internal-errors': {},
  'start-proxy': { uriEndpoint: 'name' },
  'set-proxy-latency': { uriEndpoint: 'name', latencyMs: 'milliseconds' },
  'repair-proxy-tls': { uriEndpoint: 'name' },
  'set-proxy-uri-path': { uriEndpoint: 'name', uriPath: 'name' },
  'authorize-kms-on-proxy': { uriEndpoint: 'name' },
  'fix-proxy-responses': { uriEndpoint: 'name' },
  'set-proxy-credential': { uriEndpoint: 'name', accessKeyId: 'name', secretAccessKey: 'secret' },
  'allow-kms-on-endpoint-service': { serviceName: 'name' },
  'fix-endpoint-service-configuration': { serviceName: 'name' },
  'recover-key-material': { keyId: 'name' },
  'free-pkcs11-sessions': { clusterId: 'name' },
  'restore-external-key': { uriEndpoint: 'name', externalKeyId: 'name' },
  'enable-external-key': { uriEndpoint: 'name', externalKeyId: 'name' },
  'allow-external-key-usage': { uriEndpoint: 'name', externalKeyId: 'name' },
};

/** The world action types, for help texts and error messages. */
export const WORLD_ACTION_TYPES = Object.keys(WORLD_ACTION_PARAMS) as readonly WorldAction['type'][];

/** The parameter names of one action type (for a CLI mapping `--cluster-id` to `clusterId`). */
export function worldActionParams(type: WorldAction['type']): Readonly<Record<string, RequiredKind | OptionalKind>> {
  return WORLD_ACTION_PARAMS[type];
}

export const FAULT_KINDS = [
  'throttling',
  'internal-error',
  'key-unavailable',
  'dependency-timeout',
  'network-error',
  'latency',
] as const satisfies readonly FaultKind[];
// Fails to compile when FaultKind gains a kind this list lacks.
const everyFaultKindListed: Exclude<FaultKind, (typeof FAULT_KINDS)[number]> extends never ? true : never = true;
void everyFaultKindListed;

const MAX_NAME_LENGTH = 256;
/** Latency faults really wait: bounded so that one control request cannot stall the server for long. */
const MAX_LATENCY_MS = 60_000;
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
    throw new ControlInputError(`Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `"${f}"`).join(', ')} in ${what}; allowed: ${known.join(', ') || 'none'}.`);
}

function checkNumber(field: string, value: unknown, { integer, min, max }: { integer: boolean; min: number; max: number }): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)))
    throw new ControlInputError(`"${field}" must be ${integer ? 'an integer' : 'a number'}, got ${show(value)}.`);
  if (value < min || value > max) throw new ControlInputError(`"${field}" must be between ${min} and ${max}, got ${value}.`);
  return value;
}

function checkParam(field: string, kind: RequiredKind | OptionalKind, value: unknown): void {
  if (value === undefined && kind.startsWith('optional-')) return;
  if (value === undefined) throw new ControlInputError(`Missing "${field}".`);
  switch (kind) {
    case 'name':
    case 'optional-name':
    case 'secret':
      if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_LENGTH)
        throw new ControlInputError(`"${field}" must be a non-empty string of at most ${MAX_NAME_LENGTH} characters, got ${show(value)}.`);
      return;
    case 'optional-count':
      checkNumber(field, value, { integer: true, min: 0, max: MAX_COUNT });
      return;
    case 'milliseconds':
      checkNumber(field, value, { integer: false, min: 0, max: MAX_LATENCY_MS });
      return;
  }
}

const isActionType = (type: unknown): type is WorldAction['type'] => typeof type === 'string' && Object.hasOwn(WORLD_ACTION_PARAMS, type);

/** `{ "type": "log-out-kmsuser", "clusterId": "…" }` as a checked {@link WorldAction}. */
export function parseWorldAction(value: unknown): WorldAction {
  if (!isRecord(value)) throw new ControlInputError(`A world action must be a JSON object with a "type", got ${show(value)}.`);
  const { type, ...params } = value;
  if (!isActionType(type))
    throw new ControlInputError(`Unknown world action type ${show(type)}. Known types: ${WORLD_ACTION_TYPES.join(', ')}.`);
  const spec = worldActionParams(type);
  rejectUnknownFields(params, Object.keys(spec), `a "${type}" action`);
  for (const [field, kind] of Object.entries(spec)) checkParam(field, kind, params[field]);
  // Every field was checked against the parameter table of this very type.
  return value as WorldAction;
}

/** `{ "kind": "throttling", "operation": "Encrypt", "times": 3 }` as a checked {@link FaultInput}. */
export function parseFaultInput(value: unknown): FaultInput {
  if (!isRecord(value)) throw new ControlInputError(`A fault must be a JSON object with a "kind", got ${show(value)}.`);
  rejectUnknownFields(value, ['kind', 'operation', 'times', 'latencyMs'], 'a fault');
  const { kind, operation, times, latencyMs } = value;
  const knownKind = FAULT_KINDS.find((k) => k === kind);
  if (!knownKind) throw new ControlInputError(`Unknown fault kind ${show(kind)}. Known kinds: ${FAULT_KINDS.join(', ')}.`);
  const fault: FaultInput = { kind: knownKind };
  if (operation !== undefined) {
    if (typeof operation !== 'string' || !/^(\*|[A-Z][A-Za-z0-9]{0,63})$/.test(operation))
      throw new ControlInputError(`"operation" must be an operation name such as "Encrypt" (or "*"), got ${show(operation)}.`);
    fault.operation = operation;
  }
  if (times !== undefined) fault.times = checkNumber('times', times, { integer: true, min: 1, max: MAX_COUNT });
  if (latencyMs !== undefined) {
    if (knownKind !== 'latency') throw new ControlInputError(`"latencyMs" applies only to the "latency" fault.`);
    fault.latencyMs = checkNumber('latencyMs', latencyMs, { integer: false, min: 0, max: MAX_LATENCY_MS });
  }
  return fault;
}

/** A clock jump in milliseconds: a finite, non-negative number of at most {@link MAX_ADVANCE_MS}. */
export function parseAdvanceMs(value: unknown): number {
  return checkNumber('ms', value, { integer: false, min: 0, max: MAX_ADVANCE_MS });
}
