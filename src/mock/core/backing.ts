/**
 * What KMS finds when it reaches for a store's backing key store: the CloudHSM cluster, or the
 * external key store proxy. One problem list per store type, and one table that says how each
 * problem surfaces in each place: as a ConnectionErrorCode after Connect, as an exception from
 * Create/UpdateCustomKeyStore, from CreateKey (XKS), or from a cryptographic call.
 */
import {
  KMSUSER_LOCKOUT_THRESHOLD,
  XKS_PROXY_TIMEOUT_MS,
  type CloudHsmCluster,
  type ConnectionErrorCode,
  type CustomKeyStore,
  type WorldState,
  type XksProxy,
  type XksStoreSettings,
} from './model';

// ---------------------------------------------------------------------------------------------
// CloudHSM

export type ClusterProblem =
  | 'cluster-not-found'
  | 'subnet-not-found'
  | 'no-hsms'
  | 'no-free-addresses'
  | 'network'
  | 'user-not-found'
  | 'user-locked-out'
  | 'user-logged-in'
  | 'wrong-password'
  | 'kms-internal';

export const CLUSTER_PROBLEM_CODES: Record<ClusterProblem, ConnectionErrorCode> = {
  'cluster-not-found': 'CLUSTER_NOT_FOUND',
  'subnet-not-found': 'SUBNET_NOT_FOUND',
  'no-hsms': 'INSUFFICIENT_CLOUDHSM_HSMS',
  'no-free-addresses': 'INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET',
  network: 'NETWORK_ERRORS',
  'user-not-found': 'USER_NOT_FOUND',
  'user-locked-out': 'USER_LOCKED_OUT',
  'user-logged-in': 'USER_LOGGED_IN',
  'wrong-password': 'INVALID_CREDENTIALS',
  'kms-internal': 'INTERNAL_ERROR',
};

export function findCluster(world: WorldState, clusterId: string | undefined): CloudHsmCluster | undefined {
  return world.clusters.find((c) => c.id === clusterId && c.state !== 'DELETED');
}

/** The first thing that stops KMS connecting to the store's cluster, in the order KMS meets them. */
export function clusterConnectProblem(world: WorldState, store: CustomKeyStore): ClusterProblem | undefined {
  const cluster = findCluster(world, store.cloudHsmClusterId);
  if (!cluster) return 'cluster-not-found';
  if (cluster.subnets.some((s) => !s.exists)) return 'subnet-not-found';
  if (cluster.hsms.length === 0) return 'no-hsms';
  if (cluster.subnets.some((s) => s.freeAddresses < 1)) return 'no-free-addresses';
  if (!world.network.cloudHsmReachable) return 'network';
  if (world.network.kmsInternalErrorsOnConnect > 0) return 'kms-internal';
  const user = cluster.kmsUser;
  if (!user.exists) return 'user-not-found';
  if (user.lockedOut) return 'user-locked-out';
  if (user.loggedInElsewhere) return 'user-logged-in';
  if (user.password !== store.keyStorePassword) return 'wrong-password';
  return undefined;
}

/**
 * Side effects of a connection attempt on the world: a wrong password is a failed login that
 * counts toward the kmsuser lockout, and a transient internal error is used up.
 */
export function recordConnectAttempt(world: WorldState, store: CustomKeyStore, problem: ClusterProblem | XksProblem | undefined) {
  if (problem === 'kms-internal') {
    world.network.kmsInternalErrorsOnConnect = Math.max(0, world.network.kmsInternalErrorsOnConnect - 1);
  }
  const user = findCluster(world, store.cloudHsmClusterId)?.kmsUser;
  if (!user) return;
  if (problem === 'wrong-password') {
    user.failedLoginAttempts += 1;
    if (user.failedLoginAttempts >= KMSUSER_LOCKOUT_THRESHOLD) user.lockedOut = true;
  } else if (problem === undefined) {
    user.failedLoginAttempts = 0;
  }
}

/** Create/Update/CreateKey need two active HSMs in different Availability Zones. */
export function clusterHasTwoZones(cluster: CloudHsmCluster): boolean {
  return new Set(cluster.hsms.map((h) => h.availabilityZone)).size >= 2;
}

export function clusterSubnetsSpanTwoZones(cluster: CloudHsmCluster): boolean {
  return new Set(cluster.subnets.filter((s) => s.exists).map((s) => s.availabilityZone)).size >= 2;
}

// ---------------------------------------------------------------------------------------------
// External key store proxy

export type XksProblem =
  | 'endpoint-service-not-found'
  | 'endpoint-service-invalid'
  | 'unreachable'
  | 'network'
  | 'tls'
  | 'timed-out'
  | 'uri-path'
  | 'credential'
  | 'access-denied'
  | 'invalid-response'
  | 'kms-internal';

interface XksProblemSurface {
  code: ConnectionErrorCode;
  /** Exception from CreateCustomKeyStore / UpdateCustomKeyStore. */
  managementException: string;
  /** Cause text used in CreateKey and cryptographic-operation messages. */
  cause: string;
}

