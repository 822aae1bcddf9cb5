import {
  CustomKeyStoreNotFoundException,
  DescribeCustomKeyStoresCommand,
  type CustomKeyStoresListEntry,
  type KMSClient,
} from '@aws-sdk/client-kms';

/**
 * One store's entry, asked for by ID: KMS filters, so there is no page of results to search
 * and no `NextMarker` to forget. Returns `undefined` when no store in this account and Region
 * has that ID (deleted, or the wrong Region).
 */
export async function describeStore(kms: KMSClient, customKeyStoreId: string): Promise<CustomKeyStoresListEntry | undefined> {
  try {
    const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: customKeyStoreId }));
    return CustomKeyStores?.[0];
  } catch (error) {
    if (error instanceof CustomKeyStoreNotFoundException) return undefined;
    throw error;
  }
}
