/**
 * Byte helpers with no platform dependency (no Buffer, no atob): base64 for JSON blobs, UTF-8,
 * a keyed 32-bit mixing hash and a keystream for the mock's ciphertext envelope.
 * None of this is cryptography; it only has to make tampering detectable and output opaque.
 */

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const BASE64_CODES = Uint8Array.from(BASE64_ALPHABET, (char) => char.charCodeAt(0));
const PAD = '='.charCodeAt(0);
const ascii = new TextDecoder();

/**
 * The characters are written as codes and decoded into one string at the end: adding them to a
 * string one by one left a chain of string pieces per blob, most of what an Encrypt allocated.
 */
export function toBase64(bytes: Uint8Array): string {
  const codes = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let out = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    codes[out++] = BASE64_CODES[(triple >> 18) & 63]!;
    codes[out++] = BASE64_CODES[(triple >> 12) & 63]!;
    codes[out++] = i + 1 < bytes.length ? BASE64_CODES[(triple >> 6) & 63]! : PAD;
    codes[out++] = i + 2 < bytes.length ? BASE64_CODES[triple & 63]! : PAD;
  }
  return ascii.decode(codes);
}

/** Each character's 6-bit value by char code; -1 for characters outside the alphabet. */
const BASE64_VALUES = Int8Array.from({ length: 128 }, (_, code) => BASE64_ALPHABET.indexOf(String.fromCharCode(code)));

/** Decodes standard base64; returns `undefined` for anything that is not valid base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1 || text.length % 4 !== 0) return undefined;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < clean.length; i += 1) {
    const value = BASE64_VALUES[clean.charCodeAt(i)] ?? -1;
    if (value === -1) return undefined;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

const encoder = new TextEncoder();

/** UTF-8 bytes of `text`. ASCII text (ids, key material) is copied over: faster than calling the encoder. */
export function utf8(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return encoder.encode(text);
    bytes[i] = code;
  }
  return bytes;
}

const bytesOf = (part: Uint8Array | string) => (typeof part === 'string' ? utf8(part) : part);

/** The parts one after another in a new array. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** 32-bit keyed hash (murmur3-style finalizer over FNV-1a accumulation). */
function hash32(seed: number, parts: readonly Uint8Array[]): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (const bytes of parts) {
    for (let i = 0; i < bytes.length; i += 1) {
      h ^= bytes[i] ?? 0;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0xff; // part separator, so ("ab","c") and ("a","bc") differ
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** 16-byte tag from four independently seeded hashes. */
export function tag128(...parts: Array<Uint8Array | string>): Uint8Array {
  // Encoded once for the four hashes: encoding the text parts was most of the tag's cost.
  const bytes = parts.map(bytesOf);
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i += 1) view.setUint32(i * 4, hash32(0x9e3779b9 * (i + 1), bytes));
  return out;
}

/** XORs `data` with a keystream derived from `key` and `nonce` (xorshift32 per 4 bytes). */
export function xorKeystream(data: Uint8Array, key: string, nonce: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  let state = hash32(0x2545f491, [utf8(key), nonce]) || 1;
  for (let i = 0; i < data.length; i += 1) {
    if (i % 4 === 0) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
    }
    out[i] = (data[i] ?? 0) ^ ((state >>> ((i % 4) * 8)) & 0xff);
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
