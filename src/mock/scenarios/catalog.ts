/**
 * The scenario catalog: every failure the site explains, as data. Each page, playground preset,
 * share link and scenario test is derived from this table.
 */
import {
  WORLD_IDS as ids,
  cloudHsmKey,
  cloudHsmStore,
  defaultCluster,
  defaultProxy,
  world,
  xksKey,
  xksStore,
  type ConnectionErrorCode,
  type WorldState,
} from '../core/index.ts';
import { closestId } from './closest-id.ts';
import type { FixStep, KmsCall, Scenario, ScenarioGroup } from './types.ts';

const DAY = 86_400_000;
const plaintext = new TextEncoder().encode('4111-1111-1111-1111');

const connectSteps = (storeId: string, note?: string): FixStep[] => [
  { kind: 'kms', operation: 'ConnectCustomKeyStore', input: { CustomKeyStoreId: storeId }, ...(note ? { note } : {}) },
  {
    kind: 'wait-for-state',
    storeId,
    state: 'CONNECTED',
    note: 'Back off between polls; a CloudHSM key store takes up to 20 minutes to connect, an external key store about 5.',
  },
];

const disconnectSteps = (storeId: string, note?: string): FixStep[] => [
  { kind: 'kms', operation: 'DisconnectCustomKeyStore', input: { CustomKeyStoreId: storeId }, ...(note ? { note } : {}) },
  { kind: 'wait-for-state', storeId, state: 'DISCONNECTED' },
];

const encryptWith = (keyId: string): KmsCall<'Encrypt'> => ({
  operation: 'Encrypt',
  input: { KeyId: keyId, Plaintext: plaintext },
});

// ---------------------------------------------------------------------------------------------
// The 18 connection errors: a disconnected store, one broken condition, and its repair.

interface ConnectionErrorCase {
  code: ConnectionErrorCode;
  title: string;
  summary: string;
  store: 'cloudhsm' | 'xks-public' | 'xks-vpc';
  breaks: (w: WorldState) => void;
  repair: FixStep[];
}

const updatePassword = (password: string, note: string): FixStep => ({
  kind: 'kms',
  operation: 'UpdateCustomKeyStore',
  input: { CustomKeyStoreId: ids.cloudHsmStoreId, KeyStorePassword: password },
  note,
});

const swapInRestoredCluster: FixStep[] = [
  { kind: 'world', action: { type: 'restore-cluster-from-backup', clusterId: ids.clusterId, newClusterId: ids.backupClusterId } },
  {
    kind: 'kms',
    operation: 'UpdateCustomKeyStore',
    input: { CustomKeyStoreId: ids.cloudHsmStoreId, CloudHsmClusterId: ids.backupClusterId },
    note: 'The new cluster must share the backup history (cluster certificate) of the original one.',
  },
];

const addTwoHsms: FixStep[] = [
  { kind: 'world', action: { type: 'add-hsm', clusterId: ids.clusterId, availabilityZone: 'eu-west-1a' } },
  {
    kind: 'world',
    action: { type: 'add-hsm', clusterId: ids.clusterId, availabilityZone: 'eu-west-1b' },
    note: 'Connecting needs one HSM; creating keys needs two in different Availability Zones.',
  },
];

/** The external key behind the cast's KMS key in an external key store. */
const externalKeyOfCast = (w: WorldState) => defaultProxy(w).externalKeys.find((k) => k.id === ids.externalKeyId)!;

