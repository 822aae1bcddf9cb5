/**
 * Structured values inside a paste: JSON (AWS CLI `--output json`, CloudTrail records, a JavaScript
 * error printed with `JSON.stringify`) and Python's printed dicts (boto3 responses and error
 * responses), found wherever they start in the text and parsed into plain values.
 */

/** Every top-level `{…}` or `[…]` in `text` that parses as JSON or as a Python literal. */
export function structuredValues(text: string): unknown[] {
  const values: unknown[] = [];
  let from = 0;
  while (from < text.length) {
    const start = text.slice(from).search(/[{[]/);
    if (start < 0) break;
    const begin = from + start;
    const end = matchingBracket(text, begin);
    if (end < 0) break;
    const value = parseLiteral(text.slice(begin, end + 1));
    if (value !== undefined) {
      values.push(value);
      from = end + 1;
    } else {
      from = begin + 1;
    }
  }
  return values;
}

/** The index of the bracket closing the one at `start`, skipping quoted strings; -1 when unbalanced. */
function matchingBracket(text: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function parseLiteral(source: string): unknown {
  try {
    return JSON.parse(source);
  } catch {
    try {
      return JSON.parse(pythonToJson(source));
    } catch {
      return undefined;
    }
  }
}

/**
 * Python's repr of a dict as JSON: single-quoted strings, True/False/None, and the objects boto3
 * puts in responses (`datetime.datetime(…, tzinfo=tzlocal())`) as strings.
 */
function pythonToJson(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "'" || c === '"') {
      let value = '';
      let j = i + 1;
      for (; j < source.length && source[j] !== c; j++) {
        if (source[j] === '\\') value += source[++j] ?? '';
        else value += source[j];
      }
      out += JSON.stringify(value);
      i = j;
      continue;
    }
    const word = /^[A-Za-z_][\w.]*(\((?:[^()]|\([^()]*\))*\))?/.exec(source.slice(i));
    if (word) {
      const token = word[0];
      out += token === 'True' ? 'true' : token === 'False' ? 'false' : token === 'None' ? 'null' : JSON.stringify(token);
      i += token.length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/** Every object inside `value` (itself included), depth first. */
export function objectsIn(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objectsIn);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return [record, ...Object.values(record).flatMap(objectsIn)];
  }
  return [];
}
