/**
 * The mock's ciphertext format. Decrypt must return exactly what Encrypt was given, must know
 * which key encrypted a blob (Decrypt without KeyId works for symmetric keys), and must refuse a
 * blob that was altered or paired with a different encryption context, as KMS does.
 *
 * Layout: version(1) | keyIdLength(1) | keyId | nonce(12) | body | tag(16)
 */
import { concatBytes, equalBytes, tag128, utf8, xorKeystream } from './codec.ts';

const VERSION = 0x4b; // 'K'
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;

/** Canonical text of an encryption context: keys sorted, so order on the wire does not matter. */
function canonicalContext(context: Record<string, string> | undefined): string {
  if (!context) return '';
  return Object.keys(context)
    .sort()
    .map((key) => `${key}=${context[key]}`)
    .join('\u0000');
}

export function seal(
  keyId: string,
  material: string,
  plaintext: Uint8Array,
  context: Record<string, string> | undefined,
  nonce: Uint8Array,
): Uint8Array {
  const keyIdBytes = utf8(keyId);
  const body = xorKeystream(plaintext, material, nonce);
  const header = concatBytes(Uint8Array.of(VERSION, keyIdBytes.length), keyIdBytes, nonce);
  const tag = tag128(material, header, body, canonicalContext(context));
  return concatBytes(header, body, tag);
}

/** Reads the key id a blob claims, without verifying it. `undefined` when the blob is malformed. */
export function peekKeyId(blob: Uint8Array): string | undefined {
  if (blob[0] !== VERSION) return undefined;
  const length = blob[1] ?? 0;
  if (blob.length < 2 + length + NONCE_LENGTH + TAG_LENGTH) return undefined;
  return new TextDecoder().decode(blob.subarray(2, 2 + length));
}

/** Verifies and decrypts; `undefined` when the blob was tampered with or the context differs. */
export function open(blob: Uint8Array, material: string, context: Record<string, string> | undefined): Uint8Array | undefined {
  const keyIdLength = blob[1] ?? 0;
  const headerLength = 2 + keyIdLength + NONCE_LENGTH;
  if (blob[0] !== VERSION || blob.length < headerLength + TAG_LENGTH) return undefined;
  const header = blob.subarray(0, headerLength);
  const body = blob.subarray(headerLength, blob.length - TAG_LENGTH);
  const tag = blob.subarray(blob.length - TAG_LENGTH);
  if (!equalBytes(tag, tag128(material, header, body, canonicalContext(context)))) return undefined;
  return xorKeystream(body, material, header.subarray(2 + keyIdLength));
}
