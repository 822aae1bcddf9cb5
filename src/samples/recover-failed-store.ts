// Reconnect a custom key store whose last connection attempt failed. KMS refuses to connect a
// FAILED store: it has to be disconnected first. Fix the cause named by ConnectionErrorCode before
// running this, or the new attempt fails the same way. Safe to run again: each run makes at most
// one connection attempt, and on a store FAILED with INVALID_CREDENTIALS or USER_LOCKED_OUT none,
// unless you say the password is fixed (PASSWORD_FIXED=yes).
import {
  ConnectCustomKeyStoreCommand,
  CustomKeyStoreInvalidStateException,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
  KMSClient,
  type ConnectionStateType,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({ region: 'eu-west-1' });
const storeId = 'cks-1234567890abcdef0'; // payments-hsm-store
const MINUTE = 60_000;
// KMS is eventually consistent: a change can take from seconds to several minutes to show
// (Developer Guide: AWS KMS eventual consistency). Reads in that window may show the old state.
const STALE_GRACE_MS = 5 * MINUTE;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The guide page for a ConnectionErrorCode, e.g. NETWORK_ERRORS → /scenarios/network-errors/. */
const pageFor = (code: string) => `/scenarios/${code.toLowerCase().replaceAll('_', '-')}/`;

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

const connect = () => kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));

// With these codes a new attempt offers KMS's same kmsuser password again: for a CloudHSM key store
// each one is another failed kmsuser login, and CloudHSM locks kmsuser out after five. The program
// cannot tell whether you fixed the password in the cluster, so it reconnects only when you say so.
const CREDENTIAL_CODES: readonly string[] = ['INVALID_CREDENTIALS', 'USER_LOCKED_OUT'];
const passwordFixed = process.env['PASSWORD_FIXED'] === 'yes';

/** Connects the store, disconnecting it first if it is FAILED. False when it must not try now. */
async function connectOrRecover(): Promise<boolean> {
  try {
    await connect();
    return true;
  } catch (err) {
    if (!(err instanceof CustomKeyStoreInvalidStateException)) throw err;
    const store = await describeStore();
    if (store.ConnectionState !== 'FAILED') throw err; // not this program's case: let a human look
    const code = store.ConnectionErrorCode ?? 'UNKNOWN';
    console.warn(`ConnectCustomKeyStore was refused (${err.name}): ${storeId} is FAILED with ${code}.`);
    if (CREDENTIAL_CODES.includes(code) && !passwordFixed) {
      console.error(
        `Not reconnecting: that would be one more failed kmsuser login. Fix the password first (${pageFor(code)}), then run again with PASSWORD_FIXED=yes.`,
      );
      return false;
    }
    console.log(`Assuming the cause of ${code} is fixed (${pageFor(code)}). Disconnecting first...`);
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
    await waitUntil(['DISCONNECTED'], 10 * MINUTE, 'FAILED'); // reads may still say FAILED for a while
    console.log(`${storeId} is DISCONNECTED. Connecting again...`);
    await connect();
    return true;
  }
}

if (await connectOrRecover()) {
  const startedAt = Date.now();
  // CloudHSM stores take up to 20 minutes to connect; right after Connect, reads may still say DISCONNECTED.
  const store = await waitUntil(['CONNECTED', 'FAILED'], 25 * MINUTE, 'DISCONNECTED');
  const minutes = ((Date.now() - startedAt) / MINUTE).toFixed(1);
  if (store.ConnectionState === 'CONNECTED') {
    console.log(`${storeId} is CONNECTED (after ${minutes} min); its keys are usable again.`);
  } else {
    const code = store.ConnectionErrorCode ?? 'UNKNOWN';
    console.error(`${storeId} is ${store.ConnectionState} again with ${code}: the cause is still there. See ${pageFor(code)}.`);
  }
}
