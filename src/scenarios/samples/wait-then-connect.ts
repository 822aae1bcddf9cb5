// Connect a custom key store that someone else is still disconnecting. KMS refuses Connect while
// the store is DISCONNECTING; once the disconnect has finished, the same call is accepted.
import {
  ConnectCustomKeyStoreCommand,
  CustomKeyStoreInvalidStateException,
  DescribeCustomKeyStoresCommand,
  KMSClient,
  type ConnectionStateType,
  type CustomKeyStoresListEntry,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({ region: 'eu-west-1' });
const storeId = 'cks-1234567890abcdef0'; // payments-hsm-store
const MINUTE = 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function describeStore(): Promise<CustomKeyStoresListEntry> {
  const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }));
  const store = CustomKeyStores?.[0];
  if (!store) throw new Error(`DescribeCustomKeyStores returned nothing for ${storeId}`);
  return store;
}

/** Polls (5 s, doubling to 30 s) until the store leaves `transientState`, or gives up after `limitMs`. */
async function waitWhile(transientState: ConnectionStateType, limitMs: number) {
  const giveUpAt = Date.now() + limitMs;
  for (let delayMs = 5_000; ; delayMs = Math.min(delayMs * 2, 30_000)) {
    const store = await describeStore();
    if (store.ConnectionState !== transientState) return store;
    if (Date.now() + delayMs > giveUpAt) throw new Error(`${storeId} is still ${transientState} after ${limitMs / MINUTE} min.`);
    await sleep(delayMs);
  }
}

/** Asks KMS to connect; if a disconnect is still running, waits for it to finish and asks again. */
async function requestConnect(): Promise<void> {
  try {
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
    console.log('ConnectCustomKeyStore accepted.');
  } catch (err) {
    if (!(err instanceof CustomKeyStoreInvalidStateException)) throw err;
    const { ConnectionState: state } = await describeStore();
    if (state !== 'DISCONNECTING') {
      console.error(`Connect was refused (${err.name}) with the store ${state}; see /scenarios/connect-while-failed/ if it is FAILED.`);
      throw err;
    }
    console.warn(`Connect was refused (${err.name}): ${storeId} is still DISCONNECTING. Waiting for DISCONNECTED...`);
    await waitWhile('DISCONNECTING', 10 * MINUTE);
    console.log(`${storeId} is DISCONNECTED; connecting.`);
    return requestConnect();
  }
}

await requestConnect();
const store = await waitWhile('CONNECTING', 25 * MINUTE); // CloudHSM stores take up to 20 minutes
if (store.ConnectionState === 'CONNECTED') {
  console.log(`${storeId} is CONNECTED.`);
} else {
  console.error(`${storeId} ended ${store.ConnectionState} (${store.ConnectionErrorCode}); fix that cause first.`);
}
