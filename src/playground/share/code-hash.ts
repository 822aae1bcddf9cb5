/**
 * The reader's code in the URL hash: `#code=` + lz-string `compressToEncodedURIComponent(code)`.
 *
 * Versioning: the key names the format. `code` is format 1; a future format gets a new key and
 * this decoder keeps reading `code`. The world situation travels beside it (./situation-hash).
 */
import { decodePayload, encodePayload } from './hash-payload';

const CODE_HASH_KEY = 'code';

export type DecodedCodeHash =
  /** No code in the hash (or no hash at all, or an ordinary anchor). */
  { kind: 'none' } | { kind: 'code'; code: string } | { kind: 'error'; reason: string };

export function encodeCodeHash(code: string): string {
  return `#${encodePayload(CODE_HASH_KEY, code)}`;
}

export function decodeCodeHash(hash: string): DecodedCodeHash {
  const decoded = decodePayload(hash, CODE_HASH_KEY, 'code');
  return decoded.kind === 'text' ? { kind: 'code', code: decoded.text } : decoded;
}
