import { DescribeKeyCommand, paginateListKeys, type KeyState, type KMSClient } from '@aws-sdk/client-kms';

export interface KeyInStore {
  keyId: string;
  keyState: KeyState | undefined;
  /** Set for keys pending deletion: the store can be deleted only after the last of these. */
  deletionDate: Date | undefined;
}

/**
 * The KMS keys that still live in a custom key store. DeleteCustomKeyStore refuses
 * (CustomKeyStoreHasCMKsException) while this list is not empty, and keys pending deletion
 * count until their waiting period ends.
 */
export async function keysInStore(kms: KMSClient, customKeyStoreId: string): Promise<KeyInStore[]> {
  const keys: KeyInStore[] = [];
  for await (const page of paginateListKeys({ client: kms }, {})) {
    for (const { KeyId } of page.Keys ?? []) {
      const { KeyMetadata: key } = await kms.send(new DescribeKeyCommand({ KeyId }));
      if (key?.KeyId && key.CustomKeyStoreId === customKeyStoreId) {
        keys.push({ keyId: key.KeyId, keyState: key.KeyState, deletionDate: key.DeletionDate });
      }
    }
  }
  return keys;
}
