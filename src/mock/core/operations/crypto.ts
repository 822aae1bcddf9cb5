/**
 * Cryptographic operations: Encrypt, Decrypt, ReEncrypt, GenerateDataKey(WithoutPlaintext),
 * GenerateRandom. Keys in a custom key store that is not connected (or whose backing store KMS
 * cannot use) fail with KMSInvalidStateException, never CustomKeyStoreInvalidStateException.
 */
import { cryptoProblem, subjectOfStore } from '../backing.ts';
import { toBase64 } from '../codec.ts';
import { keyStateAsSeen } from '../consistency.ts';
import { defineOperation, getKey, getStore, randomBytes, storeOfKey, type EngineContext } from '../context.ts';
import { open, peekKeyId, seal } from '../envelope.ts';
import { kmsError } from '../errors.ts';
import type { KmsKey } from '../model.ts';
import { guardState } from '../transitions.ts';
import { CIPHERTEXT_BLOB, ENCRYPTION_ALGORITHM, ENCRYPTION_CONTEXT, GRANT_TOKENS, KEY_ID, type InputOf } from '../validation.ts';
import { inCustomKeyStore, originNotValid, simulatedOnlyAsRefusal } from './custom-key-store-refusals.ts';

/** Throws the error KMS gives when the key state of `key` rules out cryptography. */
function assertKeyStateAllowsCrypto(context: EngineContext, key: KmsKey): void {
  // The state KMS sees: with eventual consistency simulated, crypto may still work briefly after
  // a disconnect, and still fail briefly after a connect (see consistency.ts).
  const state = keyStateAsSeen(context, key);
  if (state === 'PendingDeletion') throw kmsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
  if (state === 'Unavailable') throw kmsError('KMSInvalidStateException', `${key.arn} is unavailable.`);
  if (state === 'Disabled') throw kmsError('DisabledException', `${key.arn} is disabled.`);
}

/** Throws the error KMS gives when `key` cannot be used for cryptography right now. */
function assertUsable(context: EngineContext, key: KmsKey): void {
  const { world } = context;
  assertKeyStateAllowsCrypto(context, key);
  const store = storeOfKey(context, key);
  const subject = store && subjectOfStore(world, store);
  const problem = subject && cryptoProblem(subject, key);
  if (problem) throw kmsError(problem.exception, problem.message);
}

function usableKey(context: EngineContext, keyId: string): KmsKey {
  const key = getKey(context, keyId);
  assertUsable(context, key);
  return key;
}

function sealFor(
  context: EngineContext,
  key: KmsKey,
  plaintext: Uint8Array,
  encryptionContext: Record<string, string> | undefined,
) {
  return toBase64(seal(key.keyId, key.material, plaintext, encryptionContext, randomBytes(context, 12)));
}

/** Finds the key a ciphertext belongs to and opens it, refusing what KMS refuses. */
function openCiphertext(
  context: EngineContext,
  blob: Uint8Array,
  keyId: string | undefined,
  encryptionContext: Record<string, string> | undefined,
) {
  const embedded = peekKeyId(blob);
  // Real KMS sends this error with no message at all.
  if (!embedded) throw kmsError('InvalidCiphertextException', undefined);
  const key = context.world.keys.find((k) => k.keyId === embedded);
  if (!key) throw kmsError('InvalidCiphertextException', undefined);
  if (keyId !== undefined && getKey(context, keyId).keyId !== key.keyId) {
    throw kmsError(
      'IncorrectKeyException',
      'The key ID in the request does not identify a KMS key that can perform this operation.',
    );
  }
  assertUsable(context, key);
  const plaintext = open(blob, key.material, encryptionContext);
  if (!plaintext) throw kmsError('InvalidCiphertextException', undefined);
  return { key, plaintext };
}

const DATA_KEY_INPUT = {
  KeyId: KEY_ID,
  EncryptionContext: ENCRYPTION_CONTEXT,
  NumberOfBytes: { type: 'integer', min: 1, max: 1024 },
  KeySpec: { type: 'string', enum: ['AES_256', 'AES_128'] },
  GrantTokens: GRANT_TOKENS,
  Recipient: { type: 'any' },
  DryRun: { type: 'boolean' },
} as const;

function generateDataKey(context: EngineContext, input: InputOf<typeof DATA_KEY_INPUT>) {
  if (input.NumberOfBytes === undefined && input.KeySpec === undefined) {
    throw kmsError('ValidationException', 'Please specify either number of bytes or key spec.');
  }
  if (input.NumberOfBytes !== undefined && input.KeySpec !== undefined) {
    throw kmsError('ValidationException', 'Please specify either number of bytes or key spec, not both.');
  }
  const key = usableKey(context, input.KeyId);
  const length = input.NumberOfBytes ?? (input.KeySpec === 'AES_128' ? 16 : 32);
  const plaintext = randomBytes(context, length);
  return {
    key,
    plaintext,
    CiphertextBlob: sealFor(context, key, plaintext, input.EncryptionContext),
  };
}

