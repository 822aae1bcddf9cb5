import { DescribeKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { describeStore } from './describe-store';

export type Diagnosis =
  | { cause: 'not-in-custom-key-store'; keyState: string | undefined }
  | { cause: 'key-pending-deletion' }
  | { cause: 'store-not-connected'; connectionState: string | undefined; connectionErrorCode: string | undefined }
  | { cause: 'backing-store-unreachable'; customKeyStoreId: string };

/**
 * Why a cryptographic call with `keyId` failed with KMSInvalidStateException. A lost network
 * path to the cluster or proxy does not change the store's ConnectionState: a CONNECTED store
 * whose Enabled key still fails points at the network, the cluster or the proxy.
 */
export async function diagnoseUnavailableKey(kms: KMSClient, keyId: string): Promise<Diagnosis> {
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
  return { cause: 'backing-store-unreachable', customKeyStoreId: key.CustomKeyStoreId };
}
