// Look up a custom key store by the id in your configuration. A wrong or stale id gets
// CustomKeyStoreNotFoundException; list the stores in this account and Region to find the right one.
import {
  CustomKeyStoreNotFoundException,
  DescribeCustomKeyStoresCommand,
  KMSClient,
  paginateDescribeCustomKeyStores,
  type CustomKeyStoresListEntry,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({ region: 'eu-west-1' });
const configuredStoreId = 'cks-1234567890abcdef9'; // from your app's configuration
const expectedStoreName = 'payments-hsm-store';

async function listAllStores(): Promise<CustomKeyStoresListEntry[]> {
  const stores: CustomKeyStoresListEntry[] = [];
  for await (const page of paginateDescribeCustomKeyStores({ client: kms }, {})) {
    stores.push(...(page.CustomKeyStores ?? []));
  }
  return stores;
}

try {
  const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: configuredStoreId }));
  const store = CustomKeyStores?.[0];
  console.log(`${configuredStoreId} is ${store?.CustomKeyStoreName} (${store?.CustomKeyStoreType}), ${store?.ConnectionState}.`);
} catch (err) {
  if (!(err instanceof CustomKeyStoreNotFoundException)) throw err;
  console.warn(`${err.name}: no custom key store ${configuredStoreId} in eu-west-1 for this account.`);

  const stores = await listAllStores();
  console.log(`Custom key stores in eu-west-1 (${stores.length}):`);
  for (const s of stores) {
    console.log(`  ${s.CustomKeyStoreId}  ${s.CustomKeyStoreName}  ${s.CustomKeyStoreType}  ${s.ConnectionState}`);
  }
  const match = stores.find((s) => s.CustomKeyStoreName === expectedStoreName);
  if (match) console.log(`Use CustomKeyStoreId ${match.CustomKeyStoreId} for ${expectedStoreName}.`);
  else console.error(`No store is named ${expectedStoreName} here: check the Region and account, or whether it was deleted.`);
}
