/**
 * What every operation gets: the world, the clock, randomness, and lookups shared by the
 * store, key and crypto operations.
 */
import { kmsError, storeNotFound } from './errors.ts';
import type { CustomKeyStore, KeyState, KmsKey, WorldState } from './model.ts';
import { validateInput, type InputOf, type InputSpec } from './validation.ts';

export interface EngineContext {
  readonly world: WorldState;
  now(): number;
  random(): number;
  /** The answer is being decided by an older view of the world (simulated eventual consistency). */
  noteStaleView(): void;
}

export type OperationOutput = Record<string, unknown>;

/** A simulated operation, as the engine runs it: from the request's JSON to the response's. */
export interface OperationDefinition {
  /** Validates `rawInput` (SerializationException, ValidationException), then runs the operation. */
  execute(context: EngineContext, rawInput: unknown): OperationOutput;
}

/** An operation: its members, and what it does with the input validated against them and typed from them. */
export function defineOperation<const S extends InputSpec>(operation: {
  input: S;
  run(context: EngineContext, input: InputOf<S>): OperationOutput;
}): OperationDefinition {
  return { execute: (context, rawInput) => operation.run(context, validateInput(operation.input, rawInput)) };
}

export function randomBytes(context: EngineContext, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) bytes[i] = Math.floor(context.random() * 256);
  return bytes;
}

export function nextId(context: EngineContext): number {
  context.world.sequence += 1;
  return context.world.sequence;
}

const HEX_CODES = Uint8Array.from('0123456789abcdef', (char) => char.charCodeAt(0));
/** Where each random byte's two hex digits go in `xxxxxxxx-xxxx-4xxx-axxx-xxxxxxxxxxxx`; -1 drops a digit (under the 4 and the a). */
const UUID_DIGIT_AT = [0, 2, 4, 6, 9, 11, -1, 16, -1, 21, 24, 26, 28, 30, 32, 34];
const UUID_TEMPLATE = Uint8Array.from('00000000-0000-4000-a000-000000000000', (char) => char.charCodeAt(0));
const ascii = new TextDecoder();

/**
 * A UUID-shaped id from the injected randomness (key ids, request ids). Written as character codes
 * and decoded once: one per request, so building it from string pieces was a good share of the garbage.
 */
export function randomUuid(context: EngineContext): string {
  const codes = UUID_TEMPLATE.slice();
  const bytes = randomBytes(context, 16);
  for (let i = 0; i < 16; i += 1) {
    const byte = bytes[i]!;
    const at = UUID_DIGIT_AT[i]!;
    // Bytes 6 and 8 give only their low digit, after the fixed 4 and a.
    if (at === -1) codes[i === 6 ? 15 : 20] = HEX_CODES[byte & 15]!;
    else {
      codes[at] = HEX_CODES[byte >> 4]!;
      codes[at + 1] = HEX_CODES[byte & 15]!;
    }
  }
  return ascii.decode(codes);
}

export const keyArn = (world: WorldState, keyId: string) => `arn:aws:kms:${world.region}:${world.accountId}:key/${keyId}`;

/** Epoch seconds with millisecond fraction, the wire format of KMS timestamps. */
export const epochSeconds = (ms: number) => ms / 1000;

export function getStore(context: EngineContext, id: string): CustomKeyStore {
  const store = context.world.stores.find((s) => s.id === id);
  if (!store) throw storeNotFound(id);
  return store;
}

const KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key\/(.+)$/;

/** Finds a key by id or key ARN. Aliases are not simulated. */
export function getKey(context: EngineContext, keyIdOrArn: string): KmsKey {
  const { world } = context;
  const arnMatch = KEY_ARN.exec(keyIdOrArn);
  const keyId = arnMatch ? arnMatch[3] : keyIdOrArn;
  const key = world.keys.find((k) => k.keyId === keyId);
  const sameAccount = !arnMatch || (arnMatch[1] === world.region && arnMatch[2] === world.accountId);
  if (!key || !sameAccount) {
    if (keyIdOrArn.startsWith('alias/') || keyIdOrArn.includes(':alias/')) {
      throw kmsError('NotFoundException', `Alias ${keyIdOrArn} is not found. (The KMS mock does not simulate aliases.)`);
    }
    if (!arnMatch && !/^[0-9a-zA-Z-]{1,64}$/.test(keyIdOrArn)) {
      throw kmsError('NotFoundException', `Invalid keyId '${keyIdOrArn}'`);
    }
    throw kmsError('NotFoundException', `Key '${arnMatch ? keyIdOrArn : keyArn(world, keyIdOrArn)}' does not exist`);
  }
  return key;
}

export function storeOfKey(context: EngineContext, key: KmsKey): CustomKeyStore | undefined {
  return key.customKeyStoreId ? context.world.stores.find((s) => s.id === key.customKeyStoreId) : undefined;
}

/** The key state KMS reports: keys of a store that is not connected are Unavailable. */
export function effectiveKeyState(world: WorldState, key: KmsKey): KeyState {
  if (key.keyState === 'PendingDeletion' || !key.customKeyStoreId) return key.keyState;
  const store = world.stores.find((s) => s.id === key.customKeyStoreId);
  return store && store.connectionState === 'CONNECTED' ? key.keyState : 'Unavailable';
}
