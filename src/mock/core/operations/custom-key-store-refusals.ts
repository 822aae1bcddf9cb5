/**
 * Operations KMS refuses for keys in custom key stores: automatic and on-demand rotation, and
 * imported key material. KMS answers UnsupportedOperationException in every key state, since
 * such a key can neither rotate nor hold imported material (Developer Guide, "Key states of AWS
 * KMS keys", the table's notes on the rotation and import rows; "Key type reference", special
 * features table). Outside custom key stores the mock answers only GetKeyRotationStatus (never
 * enabled: the mock does not rotate).
 */
import { defineOperation, getKey, type EngineContext } from '../context.ts';
import { kmsError } from '../errors.ts';
import type { KmsKey } from '../model.ts';
import { KEY_ID } from '../validation.ts';

/**
 * The refusal in the form AWS documents for Origin EXTERNAL (`<key ARN> origin is EXTERNAL which
 * is not valid for this operation.`) and real clients print for AWS_CLOUDHSM and EXTERNAL_KEY_STORE.
 */
export function originNotValid(key: KmsKey) {
  return kmsError('UnsupportedOperationException', `${key.arn} origin is ${key.origin} which is not valid for this operation.`);
}

export const inCustomKeyStore = (key: KmsKey) => key.customKeyStoreId !== undefined;

/** The mock's answer for a call it simulates only where KMS refuses it. */
export function simulatedOnlyAsRefusal(operation: string) {
  return kmsError(
    'MockNotImplementedException',
    `The KMS mock simulates ${operation} only for keys in custom key stores, where KMS refuses it with UnsupportedOperationException.`,
  );
}

/** The key named by `keyId`, refused when it is in a custom key store, else the mock's 501. */
function refuseForKey(context: EngineContext, operation: string, keyId: string): never {
  const key = getKey(context, keyId);
  throw inCustomKeyStore(key) ? originNotValid(key) : simulatedOnlyAsRefusal(operation);
}

/** An operation that validates its members, then refuses (or says the mock does not simulate it). */
const refusal = <const S extends { KeyId: typeof KEY_ID }>(operation: string, input: S) =>
  defineOperation({
    input,
    // KeyId is required in S, so it is in every validated input (TypeScript cannot see through the generic).
    run: (context, validated) => refuseForKey(context, operation, (validated as unknown as { KeyId: string }).KeyId),
  });

export const CUSTOM_KEY_STORE_REFUSALS = {
  GetKeyRotationStatus: defineOperation({
    input: { KeyId: KEY_ID },
    run(context, input) {
      const key = getKey(context, input.KeyId);
      if (inCustomKeyStore(key)) throw originNotValid(key);
      return { KeyId: key.arn, KeyRotationEnabled: false };
    },
  }),
  EnableKeyRotation: refusal('EnableKeyRotation', {
    KeyId: KEY_ID,
    RotationPeriodInDays: { type: 'integer', min: 90, max: 2560 },
  }),
  DisableKeyRotation: refusal('DisableKeyRotation', { KeyId: KEY_ID }),
  RotateKeyOnDemand: refusal('RotateKeyOnDemand', { KeyId: KEY_ID }),
  ListKeyRotations: refusal('ListKeyRotations', {
    KeyId: KEY_ID,
    Limit: { type: 'integer', min: 1, max: 1000 },
    Marker: { type: 'string', min: 1, max: 1024 },
    IncludeKeyMaterial: { type: 'string', enum: ['ALL_KEY_MATERIAL', 'ROTATIONS_ONLY'] },
  }),
  GetParametersForImport: refusal('GetParametersForImport', {
    KeyId: KEY_ID,
    WrappingAlgorithm: { type: 'string', required: true, min: 1, max: 64 },
    WrappingKeySpec: { type: 'string', required: true, min: 1, max: 64 },
  }),
  ImportKeyMaterial: refusal('ImportKeyMaterial', {
    KeyId: KEY_ID,
    ImportToken: { type: 'blob', required: true, min: 1, max: 6144 },
    EncryptedKeyMaterial: { type: 'blob', required: true, min: 1, max: 6144 },
    ValidTo: { type: 'any' },
    ExpirationModel: { type: 'string', enum: ['KEY_MATERIAL_EXPIRES', 'KEY_MATERIAL_DOES_NOT_EXPIRE'] },
    ImportType: { type: 'string', enum: ['NEW_KEY_MATERIAL', 'EXISTING_KEY_MATERIAL'] },
    KeyMaterialDescription: { type: 'string' },
    KeyMaterialId: { type: 'string' },
  }),
  DeleteImportedKeyMaterial: refusal('DeleteImportedKeyMaterial', {
    KeyId: KEY_ID,
    KeyMaterialId: { type: 'string' },
  }),
};
