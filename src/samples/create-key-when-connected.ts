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
const MINUTE = 60_000;
const connectDeadlineMs = 25 * MINUTE; // connecting a CloudHSM key store can take up to 20 minutes
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

async function createKey(): Promise<string | undefined> {
  const { KeyMetadata } = await kms.send(
    new CreateKeyCommand({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: storeId, Description: 'payments data key' }),
  );
  return KeyMetadata?.KeyId;
}

/**
 * CreateKey right after the store reads CONNECTED: the part of KMS that creates keys may not see
 * the connection yet (eventual consistency), so a refusal then is retried for a few minutes.
 */
async function createKeyOnceConnected(): Promise<string | undefined> {
  const startedAt = Date.now();
  for (let delayMs = 5_000; ; delayMs = Math.min(delayMs * 2, 30_000)) {
    try {
      return await createKey();
    } catch (err) {
      const waitedMs = Date.now() - startedAt;
      if (!(err instanceof CustomKeyStoreInvalidStateException) || waitedMs + delayMs > STALE_GRACE_MS) throw err;
      console.log(`CreateKey still refused right after CONNECTED (${err.name}); retrying in ${delayMs / 1000} s...`);
      await sleep(delayMs);
    }
  }
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
    // Right after our Connect, reads may still say DISCONNECTED for a while.
    const store = await waitUntil(['CONNECTED', 'FAILED'], connectDeadlineMs, state === 'DISCONNECTED' ? state : undefined);
    const minutes = ((Date.now() - startedAt) / MINUTE).toFixed(1);
    if (store.ConnectionState === 'CONNECTED') {
      console.log(`${storeId} is CONNECTED after ${minutes} min.`);
      console.log(`Created KMS key ${await createKeyOnceConnected()} in ${storeId}.`);
    } else {
      console.error(`The connection attempt ended ${store.ConnectionState} (${store.ConnectionErrorCode ?? 'no error code'}).`);
      console.error('Fix the cause named by ConnectionErrorCode, then disconnect and connect again.');
    }
  } else {
    console.error(
      `Not connecting from ${state}: let a DISCONNECTING store finish, and disconnect a FAILED one first (/scenarios/connect-while-failed/).`,
    );
  }
}
