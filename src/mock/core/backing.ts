/**
 * What stands between KMS and a store's backing key store (its CloudHSM cluster, or its external
 * key store proxy), as one table. Each row is one problem: its check (a pure function of the
 * world), how it surfaces, the out-of-KMS action that repairs it, and the words the World panel
 * and the pages use. Within a store type the rows are in the order KMS meets them, so the first
 * row that holds decides how a connection attempt ends. Detecting, offering repairs and
 * describing are loops over this table; adding a condition is one row (plus its model field).
 */
import {
  KMSUSER_LOCKOUT_THRESHOLD,
  XKS_PROXY_TIMEOUT_MS,
  type CloudHsmCluster,
  type ConnectionErrorCode,
  type CustomKeyStore,
  type CustomKeyStoreType,
  type KmsKey,
  type VpcEndpointService,
  type WorldState,
  type XksProxy,
  type XksStoreSettings,
} from './model.ts';
import type { ExceptionName } from './errors.ts';
import type { WorldAction } from './world-actions.ts';

// ---------------------------------------------------------------------------------------------
// Subjects: the backing key store as KMS meets it

/** A CloudHSM cluster as KMS meets it for one store (or, before any store exists, on its own). */
export interface CloudHsmSubject {
  type: 'AWS_CLOUDHSM';
  world: WorldState;
  clusterId: string;
  /** The cluster record, even when DELETED; undefined when the world has none by that id. */
  cluster: CloudHsmCluster | undefined;
  /** The kmsuser password KMS holds for this cluster (the store's KeyStorePassword), if any. */
  keyStorePassword: string | undefined;
}

/** An external key store proxy as KMS meets it with one set of proxy settings. */
export interface XksSubject {
  type: 'EXTERNAL_KEY_STORE';
  world: WorldState;
  settings: XksStoreSettings;
  /** The proxy that answers on the settings' endpoint host. */
  proxy: XksProxy | undefined;
  /** The VPC endpoint service the settings name (VPC_ENDPOINT_SERVICE connectivity only). */
  endpointService: VpcEndpointService | undefined;
}

type SubjectOf<T extends CustomKeyStoreType> = T extends 'AWS_CLOUDHSM' ? CloudHsmSubject : XksSubject;

