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
// KMS is eventually consistent: a change can take from seconds to several minutes to show
// (Developer Guide: AWS KMS eventual consistency). Reads in that window may show the old state.
const STALE_GRACE_MS = 5 * MINUTE;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function describeStore(): Promise<CustomKeyStoresListEntry> {
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

/** Asks KMS to connect; if a disconnect is still running, waits for it to finish and asks again (3 tries). */
async function requestConnect(triesLeft = 3): Promise<void> {
  try {
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
    console.log('ConnectCustomKeyStore accepted.');
  } catch (err) {
    if (!(err instanceof CustomKeyStoreInvalidStateException) || triesLeft === 1) throw err;
    const { ConnectionState: state } = await describeStore();
    // DISCONNECTED by now: the disconnect finished after KMS refused (or KMS answered from a view
    // that had not caught up yet, see STALE_GRACE_MS). Either way, asking again is right.
    if (state !== 'DISCONNECTING' && state !== 'DISCONNECTED') {
      console.error(
        `Connect was refused (${err.name}) with the store ${state}; see /scenarios/connect-while-failed/ if it is FAILED.`,
      );
      throw err;
    }
    console.warn(`Connect was refused (${err.name}): ${storeId} was still DISCONNECTING. Waiting for DISCONNECTED...`);
    await waitUntil(['DISCONNECTED'], 10 * MINUTE);
    console.log(`${storeId} is DISCONNECTED; connecting.`);
    return requestConnect(triesLeft - 1);
  }
}

await requestConnect();
// CloudHSM stores take up to 20 minutes to connect. Right after Connect, reads may still say DISCONNECTED.
const store = await waitUntil(['CONNECTED', 'FAILED'], 25 * MINUTE, 'DISCONNECTED');
if (store.ConnectionState === 'CONNECTED') {
  console.log(`${storeId} is CONNECTED.`);
} else {
  console.error(`${storeId} ended ${store.ConnectionState} (${store.ConnectionErrorCode}); fix that cause first.`);
}
