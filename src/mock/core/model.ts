/**
 * The simulated world: one AWS account and Region with its custom key stores, KMS keys, and
 * the things outside KMS they depend on (CloudHSM clusters, external key store proxies, VPC
 * endpoint services, the network between them).
 *
 * Everything here is plain JSON so that a world can be copied into a Web Worker, saved between
 * playground runs, or written into a test fixture. Times are milliseconds on the simulated clock.
 */
import type { FaultKind } from './faults.ts';

export const CONNECTION_STATES = ['CONNECTED', 'CONNECTING', 'DISCONNECTED', 'DISCONNECTING', 'FAILED'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** The 18 values of `ConnectionErrorCodeType` in `@aws-sdk/client-kms`. */
export const CONNECTION_ERROR_CODES = [
  'CLUSTER_NOT_FOUND',
  'INSUFFICIENT_CLOUDHSM_HSMS',
  'INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET',
  'INTERNAL_ERROR',
  'INVALID_CREDENTIALS',
  'NETWORK_ERRORS',
  'SUBNET_NOT_FOUND',
  'USER_LOCKED_OUT',
  'USER_LOGGED_IN',
  'USER_NOT_FOUND',
  'XKS_PROXY_ACCESS_DENIED',
  'XKS_PROXY_INVALID_CONFIGURATION',
  'XKS_PROXY_INVALID_RESPONSE',
  'XKS_PROXY_INVALID_TLS_CONFIGURATION',
  'XKS_PROXY_NOT_REACHABLE',
  'XKS_PROXY_TIMED_OUT',
  'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
  'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND',
] as const;
export type ConnectionErrorCode = (typeof CONNECTION_ERROR_CODES)[number];

export type CustomKeyStoreType = 'AWS_CLOUDHSM' | 'EXTERNAL_KEY_STORE';
export type XksProxyConnectivity = 'PUBLIC_ENDPOINT' | 'VPC_ENDPOINT_SERVICE';

/** Key states the mock stores. `Unavailable` is never stored: it is derived from the store. */
export type StoredKeyState = 'Enabled' | 'Disabled' | 'PendingDeletion';
export type KeyState = StoredKeyState | 'Unavailable';

export interface Subnet {
  id: string;
  availabilityZone: string;
  /** Free IP addresses. Connecting needs one per subnet (KMS creates one ENI in each). */
  freeAddresses: number;
  /** False once the subnet has been deleted from the VPC. */
  exists: boolean;
}

export interface Hsm {
  id: string;
  availabilityZone: string;
  subnetId: string;
}

/** The `kmsuser` crypto user that KMS logs in as. */
export interface KmsUser {
  exists: boolean;
  password: string;
  /** Failed logins in a row; the cluster locks the user out at {@link KMSUSER_LOCKOUT_THRESHOLD}. */
  failedLoginAttempts: number;
  lockedOut: boolean;
  /** Someone (not KMS) is logged in as `kmsuser`, e.g. from cloudhsm_mgmt_util. */
  loggedInElsewhere: boolean;
}

export const KMSUSER_LOCKOUT_THRESHOLD = 5;

export type ClusterState = 'UNINITIALIZED' | 'INITIALIZED' | 'ACTIVE' | 'DELETED';

export interface CloudHsmCluster {
  id: string;
  state: ClusterState;
  hsms: Hsm[];
  subnets: Subnet[];
  /** The cluster security group allows TCP 2223-2225 to itself. */
  securityGroupValid: boolean;
  /** Contents of customerCA.crt; CreateCustomKeyStore must be given exactly this. */
  trustAnchorCertificate: string;
  /** Clusters restored from the same backup share this; UpdateCustomKeyStore needs a match. */
  certificateLineage: string;
  kmsUser: KmsUser;
  /**
   * Cryptographic requests that will still find no free PKCS #11 session in the cluster (each
   * such request fails with KMSInternalException and uses one up); 0 when sessions are free.
   */
  pkcs11SessionsBusyFor: number;
}

export interface XksExternalKey {
  id: string;
  spec: 'AES_256' | 'AES_128' | 'RSA_2048';
  status: 'ENABLED' | 'DISABLED';
  usage: Array<'ENCRYPT' | 'DECRYPT'>;
}

/** An external key store proxy and the external key manager behind it. */
export interface XksProxy {
  /** Host the proxy answers on: `https://…` for a public endpoint, the private DNS name for VPC. */
  uriEndpoint: string;
  /** The path prefix the proxy serves, e.g. `/example/kms/xks/v1`. */
  uriPath: string;
  /** The proxy process is up and routable. */
  reachable: boolean;
  /** At least one external key manager instance is available (GetHealthStatus). */
  keyManagerAvailable: boolean;
  /** Round trip for one proxy call; KMS gives up after 250 ms. */
  latencyMs: number;
  /** TLS 1.2+/valid certificate matching the endpoint, from a trusted CA. */
  tlsValid: boolean;
  /** The SigV4 credential the proxy accepts. */
  credential: { accessKeyId: string; secretAccessKey: string };
  /** The proxy's authorization rules let KMS's requests through. */
  authorizesKms: boolean;
  /**
   * The authorization rules also apply to the health check (GetHealthStatus), as a source allow
   * list does. The XKS Proxy API specification exempts the health check from authorization, so
   * without this a denial fails key operations only and connecting still succeeds.
   */
  authorizationCoversHealthCheck?: boolean;
  /** The proxy's answers follow the XKS Proxy API specification. */
  responsesValid: boolean;
  externalKeys: XksExternalKey[];
}

export interface VpcEndpointService {
  name: string;
  /** The private DNS name, which is the `XksProxyUriEndpoint` of VPC stores. */
  privateDnsName: string;
  /** KMS can see the service: it exists in this Region and allows `cks.kms.<region>.amazonaws.com`. */
  visibleToKms: boolean;
  /** NLB in two AZs, no acceptance required, DNS name verified, TLS cert for the DNS name. */
  configurationValid: boolean;
}

export interface XksStoreSettings {
  connectivity: XksProxyConnectivity;
  uriEndpoint: string;
  uriPath: string;
  vpcEndpointServiceName?: string;
  vpcEndpointServiceOwner?: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * A pending asynchronous step: CONNECTING or DISCONNECTING ends at `at`. `null` means the
 * step's full duration starts with the first request (scenario worlds that begin mid-transition
 * use it, so a slow start of the reader's code cannot skip past the state they should see).
 */
export interface PendingTransition {
  kind: 'connect' | 'disconnect';
  at: number | null;
}

/**
 * What callers still see of a store after a change, until `until` (simulated ms): the mock's
 * eventual consistency ({@link ConsistencyState}). Absent, or past `until`: they see the store as it is.
 */
export interface LaggingStoreView extends StoreConnection {
  until: number;
}

/** A store's connection state and, while FAILED, why. */
export interface StoreConnection {
  connectionState: ConnectionState;
  connectionErrorCode?: ConnectionErrorCode;
}

export interface CustomKeyStore {
  id: string;
  name: string;
  type: CustomKeyStoreType;
  creationDate: number;
  connectionState: ConnectionState;
  connectionErrorCode?: ConnectionErrorCode;
  pending?: PendingTransition;
  cloudHsmClusterId?: string;
  trustAnchorCertificate?: string;
  keyStorePassword?: string;
  xks?: XksStoreSettings;
  /** Set while callers may still see the state before the latest change. */
  lagging?: LaggingStoreView;
}

export type KeyOrigin = 'AWS_KMS' | 'AWS_CLOUDHSM' | 'EXTERNAL_KEY_STORE';

export interface KmsKey {
  keyId: string;
  arn: string;
  creationDate: number;
  description: string;
  origin: KeyOrigin;
  /** The state KMS keeps; `Unavailable` is layered on top while the store is not connected. */
  keyState: StoredKeyState;
  deletionDate?: number;
  /** Days of the scheduled deletion window (for DescribeKey's PendingDeletionWindowInDays). */
  pendingWindowInDays?: number;
  customKeyStoreId?: string;
  cloudHsmClusterId?: string;
  xksKeyId?: string;
  /** Per-key secret the mock's ciphertext envelope is keyed with. Never leaves the mock. */
  material: string;
  /** False when the backing key material in the HSM was deleted (crypto fails, state stays). */
  materialPresent: boolean;
  /** Set while callers may still see the key state before the latest change (`absent`: the key is new). */
  lagging?: { keyState: StoredKeyState | 'absent'; until: number };
}

/** A fault injected on demand: applies to matching calls, `remaining` times (null: until cleared). */
export interface FaultRule {
  kind: FaultKind;
  /** An operation name such as `Encrypt`, or `*` for every operation. */
  operation: string;
  remaining: number | null;
  /** For `latency`: milliseconds added before the answer. */
  latencyMs?: number;
}

export interface Timing {
  /** How long a store stays CONNECTING, per store type (simulated ms). */
  connectMs: Record<CustomKeyStoreType, number>;
  /** How long a store stays DISCONNECTING (simulated ms). */
  disconnectMs: number;
}

/** Conditions on the path between KMS and the backing key stores. */
export interface NetworkConditions {
  /** KMS can talk to CloudHSM clusters (ENIs, security groups, routes intact). */
  cloudHsmReachable: boolean;
  /** Transient network errors between KMS and external key store proxies. */
  xksNetworkErrors: boolean;
  /** KMS itself fails the next N connection attempts with INTERNAL_ERROR (it is transient). */
  kmsInternalErrorsOnConnect: number;
  /**
   * KMS notices at the ConnectCustomKeyStore call itself that the cluster has no active HSM: the
   * call throws CloudHsmClusterInvalidConfigurationException and the store stays DISCONNECTED.
   * When false, the attempt fails later (FAILED, INSUFFICIENT_CLOUDHSM_HSMS). AWS documents both
   * outcomes but not what decides between them, so a world picks one.
   */
  missingHsmsFailConnectAtOnce: boolean;
}

export interface WorldState {
  accountId: string;
  region: string;
  /** Simulated time of the last observation (ms since epoch). */
  now: number;
  clusters: CloudHsmCluster[];
  xksProxies: XksProxy[];
  vpcEndpointServices: VpcEndpointService[];
  network: NetworkConditions;
  stores: CustomKeyStore[];
  keys: KmsKey[];
  faults: FaultRule[];
  timing: Timing;
  /** Counter for deterministic ids. */
  sequence: number;
  /** Eventual consistency, when simulated (absent: every answer shows the world as it is). */
  consistency?: ConsistencyState;
}

/**
 * The mock's eventual consistency. After a change of a store's connection state or a key's state,
 * answers may show the state before it for a lag drawn from a seeded generator, at most `lagMs`.
 * The generator's state lives here, so the world stays plain JSON and a run replays exactly.
 */
export interface ConsistencyState {
  /** The longest lag after a change (simulated ms). */
  lagMs: number;
  /** The seed the lags are drawn from: the same seed and calls give the same lags. */
  seed: number;
  /** The generator's current state (a 32-bit integer); the next lag is drawn from it. */
  generator: number;
}

/** Custom key stores per account and Region: KMS's default quota (adjustable on request; the mock keeps the default). */
export const CUSTOM_KEY_STORE_QUOTA = 10;
/** KMS times out calls to an external key store proxy after this long. */
export const XKS_PROXY_TIMEOUT_MS = 250;
