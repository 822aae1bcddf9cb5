/**
 * The mock's worlds: the default account, and the building blocks scenario worlds are made of.
 * Every world uses the same cast (the ids in `WORLD_IDS`), so one handling program can run in
 * many scenarios and only the condition that breaks differs. A world is built healthy, then one
 * `breaks` function spoils one thing.
 */
import type {
  CloudHsmCluster,
  ConnectionErrorCode,
  ConnectionState,
  CustomKeyStore,
  FaultRule,
  KmsKey,
  Timing,
  VpcEndpointService,
  WorldState,
  XksProxy,
} from './model.ts';

export const WORLD_IDS = {
  accountId: '111122223333',
  region: 'eu-west-1',
  cloudHsmStoreId: 'cks-1234567890abcdef0',
  cloudHsmStoreName: 'payments-hsm-store',
  clusterId: 'cluster-234example7',
  backupClusterId: 'cluster-567restored',
  kmsUserPassword: 'kmsPswd-2024',
  cloudHsmKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  xksStoreId: 'cks-0fedcba9876543210',
  xksStoreName: 'ledger-xks-store',
  xksEndpoint: 'https://xks.example.com',
  xksPath: '/example/kms/xks/v1',
  vpcServiceName: 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0',
  vpcPrivateDnsName: 'https://xks.vpc.example.com',
  xksKeyId: '0987dcba-09fe-87dc-65ba-ab0987654321',
  externalKeyId: 'ext-key-0001',
  xksAccessKeyId: 'AKIAXKSEXAMPLEKEY2345',
  xksSecret: 'xksSecretExample0123456789abcdefghijklmnopqrstuvw',
  awsKmsKeyId: '5555eeee-55ee-55ee-55ee-555555555555',
} as const;

const ids = WORLD_IDS;
/** The scenario epoch. Worlds are rebased onto the mock's clock when loaded. */
export const WORLD_EPOCH = Date.UTC(2026, 10, 28, 9, 0, 0);
const DAY = 86_400_000;
const TRUST_ANCHOR = '-----BEGIN CERTIFICATE-----\nMIIDhjCCAm6gAwIBAgIJAP9Example\n-----END CERTIFICATE-----';

function healthyCluster(id: string = ids.clusterId): CloudHsmCluster {
  const zones = ['eu-west-1a', 'eu-west-1b'];
  return {
    id,
    state: 'ACTIVE',
    subnets: zones.map((zone, i) => ({
      id: `subnet-0a1b2c3d4e5f6a7b${i}`,
      availabilityZone: zone,
      freeAddresses: 24,
      exists: true,
    })),
    hsms: zones.map((zone, i) => ({
      id: `hsm-example${i + 2}abcd`,
      availabilityZone: zone,
      subnetId: `subnet-0a1b2c3d4e5f6a7b${i}`,
    })),
    securityGroupValid: true,
    trustAnchorCertificate: TRUST_ANCHOR,
    certificateLineage: `lineage-${id}`,
    kmsUser: { exists: true, password: ids.kmsUserPassword, failedLoginAttempts: 0, lockedOut: false, loggedInElsewhere: false },
    pkcs11SessionsBusyFor: 0,
  };
}

function healthyProxy(uriEndpoint: string = ids.xksEndpoint): XksProxy {
  return {
    uriEndpoint,
    uriPath: ids.xksPath,
    reachable: true,
    keyManagerAvailable: true,
    latencyMs: 35,
    tlsValid: true,
    credential: { accessKeyId: ids.xksAccessKeyId, secretAccessKey: ids.xksSecret },
    authorizesKms: true,
    responsesValid: true,
    externalKeys: [
      { id: ids.externalKeyId, spec: 'AES_256', status: 'ENABLED', usage: ['ENCRYPT', 'DECRYPT'] },
      { id: 'ext-key-0002', spec: 'AES_256', status: 'ENABLED', usage: ['ENCRYPT', 'DECRYPT'] },
    ],
  };
}

function healthyEndpointService(): VpcEndpointService {
  return { name: ids.vpcServiceName, privateDnsName: ids.vpcPrivateDnsName, visibleToKms: true, configurationValid: true };
}

function keyRecord(keyId: string, origin: KmsKey['origin'], extra: Partial<KmsKey> = {}): KmsKey {
  return {
    keyId,
    arn: `arn:aws:kms:${ids.region}:${ids.accountId}:key/${keyId}`,
    creationDate: WORLD_EPOCH - 30 * DAY,
    description: `${origin} key`,
    origin,
    keyState: 'Enabled',
    material: `material-${keyId}`,
    materialPresent: true,
    ...extra,
  };
}

export function cloudHsmStore(state: ConnectionState, code?: ConnectionErrorCode): CustomKeyStore {
  return {
    id: ids.cloudHsmStoreId,
    name: ids.cloudHsmStoreName,
    type: 'AWS_CLOUDHSM',
    creationDate: WORLD_EPOCH - 60 * DAY,
    connectionState: state,
    ...(code ? { connectionErrorCode: code } : {}),
    cloudHsmClusterId: ids.clusterId,
    trustAnchorCertificate: TRUST_ANCHOR,
    keyStorePassword: ids.kmsUserPassword,
  };
}