const CONNECTION_ERRORS: ConnectionErrorCase[] = [
  {
    code: 'CLUSTER_NOT_FOUND',
    title: 'CLUSTER_NOT_FOUND: KMS cannot find the CloudHSM cluster',
    summary: 'KMS cannot find the AWS CloudHSM cluster behind the key store, usually because it was deleted.',
    store: 'cloudhsm',
    breaks: (w) => void (defaultCluster(w).state = 'DELETED'),
    repair: swapInRestoredCluster,
  },
  {
    code: 'INSUFFICIENT_CLOUDHSM_HSMS',
    title: 'INSUFFICIENT_CLOUDHSM_HSMS: the cluster has no active HSM',
    summary: 'The CloudHSM cluster has no active HSMs, so KMS has nothing to connect to.',
    store: 'cloudhsm',
    breaks: (w) => void (defaultCluster(w).hsms = []),
    repair: addTwoHsms,
  },
  {
    code: 'INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET',
    title: 'INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET: a cluster subnet is out of IP addresses',
    summary: 'A private subnet of the cluster has no free IP address for the network interface KMS creates there.',
    store: 'cloudhsm',
    breaks: (w) => void (defaultCluster(w).subnets[0]!.freeAddresses = 0),
    repair: [
      {
        kind: 'world',
        action: { type: 'free-subnet-addresses', clusterId: ids.clusterId },
        note: 'You cannot add addresses to an existing subnet; free some, or swap in a cluster from backup with roomier subnets.',
      },
    ],
  },
  {
    code: 'INTERNAL_ERROR',
    title: 'INTERNAL_ERROR: KMS failed the connection on its side',
    summary: 'An internal error in KMS stopped the connection; it is transient, and a fresh attempt usually succeeds.',
    store: 'cloudhsm',
    breaks: (w) => void (w.network.kmsInternalErrorsOnConnect = 1),
    repair: [],
  },
  {
    code: 'INVALID_CREDENTIALS',
    title: 'INVALID_CREDENTIALS: KMS cannot log in as kmsuser (or the proxy rejects its credential)',
    summary:
      'The KeyStorePassword KMS holds does not match the kmsuser password in the cluster (for external key stores: the proxy rejects the credential).',
    store: 'cloudhsm',
    breaks: (w) => void (w.stores[0]!.keyStorePassword = 'oldPassword-2023'),
    repair: [
      { kind: 'world', action: { type: 'set-kmsuser-password', clusterId: ids.clusterId, password: 'kmsPswd-2025' } },
      updatePassword('kmsPswd-2025', 'This tells KMS the password; it does not change the password in the cluster.'),
    ],
  },
  {
    code: 'NETWORK_ERRORS',
    title: 'NETWORK_ERRORS: the network between KMS and the backing key store failed',
    summary: 'Network errors stopped KMS from connecting to the CloudHSM cluster; often transient.',
    store: 'cloudhsm',
    breaks: (w) => void (w.network.cloudHsmReachable = false),
    repair: [
      {
        kind: 'world',
        action: { type: 'restore-cloudhsm-network' },
        note: 'Check the cluster security group, network ACLs and routes; transient errors clear on their own.',
      },
    ],
  },
  {
    code: 'SUBNET_NOT_FOUND',
    title: 'SUBNET_NOT_FOUND: a subnet of the CloudHSM cluster was deleted',
    summary: 'A subnet in the cluster configuration no longer exists, so KMS cannot place its network interfaces.',
    store: 'cloudhsm',
    breaks: (w) => void (defaultCluster(w).subnets[1]!.exists = false),
    repair: swapInRestoredCluster,
  },
  {
    code: 'USER_LOCKED_OUT',
    title: 'USER_LOCKED_OUT: kmsuser is locked out of the CloudHSM cluster',
    summary: 'Too many failed logins locked the kmsuser crypto user out of the cluster.',
    store: 'cloudhsm',
    breaks: (w) => {
      defaultCluster(w).kmsUser.lockedOut = true;
      defaultCluster(w).kmsUser.failedLoginAttempts = 5;
    },
    repair: [
      {
        kind: 'world',
        action: { type: 'set-kmsuser-password', clusterId: ids.clusterId, password: 'kmsPswd-2025' },
        note: 'A crypto officer changes the kmsuser password, which also ends the lockout.',
      },
      updatePassword('kmsPswd-2025', 'Tell KMS the new password.'),
    ],
  },
  {
    code: 'USER_LOGGED_IN',
    title: 'USER_LOGGED_IN: kmsuser is logged into the cluster',
    summary: 'Someone is logged into the cluster as kmsuser, which stops KMS rotating its password and logging in.',
    store: 'cloudhsm',
    breaks: (w) => void (defaultCluster(w).kmsUser.loggedInElsewhere = true),
    repair: [{ kind: 'world', action: { type: 'log-out-kmsuser', clusterId: ids.clusterId } }],
  },
  {
    code: 'USER_NOT_FOUND',
    title: 'USER_NOT_FOUND: the cluster has no kmsuser crypto user',
    summary: 'The cluster has no kmsuser crypto user for KMS to log in as.',
    store: 'cloudhsm',
    breaks: (w) =>
      void (defaultCluster(w).kmsUser = {
        exists: false,
        password: '',
        failedLoginAttempts: 0,
        lockedOut: false,
        loggedInElsewhere: false,
      }),
    repair: [
      { kind: 'world', action: { type: 'create-kmsuser', clusterId: ids.clusterId, password: 'kmsPswd-2025' } },
      updatePassword('kmsPswd-2025', 'Tell KMS the password of the new kmsuser.'),
    ],
  },
  {
    code: 'XKS_PROXY_ACCESS_DENIED',
    title: 'XKS_PROXY_ACCESS_DENIED: the external key store proxy refuses KMS',
    summary:
      "The external key store proxy's authorization rules deny KMS's requests, the health check included (a source allow list, or a proxy that does not exempt the health check).",
    store: 'xks-public',
    breaks: (w) => void Object.assign(defaultProxy(w), { authorizesKms: false, authorizationCoversHealthCheck: true }),
    repair: [{ kind: 'world', action: { type: 'authorize-kms-on-proxy', uriEndpoint: ids.xksEndpoint } }],
  },
  {
    code: 'XKS_PROXY_INVALID_CONFIGURATION',
    title: 'XKS_PROXY_INVALID_CONFIGURATION: the proxy URI path is wrong',
    summary: 'A configuration error, most often a URI path the proxy does not serve, stops KMS talking to the proxy.',
    store: 'xks-public',
    breaks: (w) => void (defaultProxy(w).uriPath = '/payments/kms/xks/v1'),
    repair: [
      {
        kind: 'kms',
        operation: 'UpdateCustomKeyStore',
        input: { CustomKeyStoreId: ids.xksStoreId, XksProxyUriPath: '/payments/kms/xks/v1' },
        note: 'Use the path your proxy actually serves; KMS checks it against the proxy before accepting it.',
      },
    ],
  },
  {
    code: 'XKS_PROXY_INVALID_RESPONSE',
    title: "XKS_PROXY_INVALID_RESPONSE: KMS cannot interpret the proxy's answer",
    summary: 'The proxy answers in a form KMS cannot interpret; it does not follow the XKS Proxy API specification.',
    store: 'xks-public',
    breaks: (w) => void (defaultProxy(w).responsesValid = false),
    repair: [
      {
        kind: 'world',
        action: { type: 'fix-proxy-responses', uriEndpoint: ids.xksEndpoint },
        note: 'If it persists, report it to your proxy vendor.',
      },
    ],
  },
  {
    code: 'XKS_PROXY_INVALID_TLS_CONFIGURATION',
    title: 'XKS_PROXY_INVALID_TLS_CONFIGURATION: KMS cannot set up TLS with the proxy',
    summary: 'The proxy presents an expired, mismatched or untrusted certificate, or an unsupported TLS version.',
    store: 'xks-public',
    breaks: (w) => void (defaultProxy(w).tlsValid = false),
    repair: [{ kind: 'world', action: { type: 'repair-proxy-tls', uriEndpoint: ids.xksEndpoint } }],
  },
  {
    code: 'XKS_PROXY_NOT_REACHABLE',
    title: 'XKS_PROXY_NOT_REACHABLE: KMS cannot reach the external key store proxy',
    summary: 'The proxy is down or unroutable, or it reports every external key manager instance unavailable.',
    store: 'xks-public',
    breaks: (w) => void (defaultProxy(w).reachable = false),
    repair: [{ kind: 'world', action: { type: 'start-proxy', uriEndpoint: ids.xksEndpoint } }],
  },
  {
    code: 'XKS_PROXY_TIMED_OUT',
    title: 'XKS_PROXY_TIMED_OUT: the proxy did not answer within 250 ms',
    summary: 'KMS reaches the proxy but gets no answer within its 250 ms limit.',
    store: 'xks-public',
    breaks: (w) => void (defaultProxy(w).latencyMs = 420),
    repair: [
      {
        kind: 'world',
        action: { type: 'set-proxy-latency', uriEndpoint: ids.xksEndpoint, latencyMs: 40 },
        note: 'Move the proxy closer to the key manager and make sure it can carry KMS request volume.',
      },
    ],
  },
  {
    code: 'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
    title: 'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION: the VPC endpoint service misses a KMS requirement',
    summary: 'The VPC endpoint service of the proxy does not meet the requirements of an external key store.',
    store: 'xks-vpc',
    breaks: (w) => void (w.vpcEndpointServices[0]!.configurationValid = false),
    repair: [{ kind: 'world', action: { type: 'fix-endpoint-service-configuration', serviceName: ids.vpcServiceName } }],
  },
  {
    code: 'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND',
    title: 'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND: KMS cannot find the VPC endpoint service',
    summary:
      'KMS cannot find the VPC endpoint service: a wrong name, another Region, or KMS missing from its allowed principals.',
    store: 'xks-vpc',
    breaks: (w) => void (w.vpcEndpointServices[0]!.visibleToKms = false),
    repair: [{ kind: 'world', action: { type: 'allow-kms-on-endpoint-service', serviceName: ids.vpcServiceName } }],
  },
];

