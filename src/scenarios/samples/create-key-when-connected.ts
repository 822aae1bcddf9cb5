// Create a KMS key in a CloudHSM key store. KMS only creates keys in a CONNECTED store, so when
// CreateKey is refused because the store is disconnected, connect it, wait, and try again.
import {
  ConnectCustomKeyStoreCommand,
  CreateKeyCommand,
  CustomKeyStoreInvalidStateException,
  DescribeCustomKeyStoresCommand,
  KMSClient,
  type ConnectionStateType,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({ region: 'eu-west-1' });
const storeId = 'cks-1234567890abcdef0'; // payments-hsm-store
const connectDeadlineMs = 25 * 60_000; // connecting a CloudHSM key store can take up to 20 minutes

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function describeStore() {
  const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }));
  const store = CustomKeyStores?.[0];
  if (!store) throw new Error(`DescribeCustomKeyStores returned nothing for ${storeId}`);
  return store;
}

/** Polls (5 s, doubling to 30 s) until the store leaves `transientState`, or gives up at the deadline. */
async function waitWhile(transientState: ConnectionStateType, deadlineMs: number) {
  const giveUpAt = Date.now() + deadlineMs;
  for (let delayMs = 5_000; ; delayMs = Math.min(delayMs * 2, 30_000)) {
    const store = await describeStore();
    if (store.ConnectionState !== transientState) return store;
    if (Date.now() + delayMs > giveUpAt) throw new Error(`${storeId} is still ${transientState}; giving up.`);
    await sleep(delayMs);
  }
}

async function createKey(): Promise<string | undefined> {
  const { KeyMetadata } = await kms.send(
    new CreateKeyCommand({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: storeId, Description: 'payments data key' }),
  );
  return KeyMetadata?.KeyId;
}

try {
  console.log(`Created KMS key ${await createKey()} in ${storeId}.`);
} catch (err) {
  if (!(err instanceof CustomKeyStoreInvalidStateException)) throw err;
  const { ConnectionState: state } = await describeStore();
  console.warn(`CreateKey was refused (${err.name}): ${storeId} is ${state}, and keys can only be created in a CONNECTED store.`);

  if (state === 'DISCONNECTED') {
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
    console.log('ConnectCustomKeyStore accepted; waiting for the store to finish CONNECTING (this takes minutes)...');
  }
  if (state === 'DISCONNECTED' || state === 'CONNECTING') {
    const startedAt = Date.now();
    const store = await waitWhile('CONNECTING', connectDeadlineMs);
    const minutes = ((Date.now() - startedAt) / 60_000).toFixed(1);
    if (store.ConnectionState === 'CONNECTED') {
      console.log(`${storeId} is CONNECTED after ${minutes} min.`);
      console.log(`Created KMS key ${await createKey()} in ${storeId}.`);
    } else {
      console.error(`The connection attempt ended ${store.ConnectionState} (${store.ConnectionErrorCode ?? 'no error code'}).`);
      console.error('Fix the cause named by ConnectionErrorCode, then disconnect and connect again.');
    }
  } else {
    console.error(`Not connecting from ${state}: let a DISCONNECTING store finish, and disconnect a FAILED one first (/scenarios/connect-while-failed/).`);
  }
}
