// Disconnect a custom key store, and treat "it is already disconnected" as success. KMS refuses
// DisconnectCustomKeyStore on a store that is DISCONNECTED or DISCONNECTING; for a teardown
// script that means the work is already done (or under way), not that something broke.
import {
  CustomKeyStoreInvalidStateException,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
  KMSClient,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({ region: 'eu-west-1' });
const storeId = 'cks-1234567890abcdef0'; // payments-hsm-store

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function connectionState() {
  const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }));
  return CustomKeyStores?.[0]?.ConnectionState;
}

/** Resolves once the store is DISCONNECTED, whatever state it started in. */
async function ensureDisconnected(): Promise<void> {
  try {
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
    console.log(`Disconnect requested for ${storeId}; its KMS keys are unavailable from now on.`);
  } catch (err) {
    if (!(err instanceof CustomKeyStoreInvalidStateException)) throw err;
    const state = await connectionState();
    if (state !== 'DISCONNECTED' && state !== 'DISCONNECTING') throw err;
    console.log(`DisconnectCustomKeyStore was refused (${err.name}), but ${storeId} is already ${state}: nothing to do.`);
  }

  const giveUpAt = Date.now() + 10 * 60_000;
  for (let state = await connectionState(); state !== 'DISCONNECTED'; state = await connectionState()) {
    if (Date.now() > giveUpAt) throw new Error(`${storeId} is still ${state} after 10 minutes.`);
    await sleep(10_000);
  }
}

await ensureDisconnected();
console.log(`${storeId} is DISCONNECTED.`);