/** `USER_LOGGED_IN` → `user-logged-in`. */
export const scenarioIdForCode = (code: ConnectionErrorCode) => code.toLowerCase().replaceAll('_', '-');

function connectionErrorScenario(c: ConnectionErrorCase): Scenario {
  const cloudHsm = c.store === 'cloudhsm';
  const storeId = cloudHsm ? ids.cloudHsmStoreId : ids.xksStoreId;
  return {
    id: scenarioIdForCode(c.code),
    title: c.title,
    summary: c.summary,
    group: 'connection-errors',
    storeType: cloudHsm ? 'AWS_CLOUDHSM' : 'EXTERNAL_KEY_STORE',
    connectionErrorCode: c.code,
    world: world({
      stores: [
        cloudHsm
          ? cloudHsmStore('DISCONNECTED')
          : xksStore('DISCONNECTED', c.store === 'xks-vpc' ? 'VPC_ENDPOINT_SERVICE' : 'PUBLIC_ENDPOINT'),
      ],
      keys: [cloudHsm ? cloudHsmKey() : xksKey()],
      breaks: c.breaks,
    }),
    faults: [],
    trigger: { operation: 'ConnectCustomKeyStore', input: { CustomKeyStoreId: storeId }, awaitSettled: true },
    expected: { storeId, connectionState: 'FAILED', connectionErrorCode: c.code },
    fix: [
      ...disconnectSteps(storeId, 'A FAILED store must be disconnected before it can connect again.'),
      ...c.repair,
      ...connectSteps(storeId),
    ],
    fixed: { storeId, connectionState: 'CONNECTED' },
    sample: 'connect-and-diagnose',
    sampleShows: ['FAILED', c.code],
  };
}

// ---------------------------------------------------------------------------------------------
// The other scenarios.

const INVALID_STATE = 'CustomKeyStoreInvalidStateException';
const hsmStore = ids.cloudHsmStoreId;

