// Tell KMS the new password of the kmsuser crypto user after it was changed in the CloudHSM
// cluster. While a CloudHSM key store is CONNECTED only its name can change, so this disconnects
// the store (its keys are unusable until it reconnects), updates it, and connects it again.
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
  console.log(`KeyStorePassword of ${storeId} updated; the store's connection state did not change.`);
} catch (err) {
  if (!(err instanceof CustomKeyStoreInvalidStateException)) throw err;
  const { ConnectionState: state } = await describeStore();
  if (state !== 'CONNECTED') throw err; // CONNECTING, DISCONNECTING, FAILED: settle the store first
  console.warn(`UpdateCustomKeyStore was refused (${err.name}): ${storeId} is CONNECTED, and only its name can change now.`);

  console.log('Disconnecting; keys in this store are unavailable until it reconnects...');
  await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
  await waitWhile('DISCONNECTING', 10 * MINUTE);
  await updatePassword();
  console.log('KeyStorePassword updated while DISCONNECTED. Reconnecting (up to 20 minutes)...');

  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
  const store = await waitWhile('CONNECTING', 25 * MINUTE);
  if (store.ConnectionState === 'CONNECTED') console.log(`${storeId} is CONNECTED again with the new password.`);
  else console.error(`Reconnecting failed with ${store.ConnectionErrorCode}: see /scenarios/invalid-credentials/ if the password is wrong.`);
}
