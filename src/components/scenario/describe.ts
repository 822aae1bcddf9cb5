/** Plain-language labels the scenario components share. */
import type { CustomKeyStoreType } from 'kms-custom-key-store-mock/core';
import type { Scenario } from 'kms-custom-key-store-mock/scenarios';

export function storeTypeLabel(type: CustomKeyStoreType | undefined): string {
  switch (type) {
    case 'AWS_CLOUDHSM':
      return 'AWS CloudHSM key store';
    case 'EXTERNAL_KEY_STORE':
      return 'External key store (XKS)';
    case undefined:
      return 'Either store type';
  }
}

/** What the reader meets, in one line: the exception, or the FAILED state and its code. */
export function outcomeLabel(scenario: Scenario): string {
  const { error, connectionState, connectionErrorCode } = scenario.expected;
  if (error) return error;
  if (connectionErrorCode) return `ConnectionState ${connectionState ?? 'FAILED'}, ConnectionErrorCode ${connectionErrorCode}`;
  if (connectionState) return `ConnectionState ${connectionState}`;
  return 'No error';
}

const UNITS: ReadonlyArray<readonly [number, string]> = [
  [24 * 60 * 60 * 1000, 'day'],
  [60 * 60 * 1000, 'hour'],
  [60 * 1000, 'minute'],
  [1000, 'second'],
];

/** `604800000` → `7 days`; `90000` → `1 minute 30 seconds`; `250` → `250 ms`. */
export function formatDuration(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [size, unit] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
      rest -= count * size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest} ms`);
  return parts.join(' ');
}

/** Pretty JSON for code blocks: Dates as ISO strings, byte arrays as base64 (as on the wire). */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, item: unknown) => (item instanceof Uint8Array ? Buffer.from(item).toString('base64') : item),
    2,
  );
}

/** The SDK v3 call for an operation and its input, as a reader would write it. */
export function sdkCall(operation: string, input: Record<string, unknown>): string {
  return `await kms.send(new ${operation}Command(${toTypeScriptLiteral(input)}));`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A value as a TypeScript expression, for showing a request the way a reader writes it: byte
 * arrays become `new TextEncoder().encode('…')` (or a `Uint8Array` literal), dates `new Date(…)`.
 * Multi-line and indented by default; `{ inline: true }` gives one line for running text.
 */
export function toTypeScriptLiteral(value: unknown, { inline = false }: { inline?: boolean } = {}): string {
  return literal(value, inline ? undefined : '');
}

/** `indent` is the current indentation, or undefined for a one-line rendering. */
function literal(value: unknown, indent: string | undefined): string {
  if (value instanceof Uint8Array) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(value);
    const printable = /^[\x20-\x7e]*$/.test(text);
    return printable ? `new TextEncoder().encode(${JSON.stringify(text)})` : `new Uint8Array([${[...value].join(', ')}])`;
  }
  if (value instanceof Date) return `new Date(${JSON.stringify(value.toISOString())})`;
  const inner = indent === undefined ? undefined : `${indent}  `;
  const wrap = (open: string, items: string[], close: string) => {
    if (items.length === 0) return `${open}${close}`;
    if (inner === undefined) return open === '{' ? `{ ${items.join(', ')} }` : `[${items.join(', ')}]`;
    return `${open}\n${items.map((item) => `${inner}${item},`).join('\n')}\n${indent}${close}`;
  };
  if (Array.isArray(value))
    return wrap(
      '[',
      value.map((item) => literal(item, inner)),
      ']',
    );
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${literal(item, inner)}`);
    return wrap('{', members, '}');
  }
  return JSON.stringify(value) ?? 'undefined';
}
