// Bring every custom key store in the Region to CONNECTED, and say why when one fails.
// Safe to run again: after you fix the cause, the next run connects the store.
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

const REMEDIES: Record<ConnectionErrorCodeType, string> = {
  CLUSTER_NOT_FOUND: 'The cluster is gone (or the ID is wrong): restore one from a backup and point the store at it (CloudHsmClusterId).',
  INSUFFICIENT_CLOUDHSM_HSMS: 'The cluster has no active HSM: add one (aws cloudhsmv2 create-hsm), better two in different AZs.',
  INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET: 'A cluster subnet has no free IP address: delete unused ENIs there, or move to a cluster restored into roomier subnets.',
  INTERNAL_ERROR: 'A transient KMS error: run this again (the store is disconnected now, so it will reconnect).',
  INVALID_CREDENTIALS: "CloudHSM: KeyStorePassword is not kmsuser's password; set both to the same value. XKS: update XksProxyAuthenticationCredential.",
  NETWORK_ERRORS: 'KMS could not reach the backing key store: check security groups, routes and the proxy endpoint, then run again.',
  SUBNET_NOT_FOUND: 'A cluster subnet was deleted: restore a cluster from backup and point the store at it (CloudHsmClusterId).',
  USER_LOCKED_OUT: 'kmsuser is locked out after failed logins: have an admin reset its password, then update KeyStorePassword to match.',
  USER_LOGGED_IN: 'Someone is logged in as kmsuser: log it out of the cluster (update KeyStorePassword if you changed the password to log in).',
  USER_NOT_FOUND: 'The cluster has no kmsuser: create that crypto user, then set KeyStorePassword to its password.',
  XKS_PROXY_ACCESS_DENIED: "The proxy's authorization rules reject KMS: allow KMS to call it on your behalf.",
  XKS_PROXY_INVALID_CONFIGURATION: 'XksProxyUriPath does not match the path the proxy serves: correct it (UpdateCustomKeyStore) or the proxy.',
  XKS_PROXY_INVALID_RESPONSE: "KMS cannot parse the proxy's answers: upgrade the proxy to one that follows the XKS Proxy API, or ask its vendor.",
  XKS_PROXY_INVALID_TLS_CONFIGURATION: 'Fix the proxy TLS: TLS 1.2+, an unexpired certificate for the endpoint host, issued by a CA that KMS trusts.',
  XKS_PROXY_NOT_REACHABLE: 'KMS cannot reach the proxy or its key manager: check endpoint, path, port 443 and that both are up.',
  XKS_PROXY_TIMED_OUT: 'The proxy answered after the 250 ms KMS waits: cut latency to the key manager or scale the proxy.',
  XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION: 'The VPC endpoint service breaks a KMS requirement (NLB in 2 AZs, no acceptance, verified private DNS, TLS).',
  XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND: 'KMS cannot see the VPC endpoint service: check its name and allow cks.kms.<region>.amazonaws.com.',
};

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function listStores(): Promise<CustomKeyStoresListEntry[]> {
  const stores: CustomKeyStoresListEntry[] = [];
  let marker: string | undefined;
  do {
    const page = await kms.send(new DescribeCustomKeyStoresCommand(marker ? { Marker: marker } : {}));
    stores.push(...(page.CustomKeyStores ?? []));
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return stores;
}

/** Polls (5 s, doubling to 30 s) while the store is in `transient`; gives up at the deadline. */
async function waitWhile(id: string, transient: ConnectionStateType, limitMs: number) {
  const deadline = Date.now() + limitMs;
  for (let delay = 5_000; ; delay = Math.min(delay * 2, 30_000)) {
    const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }));
    const store = CustomKeyStores?.[0];
    if (!store) throw new Error(`DescribeCustomKeyStores returned nothing for ${id}`);
    if (store.ConnectionState !== transient) return store;
    if (Date.now() + delay > deadline) throw new Error(`${id} still ${transient} after ${limitMs / MINUTE} min`);
    await sleep(delay);
  }
}

async function disconnect(id: string) {
  await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  return waitWhile(id, 'DISCONNECTING', 10 * MINUTE);
}

async function bringToConnected(store: CustomKeyStoresListEntry, id: string) {
  let state = store.ConnectionState;
  if (state === 'FAILED') {
    console.log(`  FAILED earlier with ${store.ConnectionErrorCode}; disconnecting before reconnecting`);
    state = (await disconnect(id)).ConnectionState;
  } else if (state === 'DISCONNECTING') {
    state = (await waitWhile(id, 'DISCONNECTING', 10 * MINUTE)).ConnectionState;
  }
  if (state === 'DISCONNECTED') {
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    console.log('  Connecting (the 200 response only means it started)...');
  }
  // CloudHSM key stores take up to 20 minutes to connect, external key stores about 5.
  const limit = store.CustomKeyStoreType === 'AWS_CLOUDHSM' ? 25 * MINUTE : 10 * MINUTE;
  const result = await waitWhile(id, 'CONNECTING', limit);
  if (result.ConnectionState !== 'FAILED') {
    console.log(`  ${result.ConnectionState}`);
    return;
  }
  const code = result.ConnectionErrorCode;
  console.log(`  FAILED: ${code}\n  Fix: ${(code && REMEDIES[code]) ?? 'see the AWS troubleshooting guide.'}`);
  await disconnect(id); // a FAILED store must be disconnected before the next connect
  console.log('  Disconnected: fix the cause, then run this again.');
}

const stores = await listStores();
if (stores.length === 0) console.log('No custom key stores in this account and Region.');
for (const store of stores) {
  const id = store.CustomKeyStoreId;
  if (!id) continue;
  console.log(`${id} (${store.CustomKeyStoreName}, ${store.CustomKeyStoreType}): ${store.ConnectionState}`);
  if (store.ConnectionState === 'CONNECTED') continue;
  try {
    await bringToConnected(store, id);
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