const OTHER_SCENARIOS: Scenario[] = [
  {
    id: 'creation-failure',
    title: '"Creation failure": CreateKey in a new key store that is not connected yet',
    summary:
      'CreateCustomKeyStore never throws this exception; CreateKey in the brand-new store does, because every new store is DISCONNECTED until you connect it.',
    group: 'causes',
    storeType: 'AWS_CLOUDHSM',
    world: world({ stores: [cloudHsmStore('DISCONNECTED')] }),
    faults: [],
    trigger: {
      operation: 'CreateKey',
      input: { Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: hsmStore, Description: 'payments data key' },
    },
    expected: { error: INVALID_STATE, httpStatus: 400, storeId: hsmStore, connectionState: 'DISCONNECTED' },
    fix: [
      ...connectSteps(hsmStore, 'New key stores are created disconnected; connect once before creating keys.'),
      { kind: 'kms', operation: 'CreateKey', input: { Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: hsmStore } },
    ],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED' },
    sample: 'create-key-when-connected',
    sampleShows: [INVALID_STATE, 'is CONNECTED after', 'Created KMS key'],
  },
  {
    id: 'deletion-failure',
    title: '"Deletion failure": DeleteCustomKeyStore on a store that is still connected',
    summary:
      'DeleteCustomKeyStore throws this exception when the store is not DISCONNECTED, and CustomKeyStoreHasCMKsException while it still holds KMS keys; AWS does not say which check comes first, so handle both.',
    group: 'causes',
    storeType: 'AWS_CLOUDHSM',
    world: world({ stores: [cloudHsmStore('CONNECTED')], keys: [cloudHsmKey()] }),
    faults: [],
    trigger: { operation: 'DeleteCustomKeyStore', input: { CustomKeyStoreId: hsmStore } },
    expected: { error: INVALID_STATE, httpStatus: 400, storeId: hsmStore, connectionState: 'CONNECTED' },
    fix: [
      {
        kind: 'kms',
        operation: 'ScheduleKeyDeletion',
        input: { KeyId: ids.cloudHsmKeyId, PendingWindowInDays: 7 },
        note: 'Every KMS key must be deleted first (7 to 30 days). Keep the store CONNECTED meanwhile so KMS can also delete the key material in the cluster.',
      },
      {
        kind: 'advance-time',
        ms: 7 * DAY + 60_000,
        note: 'Wait out the 7-day waiting period; until it ends the key still counts.',
      },
      ...disconnectSteps(hsmStore),
      { kind: 'kms', operation: 'DeleteCustomKeyStore', input: { CustomKeyStoreId: hsmStore } },
    ],
    fixed: { storeId: hsmStore, storeDeleted: true },
    sample: 'delete-store-safely',
    sampleShows: [INVALID_STATE, `Scheduled deletion of key ${ids.cloudHsmKeyId}`, 'Run this program again after'],
  },
  {
    id: 'connection-loss',
    title: '"Connection loss": KMS cannot reach the CloudHSM cluster of a CONNECTED store',
    summary:
      'Losing the network to the cluster does not change the connection state: cryptographic calls fail with KMSInvalidStateException, not this exception (only CreateKey, which needs the cluster, is refused).',
    group: 'causes',
    storeType: 'AWS_CLOUDHSM',
    world: world({
      stores: [cloudHsmStore('CONNECTED')],
      keys: [cloudHsmKey()],
      breaks: (w) => void (w.network.cloudHsmReachable = false),
    }),
    faults: [],
    trigger: encryptWith(ids.cloudHsmKeyId),
    expected: {
      error: 'KMSInvalidStateException',
      httpStatus: 400,
      messageIncludes: 'cannot communicate',
      storeId: hsmStore,
      connectionState: 'CONNECTED',
    },
    fix: [
      {
        kind: 'world',
        action: { type: 'restore-cloudhsm-network' },
        note: 'Check security groups, network ACLs and routes between the cluster subnets and KMS.',
      },
      { kind: 'kms', ...encryptWith(ids.cloudHsmKeyId), note: 'Retry the cryptographic call; no reconnect is needed.' },
    ],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED', keyId: ids.cloudHsmKeyId, keyState: 'Enabled' },
    sample: 'encrypt-with-diagnosis',
    sampleShows: ['KMSInvalidStateException', 'still reports CONNECTED'],
  },
  {
    id: 'connect-while-failed',
    title: 'ConnectCustomKeyStore on a FAILED store',
    summary: 'A store whose last connection attempt failed must be disconnected before it can connect again.',
    group: 'operations',
    storeType: 'AWS_CLOUDHSM',
    world: world({ stores: [cloudHsmStore('FAILED', 'NETWORK_ERRORS')], keys: [cloudHsmKey()] }),
    faults: [],
    trigger: { operation: 'ConnectCustomKeyStore', input: { CustomKeyStoreId: hsmStore } },
    expected: {
      error: INVALID_STATE,
      httpStatus: 400,
      storeId: hsmStore,
      connectionState: 'FAILED',
      connectionErrorCode: 'NETWORK_ERRORS',
    },
    fix: [...disconnectSteps(hsmStore, 'This also clears ConnectionErrorCode: read it first.'), ...connectSteps(hsmStore)],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED' },
    sample: 'recover-failed-store',
    sampleShows: ['FAILED with NETWORK_ERRORS', 'is CONNECTED'],
  },
  {
    id: 'connect-while-disconnecting',
    title: 'ConnectCustomKeyStore while the store is DISCONNECTING',
    summary: 'A store on its way to DISCONNECTED cannot be connected until it gets there.',
    group: 'operations',
    storeType: 'AWS_CLOUDHSM',
    world: world({
      stores: [{ ...cloudHsmStore('DISCONNECTING'), pending: { kind: 'disconnect', at: null } }],
      keys: [cloudHsmKey()],
    }),
    faults: [],
    trigger: { operation: 'ConnectCustomKeyStore', input: { CustomKeyStoreId: hsmStore } },
    expected: { error: INVALID_STATE, httpStatus: 400, storeId: hsmStore, connectionState: 'DISCONNECTING' },
    fix: [{ kind: 'wait-for-state', storeId: hsmStore, state: 'DISCONNECTED' }, ...connectSteps(hsmStore)],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED' },
    sample: 'wait-then-connect',
    sampleShows: ['still DISCONNECTING', 'is CONNECTED'],
  },
  {
    id: 'disconnect-while-disconnected',
    title: 'DisconnectCustomKeyStore on a store that is already disconnected',
    summary: 'Disconnecting a store that is already disconnected (or disconnecting) is refused; treat it as done.',
    group: 'operations',
    storeType: 'AWS_CLOUDHSM',
    world: world({ stores: [cloudHsmStore('DISCONNECTED')], keys: [cloudHsmKey()] }),
    faults: [],
    trigger: { operation: 'DisconnectCustomKeyStore', input: { CustomKeyStoreId: hsmStore } },
    expected: { error: INVALID_STATE, httpStatus: 400, storeId: hsmStore, connectionState: 'DISCONNECTED' },
    fix: [
      {
        kind: 'wait-for-state',
        storeId: hsmStore,
        state: 'DISCONNECTED',
        note: 'Nothing to repair: the store is where you wanted it. Make your disconnect idempotent.',
      },
    ],
    fixed: { storeId: hsmStore, connectionState: 'DISCONNECTED' },
    sample: 'disconnect-idempotently',
    sampleShows: [INVALID_STATE, 'already DISCONNECTED: nothing to do'],
  },
  {
    id: 'create-key-while-disconnected',
    title: 'CreateKey in a store someone disconnected',
    summary: 'KMS keys can be created in a custom key store only while it is CONNECTED.',
    group: 'operations',
    storeType: 'AWS_CLOUDHSM',
    world: world({ stores: [cloudHsmStore('DISCONNECTED')], keys: [cloudHsmKey()] }),
    faults: [],
    trigger: { operation: 'CreateKey', input: { Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: hsmStore } },
    expected: { error: INVALID_STATE, httpStatus: 400, storeId: hsmStore, connectionState: 'DISCONNECTED' },
    fix: [
      ...connectSteps(hsmStore),
      { kind: 'kms', operation: 'CreateKey', input: { Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: hsmStore } },
    ],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED' },
    sample: 'create-key-when-connected',
    sampleShows: [INVALID_STATE, 'Created KMS key'],
  },
  {
    id: 'update-while-connected',
    title: 'UpdateCustomKeyStore on a CONNECTED store',
    summary:
      'While CONNECTED only the name (and, for external key stores, the proxy credential and path) may change; setting a new kmsuser password means disconnect, change it in the cluster, update, connect.',
    group: 'operations',
    storeType: 'AWS_CLOUDHSM',
    // A healthy CONNECTED store: the operator wants kmsuser to have a password of their own and
    // runs the update too early. While connected KMS is logged in as kmsuser, so the password in
    // the cluster cannot change yet; the fix changes it only after the disconnect.
    world: world({ stores: [cloudHsmStore('CONNECTED')], keys: [cloudHsmKey()] }),
    faults: [],
    trigger: { operation: 'UpdateCustomKeyStore', input: { CustomKeyStoreId: hsmStore, KeyStorePassword: 'kmsPswd-2025' } },
    expected: { error: INVALID_STATE, httpStatus: 400, storeId: hsmStore, connectionState: 'CONNECTED' },
    fix: [
      ...disconnectSteps(
        hsmStore,
        'Keys in the store are unavailable until it reconnects: plan a maintenance window. Disconnecting also logs KMS out of kmsuser.',
      ),
      {
        kind: 'world',
        action: { type: 'set-kmsuser-password', clusterId: ids.clusterId, password: 'kmsPswd-2025' },
        note: 'Only now can the password change in the cluster: while the store was connected, KMS was logged in as kmsuser.',
      },
      updatePassword(
        'kmsPswd-2025',
        'Now allowed: the store is DISCONNECTED. This tells KMS the password; it does not change it in the cluster.',
      ),
      ...connectSteps(hsmStore),
    ],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED' },
    sample: 'update-store-settings',
    sampleShows: [INVALID_STATE, 'Change the kmsuser password in the cluster now'],
  },
  {
    id: 'delete-while-connected',
    title: 'DeleteCustomKeyStore on a CONNECTED store',
    summary: 'A custom key store can be deleted only while it is DISCONNECTED.',
    group: 'operations',
    storeType: 'AWS_CLOUDHSM',
    world: world({ stores: [cloudHsmStore('CONNECTED')] }),
    faults: [],
    trigger: { operation: 'DeleteCustomKeyStore', input: { CustomKeyStoreId: hsmStore } },
    expected: { error: INVALID_STATE, httpStatus: 400, storeId: hsmStore, connectionState: 'CONNECTED' },
    fix: [
      ...disconnectSteps(hsmStore),
      { kind: 'kms', operation: 'DeleteCustomKeyStore', input: { CustomKeyStoreId: hsmStore } },
    ],
    fixed: { storeId: hsmStore, storeDeleted: true },
    sample: 'delete-store-safely',
    sampleShows: [INVALID_STATE, `Deleted custom key store ${hsmStore}`],
  },
  {
    id: 'generate-random-while-disconnected',
    title: 'GenerateRandom with a disconnected CloudHSM key store',
    summary: 'Random bytes from a CloudHSM key store need the store to be CONNECTED.',
    group: 'operations',
    storeType: 'AWS_CLOUDHSM',
    world: world({ stores: [cloudHsmStore('DISCONNECTED')], keys: [cloudHsmKey()] }),
    faults: [],
    trigger: { operation: 'GenerateRandom', input: { NumberOfBytes: 32, CustomKeyStoreId: hsmStore } },
    expected: { error: INVALID_STATE, httpStatus: 400, storeId: hsmStore, connectionState: 'DISCONNECTED' },
    fix: [
      ...connectSteps(hsmStore),
      { kind: 'kms', operation: 'GenerateRandom', input: { NumberOfBytes: 32, CustomKeyStoreId: hsmStore } },
    ],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED' },
    sample: 'generate-random-from-hsm',
    sampleShows: [INVALID_STATE, 'Got 32 random bytes'],
  },
  {
    id: 'xks-create-key-proxy-unreachable',
    title: 'CreateKey in an external key store whose proxy is unreachable',
    summary:
      'External key stores check the proxy during CreateKey: an unreachable proxy makes CreateKey throw this exception even though the store says CONNECTED.',
    group: 'operations',
    storeType: 'EXTERNAL_KEY_STORE',
    world: world({ stores: [xksStore('CONNECTED')], keys: [xksKey()], breaks: (w) => void (defaultProxy(w).reachable = false) }),
    faults: [],
    trigger: {
      operation: 'CreateKey',
      input: { Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId: ids.xksStoreId, XksKeyId: 'ext-key-0002' },
    },
    expected: { error: INVALID_STATE, httpStatus: 400, storeId: ids.xksStoreId, connectionState: 'CONNECTED' },
    fix: [
      { kind: 'world', action: { type: 'start-proxy', uriEndpoint: ids.xksEndpoint } },
      {
        kind: 'kms',
        operation: 'CreateKey',
        input: { Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId: ids.xksStoreId, XksKeyId: 'ext-key-0002' },
      },
    ],
    fixed: { storeId: ids.xksStoreId, connectionState: 'CONNECTED' },
    sample: 'create-xks-key',
    sampleShows: [INVALID_STATE, `although ${ids.xksStoreId} is CONNECTED`],
  },
  {
    id: 'xks-external-key-spec',
    title: 'CreateKey in an external key store: the external key is not a 256-bit AES key',
    summary:
      'CreateKey names an external key that is not a 256-bit AES key with ENCRYPT and DECRYPT usage, enabled: the proxy describes it and KMS refuses with XksKeyInvalidConfigurationException, although the store is CONNECTED.',
    group: 'related',
    storeType: 'EXTERNAL_KEY_STORE',
    world: world({
      stores: [xksStore('CONNECTED')],
      keys: [xksKey()],
      breaks: (w) => {
        const proxy = defaultProxy(w);
        proxy.externalKeys.find((k) => k.id === 'ext-key-0002')!.spec = 'AES_128';
        proxy.externalKeys.push({ id: 'ext-key-0003', spec: 'AES_256', status: 'ENABLED', usage: ['ENCRYPT', 'DECRYPT'] });
      },
    }),
    faults: [],
    trigger: {
      operation: 'CreateKey',
      input: { Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId: ids.xksStoreId, XksKeyId: 'ext-key-0002' },
    },
    expected: {
      error: 'XksKeyInvalidConfigurationException',
      httpStatus: 400,
      messageIncludes: 'The key spec of the external key must be AES_256. The key spec of specified external key is AES_128.',
      storeId: ids.xksStoreId,
      connectionState: 'CONNECTED',
    },
    fix: [
      {
        kind: 'kms',
        operation: 'CreateKey',
        input: { Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId: ids.xksStoreId, XksKeyId: 'ext-key-0003' },
        note: 'An external key’s spec cannot change: create (or pick) a 256-bit AES key with ENCRYPT and DECRYPT usage in the external key manager, enabled, and pass its id.',
      },
    ],
    fixed: { storeId: ids.xksStoreId, connectionState: 'CONNECTED' },
    sample: 'create-xks-key',
    sampleShows: ['XksKeyInvalidConfigurationException', 'The key spec of the external key must be AES_256', 'a 256-bit AES key'],
    related: ['xks-create-key-proxy-unreachable', 'xks-external-key-usage'],
  },
  {
    id: 'delete-with-keys',
    title: 'DeleteCustomKeyStore on a store that still has KMS keys',
    summary: 'A DISCONNECTED store that still contains KMS keys (even ones pending deletion) cannot be deleted.',
    group: 'related',
    storeType: 'AWS_CLOUDHSM',
    world: world({ stores: [cloudHsmStore('DISCONNECTED')], keys: [cloudHsmKey()] }),
    faults: [],
    trigger: { operation: 'DeleteCustomKeyStore', input: { CustomKeyStoreId: hsmStore } },
    expected: { error: 'CustomKeyStoreHasCMKsException', httpStatus: 400, storeId: hsmStore, connectionState: 'DISCONNECTED' },
    fix: [
      {
        kind: 'kms',
        operation: 'ScheduleKeyDeletion',
        input: { KeyId: ids.cloudHsmKeyId, PendingWindowInDays: 7 },
        note: 'The store is disconnected, so KMS cannot remove the key material from the cluster when the keys are deleted: delete it there by hand, or connect the store for the waiting period.',
      },
      { kind: 'advance-time', ms: 7 * DAY + 60_000, note: 'Keys pending deletion still count until the waiting period ends.' },
      { kind: 'kms', operation: 'DeleteCustomKeyStore', input: { CustomKeyStoreId: hsmStore } },
    ],
    fixed: { storeId: hsmStore, storeDeleted: true },
    sample: 'delete-store-safely',
    sampleShows: ['CustomKeyStoreHasCMKsException', `Scheduled deletion of key ${ids.cloudHsmKeyId}`],
  },
  {
    id: 'store-not-found',
    title: 'CustomKeyStoreNotFoundException for a store ID that does not exist',
    summary: 'The custom key store ID (or name) does not exist in this account and Region.',
    group: 'related',
    storeType: 'AWS_CLOUDHSM',
    world: world({ stores: [cloudHsmStore('CONNECTED')], keys: [cloudHsmKey()] }),
    faults: [],
    trigger: { operation: 'DescribeCustomKeyStores', input: { CustomKeyStoreId: 'cks-1234567890abcdef9' } },
    expected: { error: 'CustomKeyStoreNotFoundException', httpStatus: 400 },
    fix: [
      {
        kind: 'kms',
        operation: 'DescribeCustomKeyStores',
        input: { CustomKeyStoreName: ids.cloudHsmStoreName },
        note: 'Look the store up by name (or list them all) in the right account and Region, and use the ID it returns.',
      },
    ],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED' },
    sample: 'find-store',
    sampleShows: ['CustomKeyStoreNotFoundException', `Use CustomKeyStoreId ${hsmStore}`],
  },
  {
    id: 'crypto-on-unavailable-key',
    title: 'Encrypt with a key whose custom key store is disconnected',
    summary:
      'Cryptographic calls with a key whose custom key store is not CONNECTED fail with KMSInvalidStateException, not CustomKeyStoreInvalidStateException.',
    group: 'related',
    storeType: 'AWS_CLOUDHSM',
    world: world({ stores: [cloudHsmStore('DISCONNECTED')], keys: [cloudHsmKey()] }),
    faults: [],
    trigger: encryptWith(ids.cloudHsmKeyId),
    expected: {
      error: 'KMSInvalidStateException',
      httpStatus: 400,
      messageIncludes: 'is unavailable',
      storeId: hsmStore,
      connectionState: 'DISCONNECTED',
    },
    fix: [...connectSteps(hsmStore), { kind: 'kms', ...encryptWith(ids.cloudHsmKeyId) }],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED', keyId: ids.cloudHsmKeyId, keyState: 'Enabled' },
    sample: 'encrypt-with-diagnosis',
    sampleShows: ['KMSInvalidStateException', 'Key state: Unavailable', 'is DISCONNECTED'],
  },
  {
    id: 'connect-without-hsms-fails-fast',
    title: 'CloudHsmClusterInvalidConfigurationException from ConnectCustomKeyStore: the cluster has no HSM',
    summary:
      'A Connect to a cluster without an active HSM can fail at once with this exception, leaving the store DISCONNECTED, instead of ending FAILED with INSUFFICIENT_CLOUDHSM_HSMS.',
    group: 'related',
    storeType: 'AWS_CLOUDHSM',
    world: world({
      stores: [cloudHsmStore('DISCONNECTED')],
      keys: [cloudHsmKey()],
      breaks: (w) => {
        defaultCluster(w).hsms = [];
        w.network.missingHsmsFailConnectAtOnce = true;
      },
    }),
    faults: [],
    trigger: { operation: 'ConnectCustomKeyStore', input: { CustomKeyStoreId: hsmStore } },
    expected: {
      error: 'CloudHsmClusterInvalidConfigurationException',
      httpStatus: 400,
      messageIncludes: 'no active HSM',
      storeId: hsmStore,
      connectionState: 'DISCONNECTED',
    },
    fix: [
      ...addTwoHsms,
      ...connectSteps(hsmStore, 'The store is still DISCONNECTED: no disconnect is needed before connecting again.'),
    ],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED' },
    sample: 'connect-and-diagnose',
    sampleShows: ['CloudHsmClusterInvalidConfigurationException'],
    related: ['insufficient-cloudhsm-hsms'],
  },
  {
    id: 'key-material-deleted',
    title: 'Encrypt fails on a CONNECTED store: the key material was deleted from the cluster',
    summary:
      'The store is CONNECTED and the key Enabled, but its key material is no longer in the CloudHSM cluster: cryptographic calls with that key fail with KMSInvalidStateException.',
    group: 'related',
    storeType: 'AWS_CLOUDHSM',
    world: world({ stores: [cloudHsmStore('CONNECTED')], keys: [cloudHsmKey({ materialPresent: false })] }),
    faults: [],
    trigger: encryptWith(ids.cloudHsmKeyId),
    expected: {
      error: 'KMSInvalidStateException',
      httpStatus: 400,
      messageIncludes: 'key material',
      storeId: hsmStore,
      connectionState: 'CONNECTED',
    },
    fix: [
      {
        kind: 'world',
        action: { type: 'recover-key-material', keyId: ids.cloudHsmKeyId },
        note: 'The key material comes back only from a backup taken before the deletion. AWS’s procedure: create a cluster from that backup, disconnect the store, UpdateCustomKeyStore with the new cluster ID, reconnect (an outage; keys created after the backup are missing there). The alternative shown: replicate the key from the restored clone back into the store’s cluster as kmsuser (CloudHSM CLI key replicate).',
      },
      { kind: 'kms', ...encryptWith(ids.cloudHsmKeyId) },
    ],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED', keyId: ids.cloudHsmKeyId, keyState: 'Enabled' },
    sample: 'encrypt-with-diagnosis',
    sampleShows: ['KMSInvalidStateException', 'key material', 'still reports CONNECTED'],
    related: ['connection-loss', 'hsms-deleted-while-connected'],
  },
  {
    id: 'hsms-deleted-while-connected',
    title: 'Encrypt fails on a CONNECTED store: every HSM of the cluster was deleted',
    summary:
      'Deleting every HSM of the cluster leaves the store CONNECTED and the keys Enabled; cryptographic calls fail with KMSInvalidStateException until an HSM is back.',
    group: 'related',
    storeType: 'AWS_CLOUDHSM',
    world: world({
      stores: [cloudHsmStore('CONNECTED')],
      keys: [cloudHsmKey()],
      breaks: (w) => void (defaultCluster(w).hsms = []),
    }),
    faults: [],
    trigger: encryptWith(ids.cloudHsmKeyId),
    expected: {
      error: 'KMSInvalidStateException',
      httpStatus: 400,
      messageIncludes: 'no active HSM',
      storeId: hsmStore,
      connectionState: 'CONNECTED',
    },
    fix: [...addTwoHsms, { kind: 'kms', ...encryptWith(ids.cloudHsmKeyId) }],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED', keyId: ids.cloudHsmKeyId, keyState: 'Enabled' },
    sample: 'encrypt-with-diagnosis',
    sampleShows: ['KMSInvalidStateException', 'no active HSM', 'still reports CONNECTED'],
    related: ['insufficient-cloudhsm-hsms', 'connection-loss'],
  },
  {
    id: 'cluster-deleted-while-connected',
    title: 'Encrypt fails on a CONNECTED store: its CloudHSM cluster was deleted',
    summary:
      'Deleting the cluster behind a connected store does not change its connection state; cryptographic calls fail with KMSInvalidStateException until the store points at a cluster restored from backup.',
    group: 'related',
    storeType: 'AWS_CLOUDHSM',
    world: world({
      stores: [cloudHsmStore('CONNECTED')],
      keys: [cloudHsmKey()],
      breaks: (w) => void (defaultCluster(w).state = 'DELETED'),
    }),
    faults: [],
    trigger: encryptWith(ids.cloudHsmKeyId),
    expected: {
      error: 'KMSInvalidStateException',
      httpStatus: 400,
      messageIncludes: 'cannot find the CloudHSM cluster',
      storeId: hsmStore,
      connectionState: 'CONNECTED',
    },
    fix: [
      ...disconnectSteps(hsmStore, 'UpdateCustomKeyStore can change CloudHsmClusterId only while the store is DISCONNECTED.'),
      ...swapInRestoredCluster,
      ...connectSteps(hsmStore),
      { kind: 'kms', ...encryptWith(ids.cloudHsmKeyId) },
    ],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED', keyId: ids.cloudHsmKeyId, keyState: 'Enabled' },
    sample: 'encrypt-with-diagnosis',
    sampleShows: ['KMSInvalidStateException', 'cannot find the CloudHSM cluster', 'still reports CONNECTED'],
    related: ['cluster-not-found', 'connection-loss'],
  },
  {
    id: 'pkcs11-sessions-exhausted',
    title: 'KMSInternalException on Encrypt: no free PKCS #11 session in the cluster',
    summary:
      'A busy CloudHSM cluster with no free PKCS #11 session makes cryptographic calls fail with KMSInternalException; the SDK retries it, and after that it is yours to back off and retry.',
    group: 'related',
    storeType: 'AWS_CLOUDHSM',
    // Busy for exactly the SDK's three attempts: the reader meets the error, and a retry after backing off works.
    world: world({
      stores: [cloudHsmStore('CONNECTED')],
      keys: [cloudHsmKey()],
      breaks: (w) => void (defaultCluster(w).pkcs11SessionsBusyFor = 3),
    }),
    faults: [],
    trigger: encryptWith(ids.cloudHsmKeyId),
    expected: {
      error: 'KMSInternalException',
      httpStatus: 500,
      messageIncludes: 'PKCS #11',
      storeId: hsmStore,
      connectionState: 'CONNECTED',
    },
    fix: [
      {
        kind: 'kms',
        ...encryptWith(ids.cloudHsmKeyId),
        note: 'Back off and retry; if it keeps happening, spread the load or add HSMs to the cluster.',
      },
    ],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED', keyId: ids.cloudHsmKeyId, keyState: 'Enabled' },
    sample: 'encrypt-with-backoff',
    sampleShows: ['KMSInternalException after 3 attempts', 'Encrypted 24 bytes'],
    related: ['throttling', 'connection-loss'],
  },
  {
    id: 'xks-external-key-disabled',
    title: 'Encrypt fails on a CONNECTED external key store: the external key is disabled',
    summary:
      'The KMS key is Enabled and its external key store CONNECTED, but the external key behind it is disabled in the external key manager: cryptographic calls fail with KMSInvalidStateException.',
    group: 'related',
    storeType: 'EXTERNAL_KEY_STORE',
    world: world({
      stores: [xksStore('CONNECTED')],
      keys: [xksKey()],
      breaks: (w) => void (externalKeyOfCast(w).status = 'DISABLED'),
    }),
    faults: [],
    trigger: encryptWith(ids.xksKeyId),
    expected: {
      error: 'KMSInvalidStateException',
      httpStatus: 400,
      messageIncludes: 'external key is not enabled in the external key manager',
      storeId: ids.xksStoreId,
      connectionState: 'CONNECTED',
    },
    fix: [
      {
        kind: 'world',
        action: { type: 'enable-external-key', uriEndpoint: ids.xksEndpoint, externalKeyId: ids.externalKeyId },
        note: 'In the external key manager, not in KMS: EnableKey on the KMS key changes nothing here.',
      },
      { kind: 'kms', ...encryptWith(ids.xksKeyId) },
    ],
    fixed: { storeId: ids.xksStoreId, connectionState: 'CONNECTED', keyId: ids.xksKeyId, keyState: 'Enabled' },
    sample: 'encrypt-with-external-key',
    sampleShows: ['KMSInvalidStateException', 'disabled in the external key manager'],
    related: ['xks-external-key-missing', 'xks-proxy-access-denied'],
  },
  {
    id: 'xks-external-key-missing',
    title: 'Encrypt fails on a CONNECTED external key store: the proxy cannot find the external key',
    summary:
      'The external key behind a KMS key was deleted from the external key manager (or the proxy no longer finds it): cryptographic calls fail with KMSInvalidStateException while the store stays CONNECTED.',
    group: 'related',
    storeType: 'EXTERNAL_KEY_STORE',
    world: world({
      stores: [xksStore('CONNECTED')],
      keys: [xksKey()],
      breaks: (w) => void (defaultProxy(w).externalKeys = defaultProxy(w).externalKeys.filter((k) => k.id !== ids.externalKeyId)),
    }),
    faults: [],
    trigger: encryptWith(ids.xksKeyId),
    expected: {
      error: 'KMSInvalidStateException',
      httpStatus: 400,
      messageIncludes: 'could not find the external key',
      storeId: ids.xksStoreId,
      connectionState: 'CONNECTED',
    },
    fix: [
      {
        kind: 'world',
        action: { type: 'restore-external-key', uriEndpoint: ids.xksEndpoint, externalKeyId: ids.externalKeyId },
        note: 'Only the same key material helps: restore the external key from the key manager’s backup. A new key cannot decrypt old ciphertext.',
      },
      { kind: 'kms', ...encryptWith(ids.xksKeyId) },
    ],
    fixed: { storeId: ids.xksStoreId, connectionState: 'CONNECTED', keyId: ids.xksKeyId, keyState: 'Enabled' },
    sample: 'encrypt-with-external-key',
    sampleShows: ['KMSInvalidStateException', 'missing from the external key manager'],
    related: ['xks-external-key-disabled', 'xks-create-key-proxy-unreachable'],
  },
  {
    id: 'xks-external-key-usage',
    title: 'Encrypt fails on a CONNECTED external key store: the external key does not allow the operation',
    summary:
      'The external key behind a KMS key lost its ENCRYPT or DECRYPT usage in the external key manager: cryptographic calls with the KMS key fail with KMSInvalidStateException while the store stays CONNECTED.',
    group: 'related',
    storeType: 'EXTERNAL_KEY_STORE',
    world: world({
      stores: [xksStore('CONNECTED')],
      keys: [xksKey()],
      breaks: (w) => void (externalKeyOfCast(w).usage = ['DECRYPT']),
    }),
    faults: [],
    trigger: encryptWith(ids.xksKeyId),
    expected: {
      error: 'KMSInvalidStateException',
      httpStatus: 400,
      messageIncludes: 'does not support the requested operation',
      storeId: ids.xksStoreId,
      connectionState: 'CONNECTED',
    },
    fix: [
      {
        kind: 'world',
        action: { type: 'allow-external-key-usage', uriEndpoint: ids.xksEndpoint, externalKeyId: ids.externalKeyId },
        note: 'In the external key manager: an external key for KMS must allow both encryption and decryption.',
      },
      { kind: 'kms', ...encryptWith(ids.xksKeyId) },
    ],
    fixed: { storeId: ids.xksStoreId, connectionState: 'CONNECTED', keyId: ids.xksKeyId, keyState: 'Enabled' },
    sample: 'encrypt-with-external-key',
    sampleShows: ['KMSInvalidStateException', 'needs both ENCRYPT and DECRYPT usage'],
    related: ['xks-external-key-disabled', 'xks-external-key-missing'],
  },
  {
    id: 'xks-proxy-denies-access-while-connected',
    title: 'Encrypt fails on a CONNECTED external key store: the proxy denies KMS access',
    summary:
      "The external key store proxy's authorization rules stopped allowing KMS after the store connected: every cryptographic call with the store's keys fails with KMSInvalidStateException, and the store stays CONNECTED.",
    group: 'related',
    storeType: 'EXTERNAL_KEY_STORE',
    world: world({
      stores: [xksStore('CONNECTED')],
      keys: [xksKey()],
      breaks: (w) => void (defaultProxy(w).authorizesKms = false),
    }),
    faults: [],
    trigger: encryptWith(ids.xksKeyId),
    expected: {
      error: 'KMSInvalidStateException',
      httpStatus: 400,
      messageIncludes: 'denied access',
      storeId: ids.xksStoreId,
      connectionState: 'CONNECTED',
    },
    fix: [
      {
        kind: 'world',
        action: { type: 'authorize-kms-on-proxy', uriEndpoint: ids.xksEndpoint },
        note: 'Let KMS call the proxy on your behalf again in its authorization rules.',
      },
      { kind: 'kms', ...encryptWith(ids.xksKeyId) },
    ],
    fixed: { storeId: ids.xksStoreId, connectionState: 'CONNECTED', keyId: ids.xksKeyId, keyState: 'Enabled' },
    sample: 'encrypt-with-external-key',
    sampleShows: ['KMSInvalidStateException', 'The proxy denied KMS access'],
    related: ['xks-proxy-access-denied', 'xks-external-key-disabled'],
  },
  {
    id: 'tools-fail-on-custom-key-store-keys',
    title: 'Tools that fail on keys in custom key stores: UnsupportedOperationException from GetKeyRotationStatus',
    summary:
      'Inventory, compliance and infrastructure-as-code tools ask every key for its rotation status; KMS refuses rotation (and imported key material and data key pairs) for keys in custom key stores with UnsupportedOperationException, and a tool that does not check the key’s Origin first stops there.',
    group: 'related',
    storeType: 'AWS_CLOUDHSM',
    world: world({ stores: [cloudHsmStore('CONNECTED'), xksStore('CONNECTED')], keys: [cloudHsmKey(), xksKey()] }),
    faults: [],
    trigger: { operation: 'GetKeyRotationStatus', input: { KeyId: ids.cloudHsmKeyId } },
    expected: {
      error: 'UnsupportedOperationException',
      httpStatus: 400,
      messageIncludes: 'origin is AWS_CLOUDHSM which is not valid for this operation',
      storeId: hsmStore,
      connectionState: 'CONNECTED',
    },
    fix: [
      {
        kind: 'kms',
        operation: 'DescribeKey',
        input: { KeyId: ids.cloudHsmKeyId },
        note: 'Read KeyMetadata.Origin first: ask for rotation only when it is AWS_KMS, import only into EXTERNAL keys, and use GenerateDataKeyPair only with keys outside custom key stores.',
      },
    ],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED', keyId: ids.cloudHsmKeyId, keyState: 'Enabled' },
    sample: 'audit-key-rotation',
    sampleShows: [
      `${ids.cloudHsmKeyId}: rotation does not apply, in custom key store ${ids.cloudHsmStoreId} (Origin AWS_CLOUDHSM)`,
      `${ids.xksKeyId}: rotation does not apply, in custom key store ${ids.xksStoreId} (Origin EXTERNAL_KEY_STORE)`,
      `${ids.awsKmsKeyId}: KeyRotationEnabled false`,
      'Without the check, GetKeyRotationStatus',
      'UnsupportedOperationException',
    ],
    related: ['healthy', 'crypto-on-unavailable-key'],
  },
  {
    id: 'throttling',
    title: "ThrottlingException on Encrypt after the SDK's retries",
    summary: 'KMS throttles a burst of requests; the SDK retries throttling by itself (3 attempts) before the error reaches you.',
    group: 'related',
    storeType: 'AWS_CLOUDHSM',
    world: world({ stores: [cloudHsmStore('CONNECTED')], keys: [cloudHsmKey()] }),
    faults: [{ kind: 'throttling', operation: 'Encrypt', remaining: 3 }],
    trigger: encryptWith(ids.cloudHsmKeyId),
    expected: { error: 'ThrottlingException', httpStatus: 400 },
    fix: [{ kind: 'kms', ...encryptWith(ids.cloudHsmKeyId), note: 'Back off and retry; spread the load or cache data keys.' }],
    fixed: { keyId: ids.cloudHsmKeyId, keyState: 'Enabled' },
    sample: 'encrypt-with-backoff',
    sampleShows: ['ThrottlingException after 3 attempts', 'Encrypted 24 bytes'],
  },
  {
    id: 'healthy',
    title: 'A healthy baseline: both custom key stores connected',
    summary:
      'A CONNECTED CloudHSM key store and a CONNECTED external key store, each with one enabled KMS key; everything works.',
    group: 'baseline',
    world: world({ stores: [cloudHsmStore('CONNECTED'), xksStore('CONNECTED')], keys: [cloudHsmKey(), xksKey()] }),
    faults: [],
    trigger: encryptWith(ids.cloudHsmKeyId),
    expected: { storeId: hsmStore, connectionState: 'CONNECTED' },
    fix: [],
    fixed: { storeId: hsmStore, connectionState: 'CONNECTED', keyId: ids.cloudHsmKeyId, keyState: 'Enabled' },
    sample: 'encrypt-decrypt-roundtrip',
    sampleShows: [`round trip OK with key ${ids.cloudHsmKeyId}`, `round trip OK with key ${ids.xksKeyId}`],
  },
];

const ORDER: ScenarioGroup[] = ['causes', 'operations', 'connection-errors', 'related', 'baseline'];

export const scenarios: readonly Scenario[] = [...OTHER_SCENARIOS, ...CONNECTION_ERRORS.map(connectionErrorScenario)].sort(
  (a, b) => ORDER.indexOf(a.group) - ORDER.indexOf(b.group),
);

export const GROUP_LABELS: Record<ScenarioGroup, string> = {
  causes: 'Causes',
  operations: 'Operations',
  'connection-errors': 'Connection errors',
  related: 'Related errors',
  baseline: 'Baseline',
};

const byId = new Map(scenarios.map((s) => [s.id, s]));

export function findScenario(id: string): Scenario | undefined {
  return byId.get(id);
}

/** The scenario with this id; throws naming the nearest id (and all of them) otherwise. */
export function getScenario(id: string): Scenario {
  const scenario = byId.get(id);
  if (scenario) return scenario;
  const suggestion = closestId(id, [...byId.keys()]);
  throw new Error(
    `Unknown scenario "${id}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Known scenarios: ${[...byId.keys()].join(', ')}`,
  );
}
