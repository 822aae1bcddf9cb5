/**
 * Reads the facts out of a paste: errors as the AWS CLI, boto3, the Java, Go, .NET and JavaScript
 * SDKs, Terraform and CloudTrail print them, and DescribeCustomKeyStores output in any AWS CLI
 * output format or as boto3's dict. Only values from closed sets (exception and operation names,
 * connection states, error codes, store types, key states, store IDs and the catalog's message
 * fragments) ever leave this module, so nothing else in the paste, such as a password or a secret
 * key, can be echoed.
 */
import {
  CONNECTION_ERROR_CODES,
  CONNECTION_STATES,
  type ConnectionErrorCode,
  type ConnectionState,
  type CustomKeyStoreType,
} from '../core/index.ts';
import { objectsIn, structuredValues } from './structured.ts';

export interface DiagnosisFacts {
  /** The exception's name, e.g. `CustomKeyStoreInvalidStateException` (or a program error such as `TypeError`). */
  exception?: string;
  /** The KMS operation that failed, e.g. `CreateKey`. */
  operation?: string;
  /** The connection state of the store the paste is about. */
  connectionState?: ConnectionState;
  connectionErrorCode?: ConnectionErrorCode;
  storeType?: CustomKeyStoreType;
  storeId?: string;
  /** `Origin` of a KMS key in the paste (`AWS_CLOUDHSM`, `EXTERNAL_KEY_STORE`, …). */
  keyOrigin?: string;
  keyState?: string;
  /** Phrases of the error message that tell causes apart (from the catalog), in the order the message has them. */
  messageFragments: string[];
  /** How many custom key stores the paste describes. */
  storeCount: number;
}

const STORE_TYPES: readonly CustomKeyStoreType[] = ['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'];
const KEY_STATES = [
  'Creating',
  'Enabled',
  'Disabled',
  'PendingDeletion',
  'PendingImport',
  'PendingReplicaDeletion',
  'Unavailable',
  'Updating',
];
const STORE_ID = /\bcks-[0-9a-z]{8,}\b/i;
/** Program errors of JavaScript and Python: a bug in the caller, not an answer from KMS. */
const PROGRAM_ERRORS =
  /\b(TypeError|ReferenceError|SyntaxError|RangeError|AttributeError|KeyError|NameError|NullPointerException|NullReferenceException)\b/;
/** Wrappers the SDKs put around the service's exception; they never name the cause. */
const WRAPPERS = new Set([
  'ClientError',
  'Exception',
  'AmazonServiceException',
  'AmazonClientException',
  'AmazonKeyManagementServiceException',
  'AWSKMSException',
  'AwsServiceException',
  'SdkServiceException',
  'SdkClientException',
  'SdkException',
  'KmsException',
  'KMSServiceException',
  'ServiceException',
  'CompletionException',
  'ExecutionException',
  'AggregateException',
  'InvocationTargetException',
  'HttpErrorResponseException',
]);

