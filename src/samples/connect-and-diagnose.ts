// Bring one custom key store to CONNECTED, and say why when it fails. Give its ID in the
// environment variable CUSTOM_KEY_STORE_ID (the playground sets it to the scenario's store).
// It connects only that store: other stores may be disconnected on purpose (to make all their keys
// unusable at once, or for kmsuser maintenance). Safe to run again: each run makes at most one
// connection attempt, and none on a store FAILED with INVALID_CREDENTIALS or USER_LOCKED_OUT, where
// every attempt is another failed kmsuser login. After you fix the cause, the next run connects it.
import {
  ConnectCustomKeyStoreCommand,
  CustomKeyStoreInvalidStateException,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
  KMSClient,
  KMSServiceException,
  type ConnectionErrorCodeType,
  type ConnectionStateType,
  type CustomKeyStoresListEntry,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({ region: 'eu-west-1' });
const storeId = process.env['CUSTOM_KEY_STORE_ID'];
if (!storeId) throw new Error('Set CUSTOM_KEY_STORE_ID to the ID of the custom key store to connect (cks-...).');

const REMEDIES: Record<ConnectionErrorCodeType, string> = {
  CLUSTER_NOT_FOUND:
    'The cluster is gone (or the ID is wrong): restore one from a backup and point the store at it (CloudHsmClusterId).',
  INSUFFICIENT_CLOUDHSM_HSMS: 'The cluster has no active HSM: add one (aws cloudhsmv2 create-hsm), better two in different AZs.',
  INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET:
    'A cluster subnet has no free IP address: delete unused ENIs there, or move to a cluster restored into roomier subnets.',
  INTERNAL_ERROR: 'A transient KMS error: run this again (the store is disconnected now, so it will reconnect).',
  INVALID_CREDENTIALS:
    "CloudHSM: KeyStorePassword is not kmsuser's password. Disconnect the store, set kmsuser's password in the cluster, tell KMS the same one (UpdateCustomKeyStore KeyStorePassword), then run this again. XKS: disconnect, update XksProxyAuthenticationCredential, run this again.",
  NETWORK_ERRORS:
    'KMS could not reach the backing key store: check security groups, routes and the proxy endpoint, then run again.',
  SUBNET_NOT_FOUND: 'A cluster subnet was deleted: restore a cluster from backup and point the store at it (CloudHsmClusterId).',
  USER_LOCKED_OUT:
    "kmsuser is locked out after failed logins. Stop whatever keeps reconnecting, disconnect the store, have a crypto officer reset kmsuser's password (that ends the lockout), tell KMS the new one (UpdateCustomKeyStore KeyStorePassword), then run this again.",
  USER_LOGGED_IN:
    'Someone is logged in as kmsuser: log it out of the cluster (update KeyStorePassword if you changed the password to log in).',
  USER_NOT_FOUND: 'The cluster has no kmsuser: create that crypto user, then set KeyStorePassword to its password.',
  XKS_PROXY_ACCESS_DENIED: "The proxy's authorization rules reject KMS: allow KMS to call it on your behalf.",
  XKS_PROXY_INVALID_CONFIGURATION:
    'XksProxyUriPath does not match the path the proxy serves: correct it (UpdateCustomKeyStore) or the proxy.',
  XKS_PROXY_INVALID_RESPONSE:
    "KMS cannot parse the proxy's answers: upgrade the proxy to one that follows the XKS Proxy API, or ask its vendor.",
  XKS_PROXY_INVALID_TLS_CONFIGURATION:
    "Fix the proxy TLS: TLS 1.2+, an unexpired certificate for the endpoint host from a CA that KMS trusts; with mTLS, accept KMS's client certificate.",
  XKS_PROXY_NOT_REACHABLE: 'KMS cannot reach the proxy or its key manager: check endpoint, path, port 443 and that both are up.',
  XKS_PROXY_TIMED_OUT: 'The proxy answered after the 250 ms KMS waits: cut latency to the key manager or scale the proxy.',
  XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION:
    'The VPC endpoint service breaks a KMS requirement (NLB in 2 AZs, no acceptance, verified private DNS, TLS).',
  XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND:
    'KMS cannot see the VPC endpoint service: check its name and allow cks.kms.<region>.amazonaws.com.',
};

// Another attempt with these codes offers KMS's same credentials again: for a CloudHSM key store each
// one is a failed kmsuser login, and CloudHSM locks kmsuser out after five. Only a person can fix them.
const CREDENTIAL_CODES: readonly ConnectionErrorCodeType[] = ['INVALID_CREDENTIALS', 'USER_LOCKED_OUT'];
const needsCredentialsFix = (code: ConnectionErrorCodeType | undefined) => code !== undefined && CREDENTIAL_CODES.includes(code);
const LEFT_FAILED =
  '  Not reconnecting: that would be one more failed kmsuser login (five lock it out). It stays FAILED until you disconnect it.';

const MINUTE = 60_000;
// KMS is eventually consistent: a change can take from seconds to several minutes to show
// (Developer Guide: AWS KMS eventual consistency). Reads in that window may show the old state.
const STALE_GRACE_MS = 5 * MINUTE;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function describeStore(id: string): Promise<CustomKeyStoresListEntry> {
  const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }));
  const store = CustomKeyStores?.[0];
  if (!store) throw new Error(`DescribeCustomKeyStores returned nothing for ${id}`);
  return store;
}

