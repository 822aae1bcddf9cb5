/**
 * Turns any value into a plain, JSON-safe tree ({@link InspectNode}) that can cross postMessage
 * and be drawn as an expandable tree, like a browser console does. SDK errors keep `name`,
 * `message`, `$fault` and `$metadata` up front. Big and deep values are cut with a count of
 * what was left out, and cycles are marked, so inspecting never throws or hangs.
 */
import { mapProgramStack } from './stack';

export interface InspectEntry {
  key: string;
  value: InspectNode;
}

export type InspectNode =
  | { kind: 'string'; value: string; omittedChars: number }
  | { kind: 'number' | 'bigint' | 'boolean' | 'undefined' | 'null' | 'symbol'; text: string }
  | { kind: 'function'; text: string }
  /** Values shown as one token: dates, regular expressions, promises, `[Circular]`, depth cut-offs. */
  | { kind: 'special'; text: string }
  | { kind: 'error'; name: string; message: string; stack: string; fields: InspectEntry[] }
  | { kind: 'collection'; label: string; brackets: '[]' | '{}'; entries: InspectEntry[]; omittedEntries: number };

export interface InspectLimits {
  maxDepth: number;
  maxEntries: number;
  maxStringLength: number;
}

export const DEFAULT_INSPECT_LIMITS: InspectLimits = { maxDepth: 6, maxEntries: 100, maxStringLength: 10_000 };

/** Shown first on errors, in this order, when present: what the SDK's service exceptions carry. */
const ERROR_LEAD_FIELDS = ['$fault', '$metadata'];
const ERROR_SKIPPED_FIELDS = new Set(['name', 'message', 'stack', '$response']);

export function inspect(value: unknown, limits: InspectLimits = DEFAULT_INSPECT_LIMITS): InspectNode {
  return inspectAt(value, limits, 0, new Set());
}

function inspectAt(value: unknown, limits: InspectLimits, depth: number, ancestors: Set<object>): InspectNode {
  switch (typeof value) {
    case 'string': {
      const omittedChars = Math.max(0, value.length - limits.maxStringLength);
      return { kind: 'string', value: omittedChars ? value.slice(0, limits.maxStringLength) : value, omittedChars };
    }
    case 'number':
      return { kind: 'number', text: Object.is(value, -0) ? '-0' : String(value) };
    case 'bigint':
      return { kind: 'bigint', text: `${value}n` };
    case 'boolean':
      return { kind: 'boolean', text: String(value) };
    case 'undefined':
      return { kind: 'undefined', text: 'undefined' };
    case 'symbol':
      return { kind: 'symbol', text: value.toString() };
    case 'function':
      return { kind: 'function', text: describeFunction(value) };
  }
  if (value === null) return { kind: 'null', text: 'null' };
  const object = value as object;
  if (ancestors.has(object)) return { kind: 'special', text: '[Circular]' };
  const special = describeSpecialObject(object);
  if (special !== undefined) return { kind: 'special', text: special };
  if (object instanceof Error) return inspectError(object, limits, depth, ancestors);
  if (depth >= limits.maxDepth) return { kind: 'special', text: `[${collectionLabel(object)}]` };

  ancestors.add(object);
  try {
    const child = (item: unknown) => inspectAt(item, limits, depth + 1, ancestors);
    const { entries, omittedEntries } = collectionEntries(object, limits.maxEntries, child);
    const brackets = Array.isArray(object) || object instanceof Set || ArrayBuffer.isView(object) ? '[]' : '{}';
    return { kind: 'collection', label: collectionLabel(object), brackets, entries, omittedEntries };
  } finally {
    ancestors.delete(object);
  }
}

function inspectError(error: Error, limits: InspectLimits, depth: number, ancestors: Set<object>): InspectNode {
  ancestors.add(error);
  try {
    const record = error as unknown as Record<string, unknown>;
    const keys = new Set([...ERROR_LEAD_FIELDS.filter((key) => key in error), ...Object.keys(error)]);
    if ('cause' in error) keys.add('cause');
    const fields: InspectEntry[] = [];
    for (const key of keys) {
      if (ERROR_SKIPPED_FIELDS.has(key)) continue;
      fields.push({ key, value: readProperty(record, key, (item) => inspectAt(item, limits, depth + 1, ancestors)) });
    }
    return {
      kind: 'error',
      name: safeString(() => error.name) || 'Error',
      message: safeString(() => error.message),
      stack: mapProgramStack(safeString(() => error.stack ?? '')),
      fields,
    };
  } finally {
    ancestors.delete(error);
  }
}

