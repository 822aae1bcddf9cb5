/**
 * Input validation in the service's terms. Members of the wrong JSON type are a
 * SerializationException (the request could not be read); members that break a constraint
 * (missing, too short or long, pattern, enum, range) are one ValidationException listing each
 * field the way AWS does: `Value '…' at 'customKeyStoreId' failed to satisfy constraint: …`.
 *
 * An operation declares its members as an {@link InputSpec}; {@link InputOf} derives the type of
 * the validated input from it, so the operation reads `input.CustomKeyStoreId` as a string.
 */
import { fromBase64 } from './codec.ts';
import { kmsError, validationError } from './errors.ts';

export type FieldSpec =
  | { type: 'string'; required?: boolean; min?: number; max?: number; pattern?: RegExp; enum?: readonly string[] }
  | { type: 'integer'; required?: boolean; min?: number; max?: number }
  | { type: 'boolean'; required?: boolean }
  /** Base64 blob; min/max are in decoded bytes. */
  | { type: 'blob'; required?: boolean; min?: number; max?: number }
  | { type: 'string-map'; required?: boolean }
  | { type: 'string-list'; required?: boolean }
  | { type: 'object'; required?: boolean; fields: InputSpec }
  | { type: 'any'; required?: boolean };

export type InputSpec = { readonly [member: string]: FieldSpec };

/** What a member of each type holds once validated (blobs arrive decoded). */
interface ValidatedValues {
  string: string;
  integer: number;
  boolean: boolean;
  blob: Uint8Array;
  'string-map': Record<string, string>;
  'string-list': string[];
  any: unknown;
}

type MemberValue<F extends FieldSpec> = F extends { enum: readonly (infer Literal)[] }
  ? Literal
  : F extends { fields: infer Fields extends InputSpec }
    ? InputOf<Fields>
    : ValidatedValues[Exclude<F['type'], 'object'>];

type RequiredMember<S extends InputSpec> = { [M in keyof S]: S[M] extends { required: true } ? M : never }[keyof S];

/**
 * The validated input of an operation whose members are `S`: members marked `required: true` are
 * present, the others may be absent (a JSON `null` counts as absent). Specs must keep their
 * literal types (`as const`, or written inline in `defineOperation`) for this to be precise.
 * (The trailing `infer` flattens the intersection, so editors show one object type.)
 */
export type InputOf<S extends InputSpec> = {
  readonly [M in RequiredMember<S>]: MemberValue<S[M]>;
} & {
  readonly [M in Exclude<keyof S, RequiredMember<S>>]?: MemberValue<S[M]>;
} extends infer Input
  ? { [M in keyof Input]: Input[M] }
  : never;

/** The member name as AWS writes it in validation messages: `customKeyStoreId`. */
const memberPath = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 60)}…` : value}'`;
  return `'${JSON.stringify(value)}'`;
}

function typeMismatch(path: string, expected: string, value: unknown) {
  return kmsError(
    'SerializationException',
    `Cannot read member '${path}': expected ${expected}, got ${Array.isArray(value) ? 'array' : typeof value}.`,
  );
}

/**
 * Checks one member and returns its validated value (`undefined` when absent). Throws for a wrong
 * JSON type; adds constraint violations to `problems`, so that all of them are reported at once.
 */
function parseField(path: string, spec: FieldSpec, value: unknown, problems: string[]): unknown {
  // Only a failing member needs the words: most requests pass, and describing the value costs.
  const at = () => `Value ${describeValue(value)} at '${path}' failed to satisfy constraint: `;
  if (value === undefined || value === null) {
    if (spec.required) problems.push(`${at()}Member must not be null`);
    return undefined;
  }
  switch (spec.type) {
    case 'string': {
      if (typeof value !== 'string') throw typeMismatch(path, 'a string', value);
      if (spec.min !== undefined && value.length < spec.min)
        problems.push(`${at()}Member must have length greater than or equal to ${spec.min}`);
      else if (spec.max !== undefined && value.length > spec.max)
        problems.push(`${at()}Member must have length less than or equal to ${spec.max}`);
      else if (spec.pattern && !spec.pattern.test(value))
        problems.push(`${at()}Member must satisfy regular expression pattern: ${spec.pattern.source}`);
      else if (spec.enum && !spec.enum.includes(value))
        problems.push(`${at()}Member must satisfy enum value set: [${spec.enum.join(', ')}]`);
      return value;
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw typeMismatch(path, 'an integer', value);
      if (spec.min !== undefined && value < spec.min)
        problems.push(`${at()}Member must have value greater than or equal to ${spec.min}`);
      else if (spec.max !== undefined && value > spec.max)
        problems.push(`${at()}Member must have value less than or equal to ${spec.max}`);
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw typeMismatch(path, 'a boolean', value);
      return value;
    case 'blob': {
      if (typeof value !== 'string') throw typeMismatch(path, 'a base64 string', value);
      const bytes = fromBase64(value);
      if (!bytes) throw kmsError('SerializationException', `Member '${path}' is not valid base64.`);
      if (spec.min !== undefined && bytes.length < spec.min)
        problems.push(
          `Value at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${spec.min}`,
        );
      else if (spec.max !== undefined && bytes.length > spec.max)
        problems.push(
          `Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${spec.max}`,
        );
      return bytes;
    }
    case 'string-map':
      if (!isRecord(value) || Object.values(value).some((v) => typeof v !== 'string'))
        throw typeMismatch(path, 'a map of strings', value);
      return value;
    case 'string-list':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw typeMismatch(path, 'a list of strings', value);
      return value;
    case 'object':
      if (!isRecord(value)) throw typeMismatch(path, 'a structure', value);
      return parseMembers(spec.fields, value, (name) => `${path}.${memberPath(name)}`, problems);
    case 'any':
      return value;
  }
}

/** The members `spec` declares, validated; absent (or null) members are left out. */
function parseMembers(spec: InputSpec, record: Record<string, unknown>, pathOf: (name: string) => string, problems: string[]) {
  const parsed: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(spec)) {
    const value = parseField(pathOf(name), field, record[name], problems);
    if (value !== undefined) parsed[name] = value;
  }
  return parsed;
}

