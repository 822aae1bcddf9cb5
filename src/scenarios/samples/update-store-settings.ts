// Give the kmsuser crypto user a password of your own and tell KMS. While a CloudHSM key store is
// CONNECTED, KMS is logged in as kmsuser (so its password cannot change in the cluster) and only the
// store's name can be updated. So: disconnect, change the password in the cluster, update, connect.
// Routine rotation needs none of this: KMS rotates the kmsuser password itself on every connect.
import {
  ConnectCustomKeyStoreCommand,
  CustomKeyStoreInvalidStateException,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
  KMSClient,
  UpdateCustomKeyStoreCommand,
  type ConnectionStateType,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({ region: 'eu-west-1' });
const storeId = 'cks-1234567890abcdef0'; // payments-hsm-store
const newKmsuserPassword = 'kmsPswd-2025'; // set in the cluster with changePswd; in production, read it from your secret store
const MINUTE = 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function describeStore() {
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

const updatePassword = () =>
  kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: storeId, KeyStorePassword: newKmsuserPassword }));

try {
  await updatePassword();
  console.log(`KeyStorePassword of ${storeId} updated while DISCONNECTED. Connecting (up to 20 minutes)...`);
  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
  const store = await waitWhile('CONNECTING', 25 * MINUTE);
  if (store.ConnectionState === 'CONNECTED') console.log(`${storeId} is CONNECTED again with the new password.`);
  else console.error(`Reconnecting failed with ${store.ConnectionErrorCode}: see /scenarios/invalid-credentials/ if the password is wrong.`);
} catch (err) {
  if (!(err instanceof CustomKeyStoreInvalidStateException)) throw err;
  const { ConnectionState: state } = await describeStore();
  if (state !== 'CONNECTED') throw err; // CONNECTING, DISCONNECTING, FAILED: settle the store first
  console.warn(`UpdateCustomKeyStore was refused (${err.name}): ${storeId} is CONNECTED, and only its name can change now.`);

  console.log('Disconnecting; keys in this store are unavailable until it reconnects...');
  await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
  await waitWhile('DISCONNECTING', 10 * MINUTE);
  console.log(
    `${storeId} is DISCONNECTED and KMS has logged out of kmsuser. Now change the kmsuser password in the cluster ` +
      '(cloudhsm_mgmt_util changePswd), then run this program again: it tells KMS the password and reconnects.',
  );
}