function collectionEntries(
  object: object,
  maxEntries: number,
  child: (item: unknown) => InspectNode,
): { entries: InspectEntry[]; omittedEntries: number } {
  const entries: InspectEntry[] = [];
  let total = 0;
  const add = (key: string, value: () => InspectNode) => {
    total += 1;
    if (entries.length < maxEntries) entries.push({ key, value: value() });
  };
  if (object instanceof Map) {
    for (const [key, value] of object) add(preview(child(key), 40), () => child(value));
  } else if (object instanceof Set) {
    let index = 0;
    for (const value of object) add(String(index++), () => child(value));
  } else if (ArrayBuffer.isView(object) && !(object instanceof DataView)) {
    const items = object as unknown as ArrayLike<unknown>;
    for (let index = 0; index < items.length; index++) add(String(index), () => child(items[index]));
  } else {
    const record = object as Record<string, unknown>;
    for (const key of Object.keys(object)) add(key, () => readProperty(record, key, child));
  }
  return { entries, omittedEntries: total - entries.length };
}

/** Reads a property without running getters (they may throw or have side effects). */
function readProperty(record: Record<string, unknown>, key: string, child: (item: unknown) => InspectNode): InspectNode {
  let owner: object | null = record;
  while (owner) {
    const descriptor = Object.getOwnPropertyDescriptor(owner, key);
    if (descriptor) {
      if ('value' in descriptor) return child(descriptor.value);
      return { kind: 'special', text: descriptor.set ? '[Getter/Setter]' : '[Getter]' };
    }
    owner = Object.getPrototypeOf(owner) as object | null;
  }
  return child(undefined);
}

function describeFunction(fn: Function): string {
  const source = safeString(() => Function.prototype.toString.call(fn));
  const name = safeString(() => fn.name);
  if (source.startsWith('class')) return `[class ${name || '(anonymous)'}]`;
  return `[Function: ${name || '(anonymous)'}]`;
}

function describeSpecialObject(object: object): string | undefined {
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (object instanceof RegExp) return String(object);
  if (object instanceof Promise) return 'Promise { … }';
  if (object instanceof WeakMap || object instanceof WeakSet) return `${constructorName(object)} { <items unknown> }`;
  if (object instanceof ArrayBuffer) return `ArrayBuffer { byteLength: ${object.byteLength} }`;
  if (object instanceof DataView) return `DataView { byteLength: ${object.byteLength} }`;
  return undefined;
}

function collectionLabel(object: object): string {
  const name = constructorName(object);
  if (Array.isArray(object)) return `Array(${object.length})`;
  if (object instanceof Map || object instanceof Set) return `${name}(${object.size})`;
  if (ArrayBuffer.isView(object) && 'length' in object) return `${name}(${String(object.length)})`;
  return name;
}

function constructorName(object: object): string {
  const prototype = Object.getPrototypeOf(object) as { constructor?: { name?: unknown } } | null;
  if (prototype === null) return 'Object: null prototype';
  const name = safeString(() => String(prototype.constructor?.name ?? ''));
  return name || 'Object';
}

function safeString(read: () => string): string {
  try {
    return String(read());
  } catch {
    return '';
  }
}

/**
 * A one-line rendering, e.g. `{ ConnectionState: "FAILED", ConnectionErrorCode: "USER_LOCKED_OUT" }`,
 * cut to about `width` characters. Used for collapsed tree rows and for plain-text output.
 */
export function preview(node: InspectNode, width = 120): string {
  const text = previewUnbounded(node, width, true);
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function previewUnbounded(node: InspectNode, budget: number, top: boolean): string {
  switch (node.kind) {
    case 'string':
      return top ? node.value : JSON.stringify(node.value) + (node.omittedChars ? '…' : '');
    case 'error': {
      const head = node.message ? `${node.name}: ${node.message}` : node.name;
      return top ? head : `[${head}]`;
    }
    case 'collection': {
      const parts: string[] = [];
      let used = 0;
      for (const entry of node.entries) {
        if (used > budget) break;
        const value = previewUnbounded(entry.value, budget - used, false);
        const part = node.brackets === '[]' && /^\d+$/.test(entry.key) ? value : `${formatKey(entry.key)}: ${value}`;
        parts.push(part);
        used += part.length + 2;
      }
      const hidden = node.entries.length - parts.length + node.omittedEntries;
      if (hidden > 0) parts.push(`… ${hidden} more`);
      const [open, close] = node.brackets === '[]' ? ['[', ']'] : ['{', '}'];
      const body = parts.length ? `${open} ${parts.join(', ')} ${close}` : `${open}${close}`;
      const showLabel = node.brackets === '{}' ? node.label !== 'Object' : !node.label.startsWith('Array(');
      return showLabel ? `${node.label} ${body}` : body;
    }
    default:
      return node.text;
  }
}

function formatKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}
