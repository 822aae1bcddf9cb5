/**
 * Input validation in the service's terms. Members of the wrong JSON type are a
 * SerializationException (the request could not be read); members that break a constraint
 * (missing, too short or long, pattern, enum, range) are one ValidationException listing each
 * field the way AWS does: `Value '…' at 'customKeyStoreId' failed to satisfy constraint: …`.
 */
import { fromBase64 } from './codec';
import { kmsError, validationError } from './errors';

export type FieldSpec =
  | { type: 'string'; required?: boolean; min?: number; max?: number; pattern?: RegExp; enum?: readonly string[] }
  | { type: 'integer'; required?: boolean; min?: number; max?: number }
  | { type: 'boolean'; required?: boolean }
  /** Base64 blob; min/max are in decoded bytes. */
  | { type: 'blob'; required?: boolean; min?: number; max?: number }
  | { type: 'string-map'; required?: boolean }
  | { type: 'string-list'; required?: boolean }
  | { type: 'object'; required?: boolean; fields: Record<string, FieldSpec> }
  | { type: 'any'; required?: boolean };

export type InputSpec = Record<string, FieldSpec>;

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

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

function checkField(path: string, spec: FieldSpec, value: unknown, problems: string[]): void {
  const at = `Value ${describeValue(value)} at '${path}' failed to satisfy constraint: `;
  if (value === undefined || value === null) {
    if (spec.required) problems.push(`${at}Member must not be null`);
    return;
  }
  switch (spec.type) {
    case 'string': {
      if (typeof value !== 'string') throw typeMismatch(path, 'a string', value);
      if (spec.min !== undefined && value.length < spec.min)
        problems.push(`${at}Member must have length greater than or equal to ${spec.min}`);
      else if (spec.max !== undefined && value.length > spec.max)
        problems.push(`${at}Member must have length less than or equal to ${spec.max}`);
      else if (spec.pattern && !spec.pattern.test(value))
        problems.push(`${at}Member must satisfy regular expression pattern: ${spec.pattern.source}`);
      else if (spec.enum && !spec.enum.includes(value))
        problems.push(`${at}Member must satisfy enum value set: [${spec.enum.join(', ')}]`);
      return;
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) throw typeMismatch(path, 'an integer', value);
      if (spec.min !== undefined && value < spec.min)
        problems.push(`${at}Member must have value greater than or equal to ${spec.min}`);
      else if (spec.max !== undefined && value > spec.max)
        problems.push(`${at}Member must have value less than or equal to ${spec.max}`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw typeMismatch(path, 'a boolean', value);
      return;
    case 'blob': {
      if (typeof value !== 'string') throw typeMismatch(path, 'a base64 string', value);
      const bytes = fromBase64(value);
      if (!bytes) throw kmsError('SerializationException', `Member '${path}' is not valid base64.`);
      if (spec.min !== undefined && bytes.length < spec.min)
        problems.push(`Value at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${spec.min}`);
      else if (spec.max !== undefined && bytes.length > spec.max)
        problems.push(`Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${spec.max}`);
      return;
    }
    case 'string-map':
      if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string'))
        throw typeMismatch(path, 'a map of strings', value);
      return;
    case 'string-list':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw typeMismatch(path, 'a list of strings', value);
      return;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) throw typeMismatch(path, 'a structure', value);
      for (const [name, child] of Object.entries(spec.fields)) {
        checkField(`${path}.${camel(name)}`, child, (value as Record<string, unknown>)[name], problems);
      }
      return;
    }
    case 'any':
      return;
  }
}

/** Throws SerializationException or ValidationException; returns the input typed as a record. */
export function validateInput(spec: InputSpec, input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw kmsError('SerializationException', 'The request body must be a JSON object.');
  }
  const problems: string[] = [];
  for (const [name, field] of Object.entries(spec)) {
    checkField(camel(name), field, (input as Record<string, unknown>)[name], problems);
  }
  if (problems.length > 0) throw validationError(problems);
  return input as Record<string, unknown>;
}

// Shared field specs (from the KMS model's constraints).
export const CUSTOM_KEY_STORE_ID: FieldSpec = { type: 'string', required: true, min: 1, max: 64 };
export const KEY_ID: FieldSpec = { type: 'string', required: true, min: 1, max: 2048 };
export const CUSTOM_KEY_STORE_NAME: FieldSpec = { type: 'string', min: 1, max: 256 };
export const KEY_STORE_PASSWORD: FieldSpec = { type: 'string', min: 7, max: 32 };
export const CLUSTER_ID: FieldSpec = { type: 'string', min: 19, max: 24, pattern: /^cluster-[2-7a-zA-Z]{11,16}$/ };
export const XKS_URI_ENDPOINT: FieldSpec = { type: 'string', min: 10, max: 128, pattern: /^https:\/\/[a-zA-Z0-9.-]+$/ };
export const XKS_URI_PATH: FieldSpec = {
  type: 'string',
  min: 10,
  max: 128,
  pattern: /^(\/[a-zA-Z0-9/_-]+\/kms\/xks\/v\d{1,2})$|^(\/kms\/xks\/v\d{1,2})$/,
};
export const XKS_VPC_SERVICE_NAME: FieldSpec = {
  type: 'string',
  min: 20,
  max: 64,
  pattern: /^com\.amazonaws\.vpce\.([a-z]+-){2,3}\d+\.vpce-svc-[0-9a-z]+$/,
};
export const XKS_CREDENTIAL: FieldSpec = {
  type: 'object',
  fields: {
    AccessKeyId: { type: 'string', required: true, min: 20, max: 30, pattern: /^[A-Z2-7]+$/ },
    RawSecretAccessKey: { type: 'string', required: true, min: 43, max: 64, pattern: /^[a-zA-Z0-9/+=]+$/ },
  },
};
export const XKS_CONNECTIVITY: FieldSpec = { type: 'string', enum: ['PUBLIC_ENDPOINT', 'VPC_ENDPOINT_SERVICE'] };
export const ENCRYPTION_CONTEXT: FieldSpec = { type: 'string-map' };
export const GRANT_TOKENS: FieldSpec = { type: 'string-list' };
export const ENCRYPTION_ALGORITHM: FieldSpec = {
  type: 'string',
  enum: ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'],
};
export const CIPHERTEXT_BLOB: FieldSpec = { type: 'blob', required: true, min: 1, max: 6144 };
