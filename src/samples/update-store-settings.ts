// Tell KMS the new password of the kmsuser crypto user of a CloudHSM key store, in the order AWS
// documents: disconnect the store, change the password in the cluster, UpdateCustomKeyStore, connect.
// While the store is CONNECTED, KMS is logged in as kmsuser, so its password cannot be changed, and
// UpdateCustomKeyStore may change only the store's name: running the update first is refused.
// Routine rotation needs none of this: KMS rotates the kmsuser password itself every time it connects.
// Run this once to disconnect, change the password in the cluster, then run it again.
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
const newKmsuserPassword = 'kmsPswd-2025'; // the password you set in the cluster; in production, read it from your secret store
const MINUTE = 60_000;
// KMS is eventually consistent: a change can take from seconds to several minutes to show
// (Developer Guide: AWS KMS eventual consistency). Reads in that window may show the old state.
const STALE_GRACE_MS = 5 * MINUTE;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function describeStore() {
  const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }));
  const store = CustomKeyStores?.[0];
  if (!store) throw new Error(`DescribeCustomKeyStores returned nothing for ${storeId}`);
  return store;
}

/**
 * Polls (5 s, doubling to 30 s) until the store is in one of `endStates`; gives up after `limitMs`.
 * KMS is eventually consistent: for a while after a call, reads can still show the state from
 * before it (`stateBeforeCall`). That is waited through for STALE_GRACE_MS; after that it means
 * KMS did not act on the call.
 */
async function waitUntil(endStates: ConnectionStateType[], limitMs: number, stateBeforeCall?: ConnectionStateType) {
  const startedAt = Date.now();
  for (let delayMs = 5_000; ; delayMs = Math.min(delayMs * 2, 30_000)) {
    const askedAt = Date.now();
    const store = await describeStore();
    const state = store.ConnectionState;
    if (state && endStates.includes(state)) return store;
    const waitedMs = askedAt - startedAt; // a slow answer is no staler than its question
    if (state === stateBeforeCall && waitedMs >= STALE_GRACE_MS) {
      throw new Error(`${storeId} still reads ${state} ${STALE_GRACE_MS / MINUTE} min after the call: KMS did not act on it.`);
    }
    if (waitedMs + delayMs > limitMs) {
      throw new Error(`${storeId} is still ${state} after ${limitMs / MINUTE} min (waiting for ${endStates.join(' or ')}).`);
    }
    await sleep(delayMs);
  }
}

try {
  await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: storeId, KeyStorePassword: newKmsuserPassword }));
  console.log(`KeyStorePassword of ${storeId} updated. Connecting (up to 20 minutes)...`);
  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
  // Right after Connect, reads may still say DISCONNECTED for a while.
  const store = await waitUntil(['CONNECTED', 'FAILED'], 25 * MINUTE, 'DISCONNECTED');
  if (store.ConnectionState === 'CONNECTED') console.log(`${storeId} is CONNECTED again with the new password.`);
  else
    console.error(
      `Connecting failed with ${store.ConnectionErrorCode}: see /scenarios/invalid-credentials/ if the password is wrong.`,
    );
} catch (err) {
  if (!(err instanceof CustomKeyStoreInvalidStateException)) throw err;
  const { ConnectionState: state } = await describeStore();
  if (state !== 'CONNECTED') throw err; // CONNECTING, DISCONNECTING, FAILED: settle the store first
  console.warn(`UpdateCustomKeyStore was refused (${err.name}): ${storeId} is CONNECTED, and only its name can change now.`);
  console.log('Disconnecting, so that the password can be changed; keys in this store are unavailable until it reconnects...');
  await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
  await waitUntil(['DISCONNECTED'], 10 * MINUTE, 'CONNECTED'); // reads may still say CONNECTED for a while
  console.log(`${storeId} is DISCONNECTED. Change the kmsuser password in the cluster now, then run this program again.`);
}