/** Endpoint host without scheme, so `https://xks.example.com` and `xks.example.com` match. */
const hostOf = (endpoint: string) => endpoint.replace(/^https:\/\//, '').toLowerCase();

/** The cluster with this id unless it was deleted. */
export function liveCluster(world: WorldState, clusterId: string | undefined): CloudHsmCluster | undefined {
  return world.clusters.find((c) => c.id === clusterId && c.state !== 'DELETED');
}

/** The proxy that answers on the host of `uriEndpoint`. */
export function proxyAt(world: WorldState, uriEndpoint: string): XksProxy | undefined {
  return world.xksProxies.find((p) => hostOf(p.uriEndpoint) === hostOf(uriEndpoint));
}

export function cloudHsmSubject(world: WorldState, clusterId: string, keyStorePassword?: string): CloudHsmSubject {
  return { type: 'AWS_CLOUDHSM', world, clusterId, cluster: world.clusters.find((c) => c.id === clusterId), keyStorePassword };
}

export function xksSubject(world: WorldState, settings: XksStoreSettings): XksSubject {
  return {
    type: 'EXTERNAL_KEY_STORE',
    world,
    settings,
    proxy: proxyAt(world, settings.uriEndpoint),
    endpointService:
      settings.connectivity === 'VPC_ENDPOINT_SERVICE'
        ? world.vpcEndpointServices.find((s) => s.name === settings.vpcEndpointServiceName)
        : undefined,
  };
}

/** The subject of a store; undefined for an external key store without proxy settings. */
export function subjectOfStore(world: WorldState, store: CustomKeyStore): CloudHsmSubject | XksSubject | undefined {
  if (store.type === 'AWS_CLOUDHSM') return cloudHsmSubject(world, store.cloudHsmClusterId ?? '', store.keyStorePassword);
  return store.xks ? xksSubject(world, store.xks) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The table

/** How a problem shows itself to someone calling KMS. */
export interface Surfacing {
  /**
   * ConnectCustomKeyStore: the attempt ends FAILED with this code, or (problems KMS sees at
   * once) the call itself throws this exception and the store stays DISCONNECTED.
   */
  connect?: { code: ConnectionErrorCode } | { exception: ExceptionName };
  /** CreateCustomKeyStore / UpdateCustomKeyStore throw this when they check the backing key store. */
  management?: ExceptionName;
  /** CreateKey throws this (for an external key store even while it is CONNECTED). */
  createKey?: ExceptionName;
  /**
   * Cryptographic operations on the store's keys (or, for a row with `affectsKey`, on the keys it
   * names) throw KMSInvalidStateException (`true`), or the exception named.
   */
  crypto?: boolean | 'KMSInternalException';
}

export interface ProblemRow<T extends CustomKeyStoreType = CustomKeyStoreType> {
  storeType: T;
  /** The row has something to say about this subject (default: always). */
  applies?: (subject: SubjectOf<T>) => boolean;
  /** The problem is there. Pure; only asked where `applies` holds. */
  holds: (subject: SubjectOf<T>) => boolean;
  surfaces: Surfacing;
  /** What KMS meets, in a few words; used in error messages and on the pages. */
  cause: string;
  /** The World panel's line: when broken, and (optionally) when healthy. */
  says: { broken: string | ((subject: SubjectOf<T>) => string); healthy?: string | ((subject: SubjectOf<T>) => string) };
  /** The out-of-KMS action that removes the problem, when this world offers one. */
  repair: (subject: SubjectOf<T>) => WorldAction | undefined;
  /**
   * The KMS call that clears the problem from KMS's side, when an out-of-KMS action leaves it in
   * place (the store still names the deleted cluster, or the old kmsuser password).
   */
  thenInKms?: string;
  /** A problem of single KMS keys: whether `key` is one of them. Crypto on the store's other keys works. */
  affectsKey?: (subject: SubjectOf<T>, key: KmsKey) => boolean;
  /** What a failing cryptographic call on `key` says, when the store type's general words do not fit. */
  cryptoMessage?: (subject: SubjectOf<T>, key: KmsKey) => string;
  /**
   * The error text AWS documents for this problem, and where: every exception the problem surfaces
   * as carries it word for word (consumers match on it). Without it, the message is the mock's own.
   */
  awsMessage?: { text: string; source: string };
}

const userOf = (s: CloudHsmSubject) => s.cluster?.kmsUser;
/** The cluster exists and was not deleted: only then do its finer conditions mean anything. */
const clusterLive = (s: CloudHsmSubject) => s.cluster !== undefined && s.cluster.state !== 'DELETED';
const userExists = (s: CloudHsmSubject) => clusterLive(s) && userOf(s)!.exists;
const zonesWithHsms = (cluster: CloudHsmCluster) => new Set(cluster.hsms.map((h) => h.availabilityZone)).size;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const RESTORED_CLUSTER_UPDATE =
  'UpdateCustomKeyStore with the restored cluster as CloudHsmClusterId, while the store is DISCONNECTED';

function restoreFromBackup(s: CloudHsmSubject): WorldAction | undefined {
  const newClusterId = `cluster-rst${s.clusterId.slice(-8)}`;
  if (!s.cluster || s.world.clusters.some((c) => c.id === newClusterId)) return undefined;
  return { type: 'restore-cluster-from-backup', clusterId: s.clusterId, newClusterId };
}

function setPasswordToKmsCopy(s: CloudHsmSubject): WorldAction | undefined {
  return s.keyStorePassword ? { type: 'set-kmsuser-password', clusterId: s.clusterId, password: s.keyStorePassword } : undefined;
}

/** The KMS keys of the stores that use this cluster. */
const keysInCluster = (s: CloudHsmSubject) =>
  s.world.keys.filter((key) =>
    s.world.stores.some((store) => store.id === key.customKeyStoreId && store.cloudHsmClusterId === s.clusterId),
  );
const materialMissing = (_s: CloudHsmSubject, key: KmsKey) => !key.materialPresent;
const keysWithoutMaterial = (s: CloudHsmSubject) => keysInCluster(s).filter((key) => materialMissing(s, key));

/** The KMS keys of the external key stores that use these proxy settings (same endpoint and path). */
const keysBehindProxy = (s: XksSubject) =>
  s.world.keys.filter((key) =>
    s.world.stores.some(
      (store) =>
        store.id === key.customKeyStoreId &&
        store.xks !== undefined &&
        hostOf(store.xks.uriEndpoint) === hostOf(s.settings.uriEndpoint) &&
        store.xks.uriPath === s.settings.uriPath,
    ),
  );
const externalKeyOf = (s: XksSubject, key: KmsKey) => s.proxy?.externalKeys.find((external) => external.id === key.xksKeyId);
const externalKeyMissing = (s: XksSubject, key: KmsKey) => externalKeyOf(s, key) === undefined;
const externalKeyDisabled = (s: XksSubject, key: KmsKey) => externalKeyOf(s, key)?.status === 'DISABLED';
const externalKeyLacksUsage = (s: XksSubject, key: KmsKey) => {
  const usage = externalKeyOf(s, key)?.usage;
  return usage !== undefined && !(usage.includes('ENCRYPT') && usage.includes('DECRYPT'));
};
/** The external key ids of the proxy's KMS keys for which `affected` holds, for the World panel. */
const externalKeysWhere = (s: XksSubject, affected: (s: XksSubject, key: KmsKey) => boolean) =>
  keysBehindProxy(s)
    .filter((key) => affected(s, key))
    .map((key) => key.xksKeyId)
    .join(', ');
/** An action on the first external key for which `affected` holds. */
function onFirstExternalKey(
  s: XksSubject,
  affected: (s: XksSubject, key: KmsKey) => boolean,
  type: 'restore-external-key' | 'enable-external-key' | 'allow-external-key-usage',
): WorldAction | undefined {
  const key = keysBehindProxy(s).find((candidate) => affected(s, candidate));
  return key?.xksKeyId && s.proxy ? { type, uriEndpoint: s.proxy.uriEndpoint, externalKeyId: key.xksKeyId } : undefined;
}

const proxyExists = (s: XksSubject) => s.proxy !== undefined;
const viaVpc = (s: XksSubject) => s.settings.connectivity === 'VPC_ENDPOINT_SERVICE';
const credentialMatches = (s: XksSubject) =>
  s.proxy!.credential.accessKeyId === s.settings.accessKeyId &&
  s.proxy!.credential.secretAccessKey === s.settings.secretAccessKey;
const onProxy = (s: XksSubject) => s.proxy!.uriEndpoint;

const XKS_TROUBLESHOOTING = 'https://docs.aws.amazon.com/kms/latest/developerguide/xks-troubleshooting.html';
const documentedIn = (section: string, text: string) => ({ text, source: `${XKS_TROUBLESHOOTING}#${section}` });
/** What the two authorization rows share: the proxy, the repair and AWS's message. */
const PROXY_AUTHORIZATION = {
  storeType: 'EXTERNAL_KEY_STORE',
  applies: proxyExists,
  repair: (s: XksSubject): WorldAction => ({ type: 'authorize-kms-on-proxy', uriEndpoint: onProxy(s) }),
  awsMessage: documentedIn(
    'fix-xks-authorization',
    'The external key store proxy denied access to the operation. Verify that the user and the external key are both authorized for this operation, and try the request again.',
  ),
} as const;

/** External key store problems surface alike in every place KMS talks to the proxy. */
const proxyCheck = (code: ConnectionErrorCode, management: ExceptionName): Surfacing => ({
  connect: { code },
  management,
  createKey: 'CustomKeyStoreInvalidStateException',
  crypto: true,
});

export const BACKING_PROBLEMS = {
  // CloudHSM key stores, in the order KMS meets them.
  'cluster-not-found': {
    storeType: 'AWS_CLOUDHSM',
    holds: (s) => !clusterLive(s),
    surfaces: {
      connect: { code: 'CLUSTER_NOT_FOUND' },
      management: 'CloudHsmClusterNotFoundException',
      // A connected store whose cluster is gone cannot place a new key in it.
      createKey: 'CloudHsmClusterInvalidConfigurationException',
      crypto: true,
    },
    cause: 'KMS cannot find the CloudHSM cluster',
    says: { broken: 'Cluster not found (deleted?)' },
    repair: restoreFromBackup,
    thenInKms: RESTORED_CLUSTER_UPDATE,
  },
  'cluster-not-active': {
    storeType: 'AWS_CLOUDHSM',
    applies: clusterLive,
    holds: (s) => s.cluster!.state !== 'ACTIVE',
    surfaces: { connect: { exception: 'CloudHsmClusterNotActiveException' }, management: 'CloudHsmClusterNotActiveException' },
    cause: 'the CloudHSM cluster is not initialized and active',
    says: { broken: (s) => `State ${s.cluster!.state}`, healthy: 'State ACTIVE' },
    repair: (s) => ({ type: 'activate-cluster', clusterId: s.clusterId }),
  },
  'subnet-not-found': {
    storeType: 'AWS_CLOUDHSM',
    applies: clusterLive,
    holds: (s) => s.cluster!.subnets.some((subnet) => !subnet.exists),
    surfaces: { connect: { code: 'SUBNET_NOT_FOUND' } },
    cause: 'a subnet of the CloudHSM cluster was deleted',
    says: { broken: 'A subnet was deleted', healthy: 'Subnets exist' },
    repair: restoreFromBackup,
    thenInKms: RESTORED_CLUSTER_UPDATE,
  },
  'subnets-in-one-zone': {
    storeType: 'AWS_CLOUDHSM',
    applies: clusterLive,
    holds: (s) => !clusterSubnetsSpanTwoZones(s.cluster!),
    surfaces: { management: 'CloudHsmClusterInvalidConfigurationException' },
    cause: 'the CloudHSM cluster needs private subnets in at least two Availability Zones',
    says: { broken: 'Subnets in one Availability Zone only' },
    repair: restoreFromBackup,
    thenInKms: RESTORED_CLUSTER_UPDATE,
  },
  // AWS documents two ends for a Connect to a cluster without an active HSM: the call throws
  // CloudHsmClusterInvalidConfigurationException at once (store stays DISCONNECTED), or the
  // attempt ends FAILED with INSUFFICIENT_CLOUDHSM_HSMS. The world's setting picks one.
  'no-hsms-seen-at-connect': {
    storeType: 'AWS_CLOUDHSM',
    applies: (s) => clusterLive(s) && s.world.network.missingHsmsFailConnectAtOnce,
    holds: (s) => s.cluster!.hsms.length === 0,
    surfaces: { connect: { exception: 'CloudHsmClusterInvalidConfigurationException' } },
    cause: 'the CloudHSM cluster has no active HSM, and KMS saw it when Connect was called',
    says: { broken: 'No active HSM: Connect fails at once' },
    repair: (s) => ({ type: 'add-hsm', clusterId: s.clusterId }),
  },
  'no-hsms': {
    storeType: 'AWS_CLOUDHSM',
    applies: clusterLive,
    holds: (s) => s.cluster!.hsms.length === 0,
    surfaces: {
      connect: { code: 'INSUFFICIENT_CLOUDHSM_HSMS' },
      // Create, Update and CreateKey need two active HSMs in different Availability Zones.
      management: 'CloudHsmClusterInvalidConfigurationException',
      createKey: 'CloudHsmClusterInvalidConfigurationException',
      crypto: true,
    },
    cause: 'the CloudHSM cluster has no active HSM',
    says: {
      broken: 'No active HSM in the cluster',
      healthy: (s) => `${plural(s.cluster!.hsms.length, 'HSM')} in ${plural(zonesWithHsms(s.cluster!), 'Availability Zone')}`,
    },
    repair: (s) => ({ type: 'add-hsm', clusterId: s.clusterId }),
  },
  'hsms-in-one-zone': {
    storeType: 'AWS_CLOUDHSM',
    applies: (s) => clusterLive(s) && s.cluster!.hsms.length > 0,
    holds: (s) => zonesWithHsms(s.cluster!) < 2,
    surfaces: {
      management: 'CloudHsmClusterInvalidConfigurationException',
      createKey: 'CloudHsmClusterInvalidConfigurationException',
    },
    cause: 'the CloudHSM cluster needs active HSMs in at least two Availability Zones',
    says: { broken: 'HSMs in one Availability Zone only (creating keys needs two)' },
    repair: (s) => ({ type: 'add-hsm', clusterId: s.clusterId }),
  },
  'no-free-addresses': {
    storeType: 'AWS_CLOUDHSM',
    applies: clusterLive,
    holds: (s) => s.cluster!.subnets.some((subnet) => subnet.freeAddresses < 1),
    surfaces: { connect: { code: 'INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET' } },
    cause: 'a subnet of the CloudHSM cluster has no free IP address',
    says: {
      broken: (s) => `Free IP addresses per subnet: ${s.cluster!.subnets.map((subnet) => subnet.freeAddresses).join(', ')}`,
      healthy: (s) => `Free IP addresses per subnet: ${s.cluster!.subnets.map((subnet) => subnet.freeAddresses).join(', ')}`,
    },
    repair: (s) => ({ type: 'free-subnet-addresses', clusterId: s.clusterId }),
  },
  'security-group': {
    storeType: 'AWS_CLOUDHSM',
    applies: clusterLive,
    holds: (s) => !s.cluster!.securityGroupValid,
    surfaces: {
      connect: { exception: 'CloudHsmClusterInvalidConfigurationException' },
      management: 'CloudHsmClusterInvalidConfigurationException',
    },
    cause: 'the cluster security group does not allow TCP 2223-2225 within the cluster',
    says: { broken: 'Security group blocks TCP 2223-2225', healthy: 'Security group allows TCP 2223-2225' },
    repair: (s) => ({ type: 'fix-cluster-security-group', clusterId: s.clusterId }),
  },
  'cloudhsm-network': {
    storeType: 'AWS_CLOUDHSM',
    holds: (s) => !s.world.network.cloudHsmReachable,
    // CreateKey must create the key material in the cluster, so it cannot succeed either. AWS does
    // not document its exception here; the mock uses the one AWS documents for CreateKey when an
    // external key store's proxy cannot be reached.
    surfaces: { connect: { code: 'NETWORK_ERRORS' }, createKey: 'CustomKeyStoreInvalidStateException', crypto: true },
    cause: 'network errors stopped KMS from reaching the CloudHSM cluster',
    says: { broken: 'Network path from KMS is broken', healthy: 'Network path from KMS is up' },
    repair: () => ({ type: 'restore-cloudhsm-network' }),
  },
  'cloudhsm-kms-internal': {
    storeType: 'AWS_CLOUDHSM',
    holds: (s) => s.world.network.kmsInternalErrorsOnConnect > 0,
    surfaces: { connect: { code: 'INTERNAL_ERROR' } },
    cause: 'an internal error in KMS',
    says: { broken: 'KMS has a transient internal error' },
    repair: () => ({ type: 'clear-kms-internal-errors' }),
  },
  'user-not-found': {
    storeType: 'AWS_CLOUDHSM',
    applies: clusterLive,
    holds: (s) => !userOf(s)!.exists,
    surfaces: { connect: { code: 'USER_NOT_FOUND' } },
    cause: 'the kmsuser crypto user does not exist in the cluster',
    says: { broken: 'kmsuser does not exist' },
    repair: (s) => ({ type: 'create-kmsuser', clusterId: s.clusterId, password: s.keyStorePassword ?? 'kmsPswd-new1' }),
  },
  'user-locked-out': {
    storeType: 'AWS_CLOUDHSM',
    applies: userExists,
    holds: (s) => userOf(s)!.lockedOut,
    surfaces: { connect: { code: 'USER_LOCKED_OUT' } },
    cause: 'kmsuser is locked out after too many failed logins',
    says: { broken: 'kmsuser is locked out' },
    // Setting kmsuser's password (to the one KMS holds) also ends the lockout.
    repair: setPasswordToKmsCopy,
  },
  'user-logged-in': {
    storeType: 'AWS_CLOUDHSM',
    applies: userExists,
    holds: (s) => userOf(s)!.loggedInElsewhere,
    surfaces: { connect: { code: 'USER_LOGGED_IN' } },
    cause: 'someone else is logged in to the cluster as kmsuser',
    says: { broken: 'kmsuser is logged in elsewhere' },
    repair: (s) => ({ type: 'log-out-kmsuser', clusterId: s.clusterId }),
  },
  'wrong-password': {
    storeType: 'AWS_CLOUDHSM',
    applies: (s) => userExists(s) && s.keyStorePassword !== undefined,
    holds: (s) => userOf(s)!.password !== s.keyStorePassword,
    surfaces: { connect: { code: 'INVALID_CREDENTIALS' } },
    cause: "the kmsuser password in the cluster differs from the store's KeyStorePassword",
    says: {
      broken: (s) =>
        `kmsuser password differs from the store's KeyStorePassword (${userOf(s)!.failedLoginAttempts}/${KMSUSER_LOCKOUT_THRESHOLD} failed logins)`,
      healthy: 'kmsuser password matches the store',
    },
    repair: setPasswordToKmsCopy,
    thenInKms:
      "UpdateCustomKeyStore with the cluster's new kmsuser password as KeyStorePassword, while the store is DISCONNECTED",
  },
  'no-pkcs11-sessions': {
    storeType: 'AWS_CLOUDHSM',
    applies: clusterLive,
    holds: (s) => s.cluster!.pkcs11SessionsBusyFor > 0,
    // A server fault: the SDK retries it by itself before it reaches the caller.
    surfaces: { crypto: 'KMSInternalException' },
    cause: 'the CloudHSM cluster has no free PKCS #11 session for KMS',
    says: { broken: 'No free PKCS #11 session (busy cluster)' },
    repair: (s) => ({ type: 'free-pkcs11-sessions', clusterId: s.clusterId }),
    cryptoMessage: (s) =>
      `The request could not be completed: no PKCS #11 session is free in AWS CloudHSM cluster ${s.clusterId}. Back off and retry.`,
  },
  'key-material-deleted': {
    storeType: 'AWS_CLOUDHSM',
    applies: clusterLive,
    holds: (s) => keysWithoutMaterial(s).length > 0,
    affectsKey: materialMissing,
    surfaces: { crypto: true },
    cause: 'the key material of a KMS key was deleted from the CloudHSM cluster',
    says: {
      broken: (s) =>
        `Key material deleted from the cluster for KMS key ${keysWithoutMaterial(s)
          .map((k) => k.keyId)
          .join(', ')}`,
    },
    repair: (s) => {
      const key = keysWithoutMaterial(s)[0];
      return key && { type: 'recover-key-material', keyId: key.keyId };
    },
    cryptoMessage: (s, key) =>
      `${key.arn} cannot be used: its key material is not in AWS CloudHSM cluster ${s.clusterId} (was it deleted there?).`,
  },

  // External key stores, in the order a request to the proxy meets them: endpoint service,
  // network, TLS, time, path, SigV4 credential, authorization, the answer itself.
  'endpoint-service-not-found': {
    storeType: 'EXTERNAL_KEY_STORE',
    applies: viaVpc,
    holds: (s) => !s.endpointService?.visibleToKms,
    surfaces: proxyCheck('XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND', 'XksProxyVpcEndpointServiceNotFoundException'),
    cause: 'KMS cannot find the VPC endpoint service of the external key store proxy',
    says: { broken: 'KMS cannot see the VPC endpoint service', healthy: 'VPC endpoint service visible to KMS' },
    repair: (s) => s.endpointService && { type: 'allow-kms-on-endpoint-service', serviceName: s.endpointService.name },
  },
  'endpoint-service-invalid': {
    storeType: 'EXTERNAL_KEY_STORE',
    applies: viaVpc,
    holds: (s) => !s.endpointService?.configurationValid,
    surfaces: proxyCheck(
      'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
      'XksProxyVpcEndpointServiceInvalidConfigurationException',
    ),
    cause: 'the VPC endpoint service of the external key store proxy does not meet the requirements',
    says: { broken: 'Endpoint service configuration invalid', healthy: 'Endpoint service configuration valid' },
    repair: (s) => s.endpointService && { type: 'fix-endpoint-service-configuration', serviceName: s.endpointService.name },
  },
  'proxy-unreachable': {
    storeType: 'EXTERNAL_KEY_STORE',
    holds: (s) => !s.proxy || !s.proxy.reachable || !s.proxy.keyManagerAvailable,
    surfaces: proxyCheck('XKS_PROXY_NOT_REACHABLE', 'XksProxyUriUnreachableException'),
    cause: 'KMS cannot reach the external key store proxy',
    says: {
      broken: (s) => (s.proxy ? 'Proxy or its key manager down' : 'No proxy at this endpoint'),
      healthy: 'Proxy and key manager up',
    },
    repair: (s) => s.proxy && { type: 'start-proxy', uriEndpoint: s.proxy.uriEndpoint },
    awsMessage: documentedIn(
      'fix-xks-latency',
      'AWS KMS cannot communicate with the external key store proxy. Verify that your external key store proxy is active and is connected to the network, and that its URI path and endpoint URI or VPC service name are correct in your external key store.',
    ),
  },
  'xks-network': {
    storeType: 'EXTERNAL_KEY_STORE',
    applies: proxyExists,
    holds: (s) => s.world.network.xksNetworkErrors,
    surfaces: proxyCheck('NETWORK_ERRORS', 'XksProxyUriUnreachableException'),
    cause: 'network errors stopped KMS from reaching the external key store proxy',
    says: { broken: 'Network errors on the path from KMS', healthy: 'Network path from KMS is up' },
    repair: () => ({ type: 'restore-xks-network' }),
    awsMessage: documentedIn(
      'fix-xks-latency',
      'AWS KMS cannot communicate with the external key store proxy. This might be a transient network issue. If you see this error repeatedly, verify that your external key store proxy is active and is connected to the network, and that its endpoint URI is correct in your external key store.',
    ),
  },
  'proxy-tls': {
    storeType: 'EXTERNAL_KEY_STORE',
    applies: proxyExists,
    holds: (s) => !s.proxy!.tlsValid,
    surfaces: proxyCheck('XKS_PROXY_INVALID_TLS_CONFIGURATION', 'XksProxyInvalidConfigurationException'),
    cause: 'the TLS configuration of the external key store proxy is not valid',
    says: { broken: 'TLS certificate invalid', healthy: 'TLS certificate valid' },
    repair: (s) => ({ type: 'repair-proxy-tls', uriEndpoint: onProxy(s) }),
    awsMessage: documentedIn(
      'fix-xks-gen-configuration',
      'AWS KMS cannot establish a TLS connection to the external key store proxy. Verify the TLS configuration, including its certificate.',
    ),
  },
  'proxy-timed-out': {
    storeType: 'EXTERNAL_KEY_STORE',
    applies: proxyExists,
    holds: (s) => s.proxy!.latencyMs > XKS_PROXY_TIMEOUT_MS,
    surfaces: proxyCheck('XKS_PROXY_TIMED_OUT', 'XksProxyUriUnreachableException'),
    cause: `the external key store proxy did not respond within ${XKS_PROXY_TIMEOUT_MS} ms`,
    says: {
      broken: (s) => `Latency ${s.proxy!.latencyMs} ms (KMS waits ${XKS_PROXY_TIMEOUT_MS} ms)`,
      healthy: (s) => `Latency ${s.proxy!.latencyMs} ms (KMS waits ${XKS_PROXY_TIMEOUT_MS} ms)`,
    },
    repair: (s) => ({ type: 'set-proxy-latency', uriEndpoint: onProxy(s), latencyMs: Math.min(40, XKS_PROXY_TIMEOUT_MS) }),
    awsMessage: documentedIn(
      'fix-xks-latency',
      'AWS KMS rejected the request because the external key store proxy did not respond in time. Retry the request. If you see this error repeatedly, report it to your external key store proxy administrator.',
    ),
  },
  'proxy-uri-path': {
    storeType: 'EXTERNAL_KEY_STORE',
    applies: proxyExists,
    holds: (s) => s.proxy!.uriPath !== s.settings.uriPath,
    surfaces: proxyCheck('XKS_PROXY_INVALID_CONFIGURATION', 'XksProxyInvalidConfigurationException'),
    cause: 'the external key store proxy rejected the request: the URI path is not valid',
    says: { broken: (s) => `Serves ${s.proxy!.uriPath}, not the store’s path`, healthy: 'Serves the store’s URI path' },
    repair: (s) => ({ type: 'set-proxy-uri-path', uriEndpoint: onProxy(s), uriPath: s.settings.uriPath }),
    awsMessage: documentedIn(
      'fix-xks-gen-configuration',
      'The external key store proxy rejected the request because of an invalid URI path. Verify the URI path for your external key store and update if necessary.',
    ),
  },
  'proxy-credential': {
    storeType: 'EXTERNAL_KEY_STORE',
    applies: proxyExists,
    holds: (s) => !credentialMatches(s),
    surfaces: proxyCheck('INVALID_CREDENTIALS', 'XksProxyIncorrectAuthenticationCredentialException'),
    cause: 'the external key store proxy rejected the authentication credential',
    says: { broken: 'Rejects the store’s proxy credential', healthy: 'Accepts the store’s proxy credential' },
    repair: (s) => ({
      type: 'set-proxy-credential',
      uriEndpoint: onProxy(s),
      accessKeyId: s.settings.accessKeyId,
      secretAccessKey: s.settings.secretAccessKey,
    }),
    awsMessage: documentedIn(
      'fix-xks-credentials',
      'The external key store proxy rejected the request because it could not authenticate AWS KMS. Verify the credentials for your external key store and update if necessary.',
    ),
  },
  // The XKS Proxy API specification exempts GetHealthStatus (what Connect, Create and Update send)
  // from authorization: only rules that also cover it, such as a source allow list, fail those.
  'proxy-access-denied': {
    ...PROXY_AUTHORIZATION,
    holds: (s: XksSubject) => !s.proxy!.authorizesKms && s.proxy!.authorizationCoversHealthCheck === true,
    surfaces: proxyCheck('XKS_PROXY_ACCESS_DENIED', 'XksProxyInvalidConfigurationException'),
    cause: 'the external key store proxy denied access to KMS, health check included (authorization)',
    says: { broken: 'Authorization rules deny KMS, health check included', healthy: 'Authorization rules allow KMS' },
  },
  'proxy-denies-key-operations': {
    ...PROXY_AUTHORIZATION,
    holds: (s: XksSubject) => !s.proxy!.authorizesKms,
    surfaces: { createKey: 'CustomKeyStoreInvalidStateException', crypto: true },
    cause: 'the external key store proxy denied access to KMS’s key operations (authorization)',
    says: { broken: 'Authorization rules deny KMS’s key operations (the health check passes)' },
  },
  'proxy-invalid-response': {
    storeType: 'EXTERNAL_KEY_STORE',
    applies: proxyExists,
    holds: (s) => !s.proxy!.responsesValid,
    surfaces: proxyCheck('XKS_PROXY_INVALID_RESPONSE', 'XksProxyInvalidResponseException'),
    cause: 'KMS cannot interpret the response from the external key store proxy',
    says: { broken: 'Answers break the XKS Proxy API', healthy: 'Answers follow the XKS Proxy API' },
    repair: (s) => ({ type: 'fix-proxy-responses', uriEndpoint: onProxy(s) }),
    awsMessage: documentedIn(
      'fix-xks-proxy',
      'AWS KMS cannot interpret the response from the external key store proxy. If you see this error repeatedly, consult your external key store proxy administrator.',
    ),
  },
  // Problems of single external keys: only the KMS keys backed by them fail.
  'external-key-missing': {
    storeType: 'EXTERNAL_KEY_STORE',
    applies: proxyExists,
    holds: (s) => keysBehindProxy(s).some((key) => externalKeyMissing(s, key)),
    affectsKey: externalKeyMissing,
    surfaces: { crypto: true },
    cause: 'the external key store proxy could not find the external key',
    says: { broken: (s) => `External key not found in the key manager: ${externalKeysWhere(s, externalKeyMissing)}` },
    repair: (s) => onFirstExternalKey(s, externalKeyMissing, 'restore-external-key'),
    awsMessage: documentedIn(
      'fix-external-key-crypto',
      'The external key store proxy rejected the request because it could not find the external key.',
    ),
  },
  'external-key-disabled': {
    storeType: 'EXTERNAL_KEY_STORE',
    applies: proxyExists,
    holds: (s) => keysBehindProxy(s).some((key) => externalKeyDisabled(s, key)),
    affectsKey: externalKeyDisabled,
    surfaces: { crypto: true },
    cause: 'the external key is disabled in the external key manager',
    says: { broken: (s) => `External key disabled in the key manager: ${externalKeysWhere(s, externalKeyDisabled)}` },
    repair: (s) => onFirstExternalKey(s, externalKeyDisabled, 'enable-external-key'),
    awsMessage: documentedIn(
      'fix-external-key-crypto',
      'The external key store proxy rejected the request because the external key is not enabled in the external key manager.',
    ),
  },
  'external-key-usage': {
    storeType: 'EXTERNAL_KEY_STORE',
    applies: proxyExists,
    holds: (s) => keysBehindProxy(s).some((key) => externalKeyLacksUsage(s, key)),
    affectsKey: externalKeyLacksUsage,
    surfaces: { crypto: true },
    cause: 'the external key does not allow both encryption and decryption',
    says: { broken: (s) => `External key lacks ENCRYPT or DECRYPT usage: ${externalKeysWhere(s, externalKeyLacksUsage)}` },
    repair: (s) => onFirstExternalKey(s, externalKeyLacksUsage, 'allow-external-key-usage'),
    awsMessage: documentedIn(
      'fix-external-key-crypto',
      'The external key store proxy rejected the request because the external key does not support the requested operation.',
    ),
  },
  'xks-kms-internal': {
    storeType: 'EXTERNAL_KEY_STORE',
    holds: (s) => s.world.network.kmsInternalErrorsOnConnect > 0,
    surfaces: { connect: { code: 'INTERNAL_ERROR' } },
    cause: 'an internal error in KMS',
    says: { broken: 'KMS has a transient internal error' },
    repair: () => ({ type: 'clear-kms-internal-errors' }),
  },
} as const satisfies Record<string, ProblemRow<'AWS_CLOUDHSM'> | ProblemRow<'EXTERNAL_KEY_STORE'>>;

export type BackingProblem = keyof typeof BACKING_PROBLEMS;
type Row = ProblemRow<'AWS_CLOUDHSM'> | ProblemRow<'EXTERNAL_KEY_STORE'>;

// ---------------------------------------------------------------------------------------------
// Loops over the table

export interface ProblemFinding {
  problem: BackingProblem;
  row: Row;
  holds: boolean;
}

const PROBLEM_ROWS = Object.entries(BACKING_PROBLEMS) as Array<[BackingProblem, Row]>;

function appliesTo(row: Row, subject: CloudHsmSubject | XksSubject): boolean {
  if (row.storeType !== subject.type) return false;
  const applies = row.applies as ((s: typeof subject) => boolean) | undefined;
  return !applies || applies(subject);
}

const holdsFor = (row: Row, subject: CloudHsmSubject | XksSubject) => (row.holds as (s: typeof subject) => boolean)(subject);

/** Every row that applies to the subject, in table order, with whether its problem holds. */
export function examine(subject: CloudHsmSubject | XksSubject): ProblemFinding[] {
  return PROBLEM_ROWS.filter(([, row]) => appliesTo(row, subject)).map(([problem, row]) => ({
    problem,
    row,
    holds: holdsFor(row, subject),
  }));
}

/**
 * The first row that applies, whose problem holds and that `accept` takes. The checks are pure, so
 * this finds what searching {@link examine}'s findings would, without running every check.
 */
function firstHolding(
  subject: CloudHsmSubject | XksSubject,
  accept: (row: Row, problem: BackingProblem) => boolean,
): ProblemFinding | undefined {
  const entry = PROBLEM_ROWS.find(([problem, row]) => appliesTo(row, subject) && holdsFor(row, subject) && accept(row, problem));
  return entry && { problem: entry[0], row: entry[1], holds: true };
}

/** The first problem that holds among the rows whose surfacing `accept` takes. */
function firstProblem(
  subject: CloudHsmSubject | XksSubject,
  accept: (surfacing: Surfacing) => boolean,
): ProblemFinding | undefined {
  return firstHolding(subject, (row) => accept(row.surfaces));
}

const connectCode = (finding: ProblemFinding | undefined): ConnectionErrorCode | undefined => {
  const connect = finding?.row.surfaces.connect;
  return connect && 'code' in connect ? connect.code : undefined;
};

/** What a connection attempt would end in right now: a ConnectionErrorCode, or undefined for CONNECTED. Pure. */
export function nextConnectOutcome(world: WorldState, store: CustomKeyStore): ConnectionErrorCode | undefined {
  return nextConnectFailure(world, store)?.code;
}

/** Why a connection attempt would fail right now, with the KMS call that clears it if the row names one. Pure. */
export function nextConnectFailure(
  world: WorldState,
  store: CustomKeyStore,
): { code: ConnectionErrorCode; thenInKms?: string } | undefined {
  const subject = subjectOfStore(world, store);
  if (!subject) return { code: 'XKS_PROXY_NOT_REACHABLE' }; // an external key store without proxy settings
  const finding = firstProblem(subject, (surfacing) => surfacing.connect !== undefined && 'code' in surfacing.connect);
  const code = connectCode(finding);
  if (!code) return undefined;
  return finding?.row.thenInKms ? { code, thenInKms: finding.row.thenInKms } : { code };
}

/** A problem KMS sees the moment Connect is called: the exception the call throws, if any. Pure. */
export function immediateConnectProblem(world: WorldState, store: CustomKeyStore): ProblemError | undefined {
  const subject = subjectOfStore(world, store);
  const finding =
    subject && firstProblem(subject, (surfacing) => surfacing.connect !== undefined && 'exception' in surfacing.connect);
  const connect = finding?.row.surfaces.connect;
  return finding && connect && 'exception' in connect ? problemError(subject, finding, connect.exception) : undefined;
}

/**
 * Side effects of a connection attempt on the world: a wrong password is a failed login that
 * counts toward the kmsuser lockout, a good login clears the count, and a transient internal
 * error is used up.
 */
function recordConnectAttempt(world: WorldState, store: CustomKeyStore, outcome: ConnectionErrorCode | undefined): void {
  if (outcome === 'INTERNAL_ERROR') {
    world.network.kmsInternalErrorsOnConnect = Math.max(0, world.network.kmsInternalErrorsOnConnect - 1);
  }
  if (store.type !== 'AWS_CLOUDHSM') return;
  const user = liveCluster(world, store.cloudHsmClusterId)?.kmsUser;
  if (!user) return;
  if (outcome === 'INVALID_CREDENTIALS') {
    user.failedLoginAttempts += 1;
    if (user.failedLoginAttempts >= KMSUSER_LOCKOUT_THRESHOLD) user.lockedOut = true;
  } else if (outcome === undefined) {
    user.failedLoginAttempts = 0;
  }
}

/** A connection attempt: how it ends, with its side effects recorded on the world. */
export function connectionOutcome(world: WorldState, store: CustomKeyStore): ConnectionErrorCode | undefined {
  const outcome = nextConnectOutcome(world, store);
  recordConnectAttempt(world, store, outcome);
  return outcome;
}

/** The World panel's lines for a subject: one per row that applies and has something to say. */
export function describeSubject(subject: CloudHsmSubject | XksSubject): Array<{ text: string; ok: boolean }> {
  return examine(subject).flatMap(({ row, holds }) => {
    const words = holds ? row.says.broken : row.says.healthy;
    if (words === undefined) return [];
    const text = typeof words === 'string' ? words : (words as (s: typeof subject) => string)(subject);
    return [{ text, ok: !holds }];
  });
}

/** The repairs for every problem that holds for the subject, in table order. */
export function repairsFor(subject: CloudHsmSubject | XksSubject): WorldAction[] {
  return examine(subject).flatMap(({ row, holds }) => {
    const action = holds ? (row.repair as (s: typeof subject) => WorldAction | undefined)(subject) : undefined;
    return action ? [action] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Lookups the operations use

/** Where an operation meets the backing key store and can throw because of it. */
export type ThrowingPlace = 'management' | 'createKey';

/** A problem as the exception an operation throws because of it. */
export interface ProblemError {
  problem: BackingProblem;
  exception: ExceptionName;
  /** Names the problem (and, for CloudHSM, the cluster). */
  message: string;
}

function problemError(subject: CloudHsmSubject | XksSubject, finding: ProblemFinding, exception: ExceptionName): ProblemError {
  const where = subject.type === 'AWS_CLOUDHSM' ? ` (AWS CloudHSM cluster ${subject.clusterId})` : '';
  const message = finding.row.awsMessage?.text ?? `${sentenceCase(finding.row.cause)}${where}.`;
  return { problem: finding.problem, exception, message };
}

/**
 * The first problem that makes an operation throw in `place`, as the exception it throws; with
 * `among`, only those problems are checked.
 */
export function problemAt(
  subject: CloudHsmSubject | XksSubject,
  place: ThrowingPlace,
  among?: readonly BackingProblem[],
): ProblemError | undefined {
  const finding = firstHolding(
    subject,
    (row, problem) => row.surfaces[place] !== undefined && (!among || among.includes(problem)),
  );
  return finding && problemError(subject, finding, finding.row.surfaces[place]!);
}

/** Why a cryptographic call on `key` fails: the exception and its message. */
export interface CryptoProblem {
  problem: BackingProblem;
  exception: 'KMSInvalidStateException' | 'KMSInternalException';
  message: string;
}

/**
 * The first problem that makes a cryptographic call on `key` (a key of the subject's store) fail,
 * as the error it throws. A request that found no free PKCS #11 session uses one busy count up.
 */
export function cryptoProblem(subject: CloudHsmSubject | XksSubject, key: KmsKey): CryptoProblem | undefined {
  const finding = firstHolding(subject, (row) => {
    const affectsKey = row.affectsKey as ((s: typeof subject, k: KmsKey) => boolean) | undefined;
    return Boolean(row.surfaces.crypto) && (!affectsKey || affectsKey(subject, key));
  });
  if (!finding) return undefined;
  if (finding.problem === 'no-pkcs11-sessions' && subject.type === 'AWS_CLOUDHSM') subject.cluster!.pkcs11SessionsBusyFor -= 1;
  const crypto = finding.row.surfaces.crypto;
  const cryptoMessage = finding.row.cryptoMessage as ((s: typeof subject, k: KmsKey) => string) | undefined;
  return {
    problem: finding.problem,
    exception: crypto === 'KMSInternalException' ? crypto : 'KMSInvalidStateException',
    message: cryptoMessage ? cryptoMessage(subject, key) : generalCryptoMessage(subject, finding.row, key),
  };
}

/** The words of a failing cryptographic call when the problem is the store's, not the key's. */
function generalCryptoMessage(subject: CloudHsmSubject | XksSubject, row: Row, key: KmsKey): string {
  if (row.awsMessage) return row.awsMessage.text;
  if (subject.type === 'EXTERNAL_KEY_STORE') return `${key.arn} cannot be used: ${row.cause}.`;
  return (
    `KMS cannot communicate with your CloudHSM cluster ${subject.clusterId} for ${key.arn} (${row.cause}). ` +
    'This might be a transient network issue; if it persists, check the cluster, its HSMs and its security group.'
  );
}

const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Create and Update need the cluster's private subnets in at least two Availability Zones. */
function clusterSubnetsSpanTwoZones(cluster: CloudHsmCluster): boolean {
  return new Set(cluster.subnets.filter((s) => s.exists).map((s) => s.availabilityZone)).size >= 2;
}

/** The World panel's lines for a store's backing key store. */
export function describeStoreBacking(world: WorldState, store: CustomKeyStore): Array<{ text: string; ok: boolean }> {
  const subject = subjectOfStore(world, store);
  return subject ? describeSubject(subject) : [{ text: 'No proxy settings', ok: false }];
}
