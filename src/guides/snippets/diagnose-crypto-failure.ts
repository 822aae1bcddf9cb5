import { DescribeKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { describeStore } from './describe-store';

/**
 * What AWS lists for a key that fails although its store is CONNECTED and the key Enabled
 * (Developer Guide: "How to fix a failing KMS key", "Troubleshooting external key stores").
 * KMS gives them all one exception class; its message says which one it is.
 */
export const CONNECTED_STORE_CAUSES = {
  AWS_CLOUDHSM: [
    'the network path from KMS to the cluster is broken (security groups, network ACLs, routes)',
    'every HSM of the cluster was deleted',
    'the cluster was deleted',
    'the key\'s material was deleted from the cluster (recover it from a backup: "How to recover deleted key material for a KMS key")',
  ],
  EXTERNAL_KEY_STORE: [
    'KMS cannot reach the proxy, or it answers too slowly (250 ms) or reports its key manager unavailable',
    'the proxy denies KMS access (authorization rules) or rejects its credential',
    'the external key is missing, disabled, or lacks the ENCRYPT or DECRYPT usage',
    'the proxy reports the ciphertext as invalid',
  ],
} as const;

export type CryptoFailureDiagnosis =
  | { cause: 'not-in-custom-key-store'; keyState: string | undefined }
  | { cause: 'key-pending-deletion' }
  | { cause: 'store-not-connected'; connectionState: string | undefined; connectionErrorCode: string | undefined }
  /** KMSInternalException on a CloudHSM key: no free PKCS #11 session, or a transient KMS error. */
  | { cause: 'back-off-and-retry'; customKeyStoreId: string }
  /** Store CONNECTED, key Enabled: one of `possibleCauses`, and `message` says which. */
  | { cause: 'connected-store-cannot-use-key'; customKeyStoreId: string; possibleCauses: readonly string[]; message: string };

/**
 * Why a cryptographic call with `keyId` failed with `error` (a KMSInvalidStateException, or a
 * KMSInternalException). A problem behind a connected store does not change its ConnectionState:
 * for a CONNECTED store and an Enabled key, read the message against the causes AWS lists.
 */
export async function diagnoseCryptoFailure(
  kms: KMSClient,
  keyId: string,
  error: { name: string; message: string },
): Promise<CryptoFailureDiagnosis> {
  const { KeyMetadata: key } = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  if (!key?.CustomKeyStoreId) return { cause: 'not-in-custom-key-store', keyState: key?.KeyState };
  if (key.KeyState === 'PendingDeletion') return { cause: 'key-pending-deletion' };
  const store = await describeStore(kms, key.CustomKeyStoreId);
  if (store?.ConnectionState !== 'CONNECTED') {
    return {
      cause: 'store-not-connected',
      connectionState: store?.ConnectionState,
      connectionErrorCode: store?.ConnectionErrorCode,
    };
  }
  if (error.name === 'KMSInternalException') return { cause: 'back-off-and-retry', customKeyStoreId: key.CustomKeyStoreId };
  const storeType = store.CustomKeyStoreType === 'EXTERNAL_KEY_STORE' ? 'EXTERNAL_KEY_STORE' : 'AWS_CLOUDHSM';
  return {
    cause: 'connected-store-cannot-use-key',
    customKeyStoreId: key.CustomKeyStoreId,
    possibleCauses: CONNECTED_STORE_CAUSES[storeType],
    message: error.message,
  };
}