export const XKS_PROBLEMS: Record<XksProblem, XksProblemSurface> = {
  'endpoint-service-not-found': {
    code: 'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND',
    managementException: 'XksProxyVpcEndpointServiceNotFoundException',
    cause: 'KMS cannot find the VPC endpoint service of the external key store proxy',
  },
  'endpoint-service-invalid': {
    code: 'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
    managementException: 'XksProxyVpcEndpointServiceInvalidConfigurationException',
    cause: 'the VPC endpoint service of the external key store proxy does not meet the requirements',
  },
  unreachable: {
    code: 'XKS_PROXY_NOT_REACHABLE',
    managementException: 'XksProxyUriUnreachableException',
    cause: 'KMS cannot reach the external key store proxy',
  },
  network: {
    code: 'NETWORK_ERRORS',
    managementException: 'XksProxyUriUnreachableException',
    cause: 'network errors stopped KMS from reaching the external key store proxy',
  },
  tls: {
    code: 'XKS_PROXY_INVALID_TLS_CONFIGURATION',
    managementException: 'XksProxyInvalidConfigurationException',
    cause: 'the TLS configuration of the external key store proxy is not valid',
  },
  'timed-out': {
    code: 'XKS_PROXY_TIMED_OUT',
    managementException: 'XksProxyUriUnreachableException',
    cause: `the external key store proxy did not respond within ${XKS_PROXY_TIMEOUT_MS} ms`,
  },
  'uri-path': {
    code: 'XKS_PROXY_INVALID_CONFIGURATION',
    managementException: 'XksProxyInvalidConfigurationException',
    cause: 'the external key store proxy rejected the request: the URI path is not valid',
  },
  credential: {
    code: 'INVALID_CREDENTIALS',
    managementException: 'XksProxyIncorrectAuthenticationCredentialException',
    cause: 'the external key store proxy rejected the authentication credential',
  },
  'access-denied': {
    code: 'XKS_PROXY_ACCESS_DENIED',
    managementException: 'XksProxyInvalidConfigurationException',
    cause: 'the external key store proxy denied access to KMS (authorization)',
  },
  'invalid-response': {
    code: 'XKS_PROXY_INVALID_RESPONSE',
    managementException: 'XksProxyInvalidResponseException',
    cause: 'KMS cannot interpret the response from the external key store proxy',
  },
  'kms-internal': {
    code: 'INTERNAL_ERROR',
    managementException: 'KMSInternalException',
    cause: 'an internal error in KMS',
  },
};

export function findProxy(world: WorldState, uriEndpoint: string): XksProxy | undefined {
  return world.xksProxies.find((p) => p.uriEndpoint === uriEndpoint);
}

/** Endpoint host without scheme, so `https://xks.example.com` and `xks.example.com` match. */
const hostOf = (endpoint: string) => endpoint.replace(/^https:\/\//, '').toLowerCase();

/**
 * What KMS meets when it sends GetHealthStatus to the proxy with these settings, in the order
 * a request meets them: endpoint service, network, TLS, time, path, SigV4 credential, authorization.
 */
export function xksProblem(world: WorldState, settings: XksStoreSettings): XksProblem | undefined {
  if (settings.connectivity === 'VPC_ENDPOINT_SERVICE') {
    const service = world.vpcEndpointServices.find((s) => s.name === settings.vpcEndpointServiceName);
    if (!service || !service.visibleToKms) return 'endpoint-service-not-found';
    if (!service.configurationValid) return 'endpoint-service-invalid';
  }
  const proxy = world.xksProxies.find((p) => hostOf(p.uriEndpoint) === hostOf(settings.uriEndpoint));
  if (!proxy || !proxy.reachable || !proxy.keyManagerAvailable) return 'unreachable';
  if (world.network.xksNetworkErrors) return 'network';
  if (!proxy.tlsValid) return 'tls';
  if (proxy.latencyMs > XKS_PROXY_TIMEOUT_MS) return 'timed-out';
  if (proxy.uriPath !== settings.uriPath) return 'uri-path';
  if (
    proxy.credential.accessKeyId !== settings.accessKeyId ||
    proxy.credential.secretAccessKey !== settings.secretAccessKey
  ) {
    return 'credential';
  }
  if (!proxy.authorizesKms) return 'access-denied';
  if (!proxy.responsesValid) return 'invalid-response';
  return undefined;
}

export function xksConnectProblem(world: WorldState, store: CustomKeyStore): XksProblem | undefined {
  if (!store.xks) return 'unreachable';
  return xksProblem(world, store.xks) ?? (world.network.kmsInternalErrorsOnConnect > 0 ? 'kms-internal' : undefined);
}

export function proxyFor(world: WorldState, store: CustomKeyStore): XksProxy | undefined {
  return store.xks ? world.xksProxies.find((p) => hostOf(p.uriEndpoint) === hostOf(store.xks!.uriEndpoint)) : undefined;
}

/** The ConnectionErrorCode a connection attempt ends in, or `undefined` when it succeeds. */
export function connectionOutcome(world: WorldState, store: CustomKeyStore): ConnectionErrorCode | undefined {
  if (store.type === 'AWS_CLOUDHSM') {
    const problem = clusterConnectProblem(world, store);
    recordConnectAttempt(world, store, problem);
    return problem && CLUSTER_PROBLEM_CODES[problem];
  }
  const problem = xksConnectProblem(world, store);
  recordConnectAttempt(world, store, problem);
  return problem && XKS_PROBLEMS[problem].code;
}