export function xksStore(
  state: ConnectionState,
  connectivity: 'PUBLIC_ENDPOINT' | 'VPC_ENDPOINT_SERVICE' = 'PUBLIC_ENDPOINT',
): CustomKeyStore {
  return {
    id: ids.xksStoreId,
    name: ids.xksStoreName,
    type: 'EXTERNAL_KEY_STORE',
    creationDate: WORLD_EPOCH - 45 * DAY,
    connectionState: state,
    xks: {
      connectivity,
      uriEndpoint: connectivity === 'PUBLIC_ENDPOINT' ? ids.xksEndpoint : ids.vpcPrivateDnsName,
      uriPath: ids.xksPath,
      accessKeyId: ids.xksAccessKeyId,
      secretAccessKey: ids.xksSecret,
      ...(connectivity === 'VPC_ENDPOINT_SERVICE' ? { vpcEndpointServiceName: ids.vpcServiceName } : {}),
    },
  };
}

export const cloudHsmKey = (extra: Partial<KmsKey> = {}) =>
  keyRecord(ids.cloudHsmKeyId, 'AWS_CLOUDHSM', {
    customKeyStoreId: ids.cloudHsmStoreId,
    cloudHsmClusterId: ids.clusterId,
    ...extra,
  });

export const xksKey = () =>
  keyRecord(ids.xksKeyId, 'EXTERNAL_KEY_STORE', { customKeyStoreId: ids.xksStoreId, xksKeyId: ids.externalKeyId });

/**
 * An account with a healthy cluster, proxy and VPC endpoint service (both proxies) and one
 * ordinary AWS_KMS key; no custom key stores yet. `timing` defaults settle in half a second.
 */
export function emptyAccount(): WorldState {
  return {
    accountId: ids.accountId,
    region: ids.region,
    now: WORLD_EPOCH,
    clusters: [healthyCluster()],
    xksProxies: [healthyProxy(), healthyProxy(ids.vpcPrivateDnsName)],
    vpcEndpointServices: [healthyEndpointService()],
    network: {
      cloudHsmReachable: true,
      xksNetworkErrors: false,
      kmsInternalErrorsOnConnect: 0,
      missingHsmsFailConnectAtOnce: false,
    },
    stores: [],
    keys: [keyRecord(ids.awsKmsKeyId, 'AWS_KMS')],
    faults: [],
    timing: { connectMs: { AWS_CLOUDHSM: 400, EXTERNAL_KEY_STORE: 300 }, disconnectMs: 200 },
    sequence: 100,
  };
}

/**
 * Builds a world: an empty account, then copies of the given stores and keys (each call a world of
 * its own, which its caller may change), then `breaks` spoils it.
 */
export function world(parts: { stores?: CustomKeyStore[]; keys?: KmsKey[]; breaks?: (w: WorldState) => void }): () => WorldState {
  return () => {
    const w = emptyAccount();
    w.stores.push(...structuredClone(parts.stores ?? []));
    w.keys.push(...structuredClone(parts.keys ?? []));
    parts.breaks?.(w);
    return w;
  };
}

/** The cast's CloudHSM cluster in a world built here (for `breaks` functions). */
export const defaultCluster = (w: WorldState) => w.clusters.find((c) => c.id === ids.clusterId)!;
/** The cast's external key store proxy (public endpoint unless told) in a world built here. */
export const defaultProxy = (w: WorldState, endpoint: string = ids.xksEndpoint) =>
  w.xksProxies.find((p) => p.uriEndpoint === endpoint)!;

/**
 * Shifts the simulated timestamps of stores and keys so that the world's `now` becomes `now`.
 * Not `pending.at`: {@link startingWorld} restarts every pending step anyway.
 */
function rebaseWorld(w: WorldState, now: number): WorldState {
  const delta = now - w.now;
  w.now = now;
  for (const store of w.stores) store.creationDate += delta;
  for (const key of w.keys) {
    key.creationDate += delta;
    if (key.deletionDate !== undefined) key.deletionDate += delta;
  }
  return w;
}

/**
 * What the mock needs of a scenario: the world it starts from and the faults active from the
 * start. The catalog's scenarios have this shape; the mock never looks them up by id.
 */
export interface ScenarioSetup {
  /** The catalog's id, when it has one: the HTTP endpoint names the scenario it resets to. */
  id?: string;
  world: () => WorldState;
  faults: readonly FaultRule[];
}

/**
 * The world a scenario starts from (the default account without one), optionally on other
 * timing, rebased so that its `now` is the caller's. A store caught mid-transition waits for the
 * first request before its transition's full duration starts to run, so a slow start of the
 * reader's code cannot skip past the state the scenario is about.
 */
export function startingWorld(scenario: ScenarioSetup | undefined, now: number, timing?: Timing): WorldState {
  const world = scenario ? scenario.world() : emptyAccount();
  if (scenario) world.faults = scenario.faults.map((fault) => ({ ...fault }));
  if (timing) world.timing = { connectMs: { ...timing.connectMs }, disconnectMs: timing.disconnectMs };
  rebaseWorld(world, now);
  for (const store of world.stores) if (store.pending) store.pending.at = null;
  return world;
}