/** Throws SerializationException or ValidationException; returns the input typed by its spec. */
export function validateInput<S extends InputSpec>(spec: S, input: unknown): InputOf<S> {
  if (!isRecord(input)) throw kmsError('SerializationException', 'The request body must be a JSON object.');
  const problems: string[] = [];
  const parsed = parseMembers(spec, input, memberPath, problems);
  if (problems.length > 0) throw validationError(problems);
  // parseMembers checked each member against the spec that InputOf<S> is derived from.
  return parsed as InputOf<S>;
}

/**
 * For members that only some requests need (which the model cannot express): throws one
 * ValidationException naming each missing member, and narrows `input` to have them.
 */
export function requireMembers<Input extends object, Member extends keyof Input & string>(
  input: Input,
  members: readonly Member[],
  reason: string,
): asserts input is Input & { readonly [M in Member]-?: Exclude<Input[M], undefined> } {
  const missing = members.filter((member) => input[member] === undefined);
  if (missing.length > 0) {
    throw validationError(
      missing.map(
        (member) => `Value null at '${memberPath(member)}' failed to satisfy constraint: Member must not be null (${reason})`,
      ),
    );
  }
}

// Shared field specs (from the KMS model's constraints).
export const CUSTOM_KEY_STORE_ID = { type: 'string', required: true, min: 1, max: 64 } as const satisfies FieldSpec;
export const KEY_ID = { type: 'string', required: true, min: 1, max: 2048 } as const satisfies FieldSpec;
export const CUSTOM_KEY_STORE_NAME = { type: 'string', min: 1, max: 256 } as const satisfies FieldSpec;
export const KEY_STORE_PASSWORD = { type: 'string', min: 7, max: 32 } as const satisfies FieldSpec;
export const CLUSTER_ID = {
  type: 'string',
  min: 19,
  max: 24,
  pattern: /^cluster-[2-7a-zA-Z]{11,16}$/,
} as const satisfies FieldSpec;
export const XKS_URI_ENDPOINT = {
  type: 'string',
  min: 10,
  max: 128,
  pattern: /^https:\/\/[a-zA-Z0-9.-]+$/,
} as const satisfies FieldSpec;
export const XKS_URI_PATH = {
  type: 'string',
  min: 10,
  max: 128,
  pattern: /^(\/[a-zA-Z0-9/_-]+\/kms\/xks\/v\d{1,2})$|^(\/kms\/xks\/v\d{1,2})$/,
} as const satisfies FieldSpec;
export const XKS_VPC_SERVICE_NAME = {
  type: 'string',
  min: 20,
  max: 64,
  pattern: /^com\.amazonaws\.vpce\.([a-z]+-){2,3}\d+\.vpce-svc-[0-9a-z]+$/,
} as const satisfies FieldSpec;
export const XKS_CREDENTIAL = {
  type: 'object',
  fields: {
    AccessKeyId: { type: 'string', required: true, min: 20, max: 30, pattern: /^[A-Z2-7]+$/ },
    RawSecretAccessKey: { type: 'string', required: true, min: 43, max: 64, pattern: /^[a-zA-Z0-9/+=]+$/ },
  },
} as const satisfies FieldSpec;
export const XKS_CONNECTIVITY = {
  type: 'string',
  enum: ['PUBLIC_ENDPOINT', 'VPC_ENDPOINT_SERVICE'],
} as const satisfies FieldSpec;
export const ENCRYPTION_CONTEXT = { type: 'string-map' } as const satisfies FieldSpec;
export const GRANT_TOKENS = { type: 'string-list' } as const satisfies FieldSpec;
export const ENCRYPTION_ALGORITHM = {
  type: 'string',
  enum: ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'],
} as const satisfies FieldSpec;
export const CIPHERTEXT_BLOB = { type: 'blob', required: true, min: 1, max: 6144 } as const satisfies FieldSpec;
