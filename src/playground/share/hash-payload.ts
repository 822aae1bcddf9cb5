/**
 * The URL hash as `key=payload` pairs, each payload lz-string `compressToEncodedURIComponent`
 * text (the TypeScript playground's link shape). lz-string output is deterministic, so a payload
 * is accepted only if compressing what it decodes to gives the payload back: a link cut short by
 * a chat client, or damaged on the way, fails that check and is reported instead of half-loaded.
 */
import * as lzModule from 'lz-string';

// lz-string is CommonJS: bundlers put its functions on the namespace, Node only on `default`.
const LZString: typeof lzModule = (lzModule as { default?: typeof lzModule }).default ?? lzModule;

export type DecodedPayload =
  /** The hash has no such key (or no hash at all, or an ordinary anchor). */
  { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'error'; reason: string };

const PAYLOAD_ALPHABET = /^[A-Za-z0-9+\-$]*$/;

export function encodePayload(key: string, text: string): string {
  return `${key}=${LZString.compressToEncodedURIComponent(text)}`;
}

/** `what` names the payload in messages ("code", "world situation"). */
export function decodePayload(hash: string, key: string, what: string): DecodedPayload {
  const payload = parseHashParams(hash).get(key);
  if (payload === undefined) return { kind: 'none' };
  // Links pasted through other tools sometimes come back percent-encoded, or with + as a space.
  const cleaned = safeDecodeURIComponent(payload).replace(/ /g, '+');
  if (cleaned === '') return { kind: 'error', reason: `the link holds no ${what} (it ends right after "#${key}=").` };
  if (!PAYLOAD_ALPHABET.test(cleaned)) {
    return { kind: 'error', reason: 'the link is damaged: it contains characters a playground link never has.' };
  }
  const text = safeDecompress(cleaned);
  if (text === null || LZString.compressToEncodedURIComponent(text) !== cleaned) {
    return {
      kind: 'error',
      reason: `the ${what} in the link is incomplete or damaged; the link was probably cut short when it was copied or sent.`,
    };
  }
  return { kind: 'text', text };
}

/** `#a=1&b=2` → Map. Values are kept raw (lz-string payloads may contain `+`). */
function parseHashParams(hash: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (!part) continue;
    const equals = part.indexOf('=');
    const key = equals === -1 ? part : part.slice(0, equals);
    if (!params.has(key)) params.set(key, equals === -1 ? '' : part.slice(equals + 1));
  }
  return params;
}

function safeDecompress(payload: string): string | null {
  try {
    return LZString.decompressFromEncodedURIComponent(payload);
  } catch {
    return null;
  }
}

function safeDecodeURIComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