const DATA_KEY_PAIR_INPUT = {
  KeyId: KEY_ID,
  KeyPairSpec: {
    type: 'string',
    required: true,
    enum: ['RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'SM2'],
  },
  EncryptionContext: ENCRYPTION_CONTEXT,
  GrantTokens: GRANT_TOKENS,
  Recipient: { type: 'any' },
  DryRun: { type: 'boolean' },
} as const;

/**
 * GenerateDataKeyPair(WithoutPlaintext) cannot use a KMS key in a custom key store (API
 * reference). The key state is checked first: the Developer Guide's key state table gives
 * `<key ARN> is unavailable.` for these operations on an Unavailable key, a state only keys in
 * custom key stores have.
 */
const dataKeyPair = (operation: string) =>
  defineOperation({
    input: DATA_KEY_PAIR_INPUT,
    run(context, input) {
      const key = getKey(context, input.KeyId);
      assertKeyStateAllowsCrypto(context, key);
      throw inCustomKeyStore(key) ? originNotValid(key) : simulatedOnlyAsRefusal(operation);
    },
  });

export const CRYPTO_OPERATIONS = {
  GenerateDataKeyPair: dataKeyPair('GenerateDataKeyPair'),
  GenerateDataKeyPairWithoutPlaintext: dataKeyPair('GenerateDataKeyPairWithoutPlaintext'),
  Encrypt: defineOperation({
    input: {
      KeyId: KEY_ID,
      Plaintext: { type: 'blob', required: true, min: 1, max: 4096 },
      EncryptionContext: ENCRYPTION_CONTEXT,
      GrantTokens: GRANT_TOKENS,
      EncryptionAlgorithm: ENCRYPTION_ALGORITHM,
      DryRun: { type: 'boolean' },
    },
    run(context, input) {
      const key = usableKey(context, input.KeyId);
      return {
        CiphertextBlob: sealFor(context, key, input.Plaintext, input.EncryptionContext),
        KeyId: key.arn,
        EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      };
    },
  }),
  Decrypt: defineOperation({
    input: {
      CiphertextBlob: CIPHERTEXT_BLOB,
      EncryptionContext: ENCRYPTION_CONTEXT,
      GrantTokens: GRANT_TOKENS,
      KeyId: { type: 'string', min: 1, max: 2048 },
      EncryptionAlgorithm: ENCRYPTION_ALGORITHM,
      Recipient: { type: 'any' },
      DryRun: { type: 'boolean' },
    },
    run(context, input) {
      const { key, plaintext } = openCiphertext(context, input.CiphertextBlob, input.KeyId, input.EncryptionContext);
      return { Plaintext: toBase64(plaintext), KeyId: key.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
    },
  }),
  ReEncrypt: defineOperation({
    input: {
      CiphertextBlob: CIPHERTEXT_BLOB,
      SourceEncryptionContext: ENCRYPTION_CONTEXT,
      SourceKeyId: { type: 'string', min: 1, max: 2048 },
      DestinationKeyId: KEY_ID,
      DestinationEncryptionContext: ENCRYPTION_CONTEXT,
      SourceEncryptionAlgorithm: ENCRYPTION_ALGORITHM,
      DestinationEncryptionAlgorithm: ENCRYPTION_ALGORITHM,
      GrantTokens: GRANT_TOKENS,
      DryRun: { type: 'boolean' },
    },
    run(context, input) {
      const source = openCiphertext(context, input.CiphertextBlob, input.SourceKeyId, input.SourceEncryptionContext);
      const destination = usableKey(context, input.DestinationKeyId);
      return {
        CiphertextBlob: sealFor(context, destination, source.plaintext, input.DestinationEncryptionContext),
        SourceKeyId: source.key.arn,
        KeyId: destination.arn,
        SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
        DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      };
    },
  }),
  GenerateDataKey: defineOperation({
    input: DATA_KEY_INPUT,
    run(context, input) {
      const { key, plaintext, CiphertextBlob } = generateDataKey(context, input);
      return { CiphertextBlob, Plaintext: toBase64(plaintext), KeyId: key.arn };
    },
  }),
  GenerateDataKeyWithoutPlaintext: defineOperation({
    input: DATA_KEY_INPUT,
    run(context, input) {
      const { key, CiphertextBlob } = generateDataKey(context, input);
      return { CiphertextBlob, KeyId: key.arn };
    },
  }),
  GenerateRandom: defineOperation({
    input: {
      NumberOfBytes: { type: 'integer', required: true, min: 1, max: 1024 },
      CustomKeyStoreId: { type: 'string', min: 1, max: 64 },
      Recipient: { type: 'any' },
    },
    run(context, input) {
      const storeId = input.CustomKeyStoreId;
      if (storeId !== undefined) {
        const store = getStore(context, storeId);
        if (store.type === 'EXTERNAL_KEY_STORE') {
          throw kmsError(
            'UnsupportedOperationException',
            `GenerateRandom does not support external key stores (${store.id}); use an AWS CloudHSM key store.`,
          );
        }
        guardState(context, 'GenerateRandom', store);
      }
      return { Plaintext: toBase64(randomBytes(context, input.NumberOfBytes)) };
    },
  }),
};

/** The names of the cryptographic operations the mock answers (Encrypt, Decrypt, GenerateRandom, …). */
export const CRYPTO_OPERATION_NAMES: readonly string[] = Object.keys(CRYPTO_OPERATIONS);