/** Where clients name the service's exception, most explicit first. */
const EXCEPTION_PATTERNS: readonly RegExp[] = [
  /An error occurred \((\w+)\)/, // AWS CLI, boto3
  /"errorCode"\s*:\s*"(\w+)"/, // CloudTrail
  /Error Code: (\w+)/, // Java v1
  /__type['"]?\s*[:=]\s*['"](?:[\w.]+#)?(\w+)/, // JavaScript v3 ($response body), JSON 1.1 bodies
  /RequestID: [^,]*, (?:api error )?(\w+):/, // Go v2, Terraform
  /\bname:\s*['"](\w+)['"]/, // JavaScript v3, a printed error object
  /\b(?:[A-Za-z]\w*\.)+(\w+(?:Exception|Fault))\b/g, // Java, .NET, botocore.errorfactory: package-qualified
];

/** Where clients name the operation. Frames name it in camelCase (Java) or with `Async` (.NET). */
const OPERATION_PATTERNS: readonly RegExp[] = [
  /when calling the (\w+) operation/, // AWS CLI, boto3
  /operation error KMS: (\w+)/, // Go v2, Terraform
  /"eventName"\s*:\s*"(\w+)"/, // CloudTrail
  /\b(?:DefaultKmsClient|DefaultKmsAsyncClient|KmsClient|KmsAsyncClient|AWSKMSClient|AWSKMSAsyncClient)\.(?:execute)?(\w+)\(/, // Java v2, v1
  /AmazonKeyManagementServiceClient\.(\w+?)(?:Async)?\(/, // .NET
  /MarshallTransformations\.(\w+)ResponseUnmarshaller/, // .NET
  /\bde_(\w+)Command(?:Error)?\b/, // JavaScript v3 deserializers in a stack trace
  /\bnew (\w+)Command\(/, // JavaScript v3 source in a paste
];

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const snakeToPascal = (name: string) => name.split('_').map(pascal).join('');

export interface FactVocabulary {
  /** Exception names the catalog knows (matched in any case when pasted bare). */
  exceptions: readonly string[];
  /** Operation names the catalog knows (for snake_case frames such as boto3's `kms.create_key(`). */
  operations: readonly string[];
  /** Message fragments that tell scenarios apart. */
  messageFragments: readonly string[];
}

export function readFacts(text: string, vocabulary: FactVocabulary): DiagnosisFacts {
  const structured = structuredValues(text).flatMap(objectsIn);
  const stores = storeRecords(text, structured);
  const exception = readException(text, vocabulary);
  const operation = readOperation(text, vocabulary);
  const mentionedStoreId = errorLines(text)
    .map((line) => STORE_ID.exec(line)?.[0])
    .find(Boolean);
  const store = pickStore(stores, mentionedStoreId);
  const bareCode = bareConnectionErrorCode(text);
  const keyOrigin = fieldValue(text, structured, 'Origin', ['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE', 'AWS_KMS', 'EXTERNAL']);
  const keyState = fieldValue(text, structured, 'KeyState', KEY_STATES);
  const lower = text.toLowerCase();
  const storeType =
    store?.storeType ?? storeTypeFromOrigin(keyOrigin) ?? (stores.length === 0 ? tokenIn(text, STORE_TYPES) : undefined);
  // A state the error message names ("… while custom key store cks-… is DISCONNECTING") was the state
  // when the call failed; describe output taken afterwards may already show the next one.
  const stateAtFailure = tokenIn(errorLines(text).join('\n'), CONNECTION_STATES);
  const facts: DiagnosisFacts = {
    // In the order the message names them: general failure first, its specific cause after.
    messageFragments: vocabulary.messageFragments
      .filter((fragment) => lower.includes(fragment.toLowerCase()))
      .sort((a, b) => lower.indexOf(a.toLowerCase()) - lower.indexOf(b.toLowerCase())),
    storeCount: stores.length,
  };
  const connectionState = stateAtFailure ?? store?.connectionState;
  const connectionErrorCode =
    store?.connectionErrorCode ?? bareCode ?? (stores.length === 0 ? tokenIn(text, CONNECTION_ERROR_CODES) : undefined);
  const storeId = store?.id ?? mentionedStoreId;
  return {
    ...(exception ? { exception } : {}),
    ...(operation ? { operation } : {}),
    ...(connectionState ? { connectionState } : {}),
    ...(connectionErrorCode ? { connectionErrorCode } : {}),
    ...(storeType ? { storeType } : {}),
    ...(storeId ? { storeId } : {}),
    ...(keyOrigin ? { keyOrigin } : {}),
    ...(keyState ? { keyState } : {}),
    ...facts,
  };
}

function readException(text: string, vocabulary: FactVocabulary): string | undefined {
  for (const pattern of EXCEPTION_PATTERNS) {
    const matches = pattern.global ? [...text.matchAll(pattern)] : [pattern.exec(text)];
    const name = matches.map((match) => match?.[1]).find((found) => found !== undefined && !WRAPPERS.has(found));
    if (name) return name;
  }
  const bare = text.trim();
  const known = vocabulary.exceptions.find((name) => name.toLowerCase() === bare.toLowerCase());
  if (known) return known;
  const named = [...text.matchAll(/\b([A-Z][A-Za-z0-9]*(?:Exception|Fault))\b/g)]
    .map((m) => m[1]!)
    .find((name) => !WRAPPERS.has(name));
  return named ?? PROGRAM_ERRORS.exec(text)?.[1];
}

function readOperation(text: string, vocabulary: FactVocabulary): string | undefined {
  for (const pattern of OPERATION_PATTERNS) {
    const name = pattern.exec(text)?.[1];
    if (name) return pascal(name);
  }
  // boto3 tracebacks show the caller's source line: `kms.create_key(Origin=…)`.
  for (const match of text.matchAll(/\.([a-z]+(?:_[a-z]+)+)\(/g)) {
    const operation = snakeToPascal(match[1]!);
    if (vocabulary.operations.includes(operation)) return operation;
  }
  return undefined;
}

/** The first of `tokens` that appears as a whole word in `text`. */
function tokenIn<T extends string>(text: string, tokens: readonly T[]): T | undefined {
  let first: { token: T; at: number } | undefined;
  for (const token of tokens) {
    const at = text.search(new RegExp(`(?<![\\w-])${token}(?![\\w-])`));
    if (at >= 0 && (!first || at < first.at)) first = { token, at };
  }
  return first?.token;
}

/** `USER_LOCKED_OUT` or `user-locked-out` pasted alone, in any case. */
function bareConnectionErrorCode(text: string): ConnectionErrorCode | undefined {
  const word = text.trim().toUpperCase().replaceAll('-', '_');
  return CONNECTION_ERROR_CODES.find((code) => code === word);
}

/** Lines that carry an error message (not describe output): where a store ID or state belongs to the failure. */
function errorLines(text: string): string[] {
  return text
    .split('\n')
    .filter(
      (line) =>
        /exception|error occurred|operation error|"errorMessage"|\berror:/i.test(line) &&
        !/ConnectionErrorCode|^CUSTOMKEYSTORES/.test(line),
    );
}

function fieldValue(
  text: string,
  structured: Record<string, unknown>[],
  field: string,
  values: readonly string[],
): string | undefined {
  for (const record of structured) {
    const value = record[field];
    if (typeof value === 'string' && values.includes(value)) return value;
  }
  const match = new RegExp(`\\b${field}\\W{1,6}(${values.join('|')})\\b`).exec(text);
  return match?.[1];
}

function storeTypeFromOrigin(origin: string | undefined): CustomKeyStoreType | undefined {
  return origin === 'AWS_CLOUDHSM' || origin === 'EXTERNAL_KEY_STORE' ? origin : undefined;
}

// ---------------------------------------------------------------------------------------------
// The stores of DescribeCustomKeyStores output, in whatever form it was printed.

interface StoreRecord {
  id?: string;
  connectionState?: ConnectionState;
  connectionErrorCode?: ConnectionErrorCode;
  storeType?: CustomKeyStoreType;
}

const isState = (value: unknown): value is ConnectionState => (CONNECTION_STATES as readonly unknown[]).includes(value);
const isCode = (value: unknown): value is ConnectionErrorCode => (CONNECTION_ERROR_CODES as readonly unknown[]).includes(value);
const isStoreType = (value: unknown): value is CustomKeyStoreType => (STORE_TYPES as readonly unknown[]).includes(value);

function storeRecords(text: string, structured: Record<string, unknown>[]): StoreRecord[] {
  // JSON, boto3's dict, a JSON --query result: each object (or row of scalars) holding a connection state.
  const fromStructured = [...structured, ...structuredRows(text)].flatMap((record): StoreRecord[] => {
    const values = Object.values(record);
    const connectionState = values.find(isState);
    if (!connectionState) return [];
    const id = values.find((v): v is string => typeof v === 'string' && STORE_ID.test(v));
    const connectionErrorCode = values.find(isCode);
    const storeType =
      values.find(isStoreType) ??
      (typeof record['CloudHsmClusterId'] === 'string'
        ? 'AWS_CLOUDHSM'
        : record['XksProxyConfiguration']
          ? 'EXTERNAL_KEY_STORE'
          : undefined);
    return [
      {
        connectionState,
        ...(id ? { id } : {}),
        ...(connectionErrorCode ? { connectionErrorCode } : {}),
        ...(storeType ? { storeType } : {}),
      },
    ];
  });
  if (fromStructured.length > 0) return fromStructured;
  // text, table, yaml and text --query output: one segment per store.
  return storeSegments(text).flatMap((segment): StoreRecord[] => {
    const connectionState = tokenIn(segment, CONNECTION_STATES);
    if (!connectionState) return [];
    const id = STORE_ID.exec(segment)?.[0];
    const connectionErrorCode = tokenIn(segment, CONNECTION_ERROR_CODES);
    const storeType =
      tokenIn(segment, STORE_TYPES) ??
      (/\bcluster-\w+/.test(segment) ? 'AWS_CLOUDHSM' : /xks|XKS/.test(segment) ? 'EXTERNAL_KEY_STORE' : undefined);
    return [
      {
        connectionState,
        ...(id ? { id } : {}),
        ...(connectionErrorCode ? { connectionErrorCode } : {}),
        ...(storeType ? { storeType } : {}),
      },
    ];
  });
}

/** Arrays of scalars inside JSON (`--query 'CustomKeyStores[].[Id,State]'`) as records. */
function structuredRows(text: string): Record<string, unknown>[] {
  return structuredValues(text)
    .flatMap(function rows(value: unknown): unknown[][] {
      if (!Array.isArray(value)) return [];
      return value.every((item) => item === null || typeof item !== 'object') ? [value] : value.flatMap(rows);
    })
    .map((row) => Object.fromEntries(row.map((item, index) => [String(index), item])));
}

/**
 * Splits line-based describe output into one piece per store: `CUSTOMKEYSTORES` rows (text), the
 * `CustomKeyStores` title rows of a table, list items of YAML, or lines of a text `--query` result.
 */
function storeSegments(text: string): string[] {
  const lines = text.split('\n');
  const starts = lines.flatMap((line, index) =>
    /^CUSTOMKEYSTORES\b|^\|\|\s+CustomKeyStores\s+\|\||^-\s|^\s*- \w+:/.test(line) ? [index] : [],
  );
  if (starts.length > 0) return starts.map((start, i) => lines.slice(start, starts[i + 1] ?? lines.length).join('\n'));
  const perLine = lines.filter((line) => STORE_ID.test(line) && tokenIn(line, CONNECTION_STATES));
  return perLine.length > 0 ? perLine : [text];
}

/** The store the paste is about: the one an error names, else the first in trouble, else the only one. */
function pickStore(stores: StoreRecord[], mentionedId: string | undefined): StoreRecord | undefined {
  const named = mentionedId ? stores.find((s) => s.id === mentionedId) : undefined;
  if (named) return named;
  const inTrouble = stores.find((s) => s.connectionState === 'FAILED') ?? stores.find((s) => s.connectionState !== 'CONNECTED');
  if (inTrouble) return inTrouble;
  if (stores.length === 0) return undefined;
  // All CONNECTED: the state is known; the type only when they share it.
  const types = new Set(stores.map((s) => s.storeType));
  return {
    connectionState: 'CONNECTED',
    ...(types.size === 1 && stores[0]!.storeType ? { storeType: stores[0]!.storeType } : {}),
  };
}
