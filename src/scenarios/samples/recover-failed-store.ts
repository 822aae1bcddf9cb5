// Reconnect a custom key store whose last connection attempt failed. KMS refuses to connect a
// FAILED store: it has to be disconnected first. Fix the cause named by ConnectionErrorCode before
// running this, or the new attempt fails the same way.
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The guide page for a ConnectionErrorCode, e.g. NETWORK_ERRORS → /scenarios/network-errors/. */
const pageFor = (code: string) => `/scenarios/${code.toLowerCase().replaceAll('_', '-')}/`;

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

const connect = () => kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));

try {
  await connect();
} catch (err) {
  if (!(err instanceof CustomKeyStoreInvalidStateException)) throw err;
  const store = await describeStore();
  if (store.ConnectionState !== 'FAILED') throw err; // not this program's case: let a human look
  const code = store.ConnectionErrorCode ?? 'UNKNOWN';
  console.warn(`ConnectCustomKeyStore was refused (${err.name}): ${storeId} is FAILED with ${code}.`);
  console.log(`Assuming the cause of ${code} is fixed (${pageFor(code)}). Disconnecting first...`);
  await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
  await waitWhile('DISCONNECTING', 10 * MINUTE);
  console.log(`${storeId} is DISCONNECTED. Connecting again...`);
  await connect();
}

const startedAt = Date.now();
const store = await waitWhile('CONNECTING', 25 * MINUTE); // CloudHSM stores take up to 20 minutes
const minutes = ((Date.now() - startedAt) / MINUTE).toFixed(1);
if (store.ConnectionState === 'CONNECTED') {
  console.log(`${storeId} is CONNECTED (after ${minutes} min); its keys are usable again.`);
} else {
  const code = store.ConnectionErrorCode ?? 'UNKNOWN';
  console.error(`${storeId} is ${store.ConnectionState} again with ${code}: the cause is still there. See ${pageFor(code)}.`);
}
