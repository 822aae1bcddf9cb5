/**
 * The kinds of value a world action's parameter (or a fault's option) takes from outside: a
 * share link, the control API, a CLI flag. Each kind says its type, whether it may be left out
 * and what the control API accepts; the TypeScript type of an action's parameters is inferred
 * from their kinds, and control-input.ts checks untrusted JSON against the same entries. A new
 * kind is one entry.
 */

interface TextKind {
  type: 'string';
  optional: boolean;
  /** What the value is, for help texts. */
  what: string;
  maxLength: number;
}

interface NumberKind {
  type: 'number';
  optional: boolean;
  what: string;
  integer: boolean;
  min: number;
  max: number;
}

const MAX_NAME_LENGTH = 256;
/** Latency really waits: bounded so that one control request cannot stall the server for long. */
const MAX_LATENCY_MS = 60_000;

export const PARAMETER_KINDS = {
  name: { type: 'string', optional: false, what: 'an id, a name or an endpoint', maxLength: MAX_NAME_LENGTH },
  'optional-name': { type: 'string', optional: true, what: 'an id, a name or an endpoint', maxLength: MAX_NAME_LENGTH },
  secret: { type: 'string', optional: false, what: 'a password or a secret key', maxLength: MAX_NAME_LENGTH },
  milliseconds: { type: 'number', optional: false, what: 'milliseconds', integer: false, min: 0, max: MAX_LATENCY_MS },
  'optional-count': { type: 'number', optional: true, what: 'a count', integer: true, min: 0, max: 1_000_000 },
} as const satisfies Record<string, TextKind | NumberKind>;

export type ParameterKind = keyof typeof PARAMETER_KINDS;

/** Parameter names and their kinds, e.g. `{ clusterId: 'name', availabilityZone: 'optional-name' }`. */
export type ParameterSpec = Readonly<Record<string, ParameterKind>>;

type ValueOf<Kind extends ParameterKind> = (typeof PARAMETER_KINDS)[Kind]['type'] extends 'number' ? number : string;
type OptionalNames<Spec extends ParameterSpec> = {
  [Name in keyof Spec]: (typeof PARAMETER_KINDS)[Spec[Name]]['optional'] extends true ? Name : never;
}[keyof Spec];

/** The values a spec describes: `{ clusterId: 'name', count: 'optional-count' }` → `{ clusterId: string; count?: number }`. */
export type ValuesOf<Spec extends ParameterSpec> = {
  [Name in Exclude<keyof Spec, OptionalNames<Spec>>]: ValueOf<Spec[Name]>;
} & {
  [Name in OptionalNames<Spec>]?: ValueOf<Spec[Name]>;
};

/** What a parameter of this kind takes, in a few words: `milliseconds, 0 to 60000`. */
export function describeKind(kind: ParameterKind): string {
  const spec: TextKind | NumberKind = PARAMETER_KINDS[kind];
  return spec.type === 'string'
    ? `${spec.what}, 1 to ${spec.maxLength} characters`
    : `${spec.what}${spec.integer ? ' (a whole number)' : ''}, ${spec.min} to ${spec.max}`;
}