/**
 * Polls (5 s, doubling to 30 s) until store `id` is in one of `endStates`; gives up after `limitMs`.
 * KMS is eventually consistent: for a while after a call, reads can still show the state from
 * before it (`stateBeforeCall`). That is waited through for STALE_GRACE_MS; after that it means
 * KMS did not act on the call.
 */
async function waitUntil(id: string, endStates: ConnectionStateType[], limitMs: number, stateBeforeCall?: ConnectionStateType) {
  const startedAt = Date.now();
  for (let delayMs = 5_000; ; delayMs = Math.min(delayMs * 2, 30_000)) {
    const askedAt = Date.now();
    const store = await describeStore(id);
    const state = store.ConnectionState;
    if (state && endStates.includes(state)) return store;
    const waitedMs = askedAt - startedAt; // a slow answer is no staler than its question
    if (state === stateBeforeCall && waitedMs >= STALE_GRACE_MS) {
      throw new Error(`${id} still reads ${state} ${STALE_GRACE_MS / MINUTE} min after the call: KMS did not act on it.`);
    }
    if (waitedMs + delayMs > limitMs) {
      throw new Error(`${id} is still ${state} after ${limitMs / MINUTE} min (waiting for ${endStates.join(' or ')}).`);
    }
    await sleep(delayMs);
  }
}

/** Disconnects a store that is `state` now, and waits until reads say DISCONNECTED. */
async function disconnect(id: string, state: ConnectionStateType) {
  await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  return waitUntil(id, ['DISCONNECTED'], 10 * MINUTE, state);
}

function reportFailure(code: ConnectionErrorCodeType | undefined) {
  console.log(`  FAILED: ${code}\n  Fix: ${(code && REMEDIES[code]) ?? 'see the AWS troubleshooting guide.'}`);
}

async function bringToConnected(store: CustomKeyStoresListEntry, id: string) {
  let state = store.ConnectionState;
  if (state === 'FAILED' && needsCredentialsFix(store.ConnectionErrorCode)) {
    reportFailure(store.ConnectionErrorCode);
    console.log(LEFT_FAILED);
    return;
  }
  if (state === 'FAILED') {
    console.log(`  FAILED earlier with ${store.ConnectionErrorCode}; disconnecting before reconnecting`);
    state = (await disconnect(id, 'FAILED')).ConnectionState;
  } else if (state === 'DISCONNECTING') {
    state = (await waitUntil(id, ['DISCONNECTED'], 10 * MINUTE)).ConnectionState;
  }
  const connecting = state === 'DISCONNECTED';
  if (connecting) {
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    console.log('  Connecting (the 200 response only means it started)...');
  }
  // CloudHSM key stores take up to 20 minutes to connect, external key stores about 5. Right
  // after our Connect, reads may still say DISCONNECTED for a while.
  const limit = store.CustomKeyStoreType === 'AWS_CLOUDHSM' ? 25 * MINUTE : 10 * MINUTE;
  const result = await waitUntil(id, ['CONNECTED', 'FAILED'], limit, connecting ? 'DISCONNECTED' : undefined);
  if (result.ConnectionState !== 'FAILED') {
    console.log(`  ${result.ConnectionState}`);
    return;
  }
  reportFailure(result.ConnectionErrorCode);
  if (needsCredentialsFix(result.ConnectionErrorCode)) {
    console.log(LEFT_FAILED);
    return;
  }
  await disconnect(id, 'FAILED'); // a FAILED store must be disconnected before the next connect
  console.log('  Disconnected: fix the cause, then run this again.');
}

const store = await describeStore(storeId);
console.log(`${storeId} (${store.CustomKeyStoreName}, ${store.CustomKeyStoreType}): ${store.ConnectionState}`);
if (store.ConnectionState !== 'CONNECTED') {
  try {
    await bringToConnected(store, storeId);
  } catch (error) {
    if (error instanceof CustomKeyStoreInvalidStateException) {
      console.log(`  Its state changed under us (someone else acting on it?); run again. ${error.message}`);
    } else if (error instanceof KMSServiceException) {
      console.log(`  ${error.name}: ${error.message}`); // e.g. CloudHsmClusterNotActiveException
    } else {
      throw error;
    }
  }
}
