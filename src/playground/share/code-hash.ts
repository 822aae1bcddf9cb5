/**
 * The reader's code in the URL hash: `#code=` + lz-string `compressToEncodedURIComponent(code)`,
 * the same shape as the TypeScript playground's links.
 *
 * Versioning: the key names the format. `code` is format 1; a future format gets a new key and
 * this decoder keeps reading `code`. Robustness: lz-string output is deterministic, so a payload
 * is accepted only if compressing what it decodes to gives the payload back. A link cut short by
 * a chat client, or damaged on the way, fails that check and is reported, instead of loading
 * half a program.
 */
import * as lzModule from 'lz-string';

// lz-string is CommonJS: bundlers put its functions on the namespace, Node only on `default`.
const LZString: typeof lzModule = (lzModule as { default?: typeof lzModule }).default ?? lzModule;

const CODE_HASH_KEY = 'code';

export type DecodedCodeHash =
  /** No code in the hash (or no hash at all, or an ordinary anchor). */
  { kind: 'none' } | { kind: 'code'; code: string } | { kind: 'error'; reason: string };

const PAYLOAD_ALPHABET = /^[A-Za-z0-9+\-$]*$/;

export function encodeCodeHash(code: string): string {
  return `#${CODE_HASH_KEY}=${LZString.compressToEncodedURIComponent(code)}`;
}

export function decodeCodeHash(hash: string): DecodedCodeHash {
  const payload = parseHashParams(hash).get(CODE_HASH_KEY);
  if (payload === undefined) return { kind: 'none' };
  // Links pasted through other tools sometimes come back percent-encoded, or with + as a space.
  const cleaned = safeDecodeURIComponent(payload).replace(/ /g, '+');
  if (cleaned === '') return { kind: 'error', reason: 'the link holds no code (it ends right after "#code=").' };
  if (!PAYLOAD_ALPHABET.test(cleaned)) {
    return { kind: 'error', reason: 'the link is damaged: it contains characters a playground link never has.' };
  }
  const code = safeDecompress(cleaned);
  if (code === null || LZString.compressToEncodedURIComponent(code) !== cleaned) {
    return {
      kind: 'error',
      reason: 'the code in the link is incomplete or damaged; the link was probably cut short when it was copied or sent.',
    };
  }
  return { kind: 'code', code };
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
