/**
 * Actions on the world outside KMS: what an operator does in CloudHSM, in the VPC or on the
 * external key store proxy. They are data (a discriminated union) so that a scenario's fix
 * steps, the playground's World panel and a user's test can all name the same action. Each
 * action is one entry of `WORLD_ACTIONS`: its parameters, its one-line label and its effect.
 */
import { proxyAt } from './backing.ts';
import type {
  CloudHsmCluster,
  ConnectionState,
  KmsKey,
  VpcEndpointService,
  WorldState,
  XksExternalKey,
  XksProxy,
} from './model.ts';
import type { ParameterSpec, ValuesOf } from './parameter-kinds.ts';

export class WorldActionError extends Error {
  override name = 'WorldActionError';
}

interface ActionDefinition<Spec extends ParameterSpec> {
  /** Each parameter and its kind; the action's TypeScript type is inferred from them. */
  params: Spec;
  /** A readable one-line label, for fix steps and the World panel. */
  describe(params: ValuesOf<Spec>): string;
  /** The action breaks something (to watch KMS meet the failure) rather than repairing it. */
  breaks?: true;
  /** Applies the action in place; throws WorldActionError when it names nothing in the world. */
  apply(world: WorldState, params: ValuesOf<Spec>): void;
}

/** Types an entry's two functions from its parameters. */
const define = <const Spec extends ParameterSpec>(definition: ActionDefinition<Spec>) => definition;

/** The cluster with this id, even a DELETED one (a backup of it can still be restored). */
function requireCluster(world: WorldState, clusterId: string): CloudHsmCluster {
  const cluster = world.clusters.find((c) => c.id === clusterId);
  if (!cluster) throw new WorldActionError(`No CloudHSM cluster ${clusterId} in this world.`);
  return cluster;
}

function requireProxy(world: WorldState, uriEndpoint: string): XksProxy {
  const proxy = proxyAt(world, uriEndpoint);
  if (!proxy) throw new WorldActionError(`No external key store proxy at ${uriEndpoint} in this world.`);
  return proxy;
}

function requireKey(world: WorldState, keyId: string): KmsKey {
  const key = world.keys.find((k) => k.keyId === keyId);
  if (!key) throw new WorldActionError(`No KMS key ${keyId} in this world.`);
  return key;
}

function requireExternalKey(world: WorldState, uriEndpoint: string, externalKeyId: string): XksExternalKey {
  const key = requireProxy(world, uriEndpoint).externalKeys.find((k) => k.id === externalKeyId);
  if (!key) throw new WorldActionError(`The key manager behind ${uriEndpoint} has no external key ${externalKeyId}.`);
  return key;
}

function requireEndpointService(world: WorldState, name: string): VpcEndpointService {
  const service = world.vpcEndpointServices.find((s) => s.name === name);
  if (!service) throw new WorldActionError(`No VPC endpoint service ${name} in this world.`);
  return service;
}

/** Connection states in which KMS holds a kmsuser session in the store's cluster. */
const KMS_LOGGED_IN_STATES: readonly ConnectionState[] = ['CONNECTING', 'CONNECTED', 'DISCONNECTING'];

const WORLD_ACTIONS = {
  'add-hsm': define({
    params: { clusterId: 'name', availabilityZone: 'optional-name' },
    describe: (a) => `Add an HSM to ${a.clusterId}${a.availabilityZone ? ` in ${a.availabilityZone}` : ''} (CloudHSM CreateHsm)`,
    apply(world, a) {
      const cluster = requireCluster(world, a.clusterId);
      const usedZones = new Set(cluster.hsms.map((h) => h.availabilityZone));
      const subnet =
        cluster.subnets.find((s) => s.exists && s.availabilityZone === a.availabilityZone) ??
        cluster.subnets.find((s) => s.exists && !usedZones.has(s.availabilityZone)) ??
        cluster.subnets.find((s) => s.exists);
      if (!subnet) throw new WorldActionError(`Cluster ${cluster.id} has no subnet to place an HSM in.`);
      world.sequence += 1;
      cluster.hsms.push({
        id: `hsm-${world.sequence.toString(36).padStart(11, 'a')}`,
        availabilityZone: subnet.availabilityZone,
        subnetId: subnet.id,
      });
    },
  }),
  'remove-all-hsms': define({
    params: { clusterId: 'name' },
    describe: (a) => `Delete every HSM in ${a.clusterId}`,
    breaks: true,
    apply: (world, a) => void (requireCluster(world, a.clusterId).hsms = []),
  }),
  'activate-cluster': define({
    params: { clusterId: 'name' },
    describe: (a) => `Initialize and activate cluster ${a.clusterId}`,
    apply: (world, a) => void (requireCluster(world, a.clusterId).state = 'ACTIVE'),
  }),
  'fix-cluster-security-group': define({
    params: { clusterId: 'name' },
    describe: (a) => `Allow TCP 2223-2225 within the security group of ${a.clusterId}`,
    apply: (world, a) => void (requireCluster(world, a.clusterId).securityGroupValid = true),
  }),
  'free-subnet-addresses': define({
    params: { clusterId: 'name', count: 'optional-count' },
    describe: (a) => `Free IP addresses in the subnets of ${a.clusterId} (remove unused ENIs)`,
    apply(world, a) {
      for (const subnet of requireCluster(world, a.clusterId).subnets)
        subnet.freeAddresses = Math.max(subnet.freeAddresses, a.count ?? 8);
    },
  }),
  'restore-cluster-from-backup': define({
    params: { clusterId: 'name', newClusterId: 'name' },
    describe: (a) => `Create cluster ${a.newClusterId} from the latest backup of ${a.clusterId}`,
    apply(world, a) {
      const source = requireCluster(world, a.clusterId);
      if (world.clusters.some((c) => c.id === a.newClusterId))
        throw new WorldActionError(`Cluster ${a.newClusterId} already exists.`);
      const suffix = a.newClusterId.slice(-8);
      const zones = ['a', 'b'].map((letter) => `${world.region}${letter}`);
      world.clusters.push({
        id: a.newClusterId,
        state: 'ACTIVE',
        subnets: zones.map((zone, i) => ({
          id: `subnet-${suffix}${i}`,
          availabilityZone: zone,
          freeAddresses: 250,
          exists: true,
        })),
        hsms: zones.map((zone, i) => ({ id: `hsm-${suffix}${i}`, availabilityZone: zone, subnetId: `subnet-${suffix}${i}` })),
        securityGroupValid: true,
        trustAnchorCertificate: source.trustAnchorCertificate,
        certificateLineage: source.certificateLineage,
        // A backup carries the crypto users and their passwords, but not a login session.
        kmsUser: { ...source.kmsUser, failedLoginAttempts: 0, lockedOut: false, loggedInElsewhere: false },
        pkcs11SessionsBusyFor: 0,
      });
    },
  }),
  'create-kmsuser': define({
    params: { clusterId: 'name', password: 'secret' },
    describe: (a) => `Create the kmsuser crypto user in ${a.clusterId} with the password ${a.password}`,
    apply(world, a) {
      requireCluster(world, a.clusterId).kmsUser = {
        exists: true,
        password: a.password,
        failedLoginAttempts: 0,
        lockedOut: false,
        loggedInElsewhere: false,
      };
    },
  }),
  'set-kmsuser-password': define({
    params: { clusterId: 'name', password: 'secret' },
    describe: (a) => `Set the kmsuser password in ${a.clusterId} to ${a.password} (cloudhsm_mgmt_util changePswd)`,
    apply(world, a) {
      const user = requireCluster(world, a.clusterId).kmsUser;
      if (!user.exists) throw new WorldActionError(`Cluster ${a.clusterId} has no kmsuser.`);
      // While a store is connected (or on its way in or out) KMS is logged in as kmsuser, which
      // stops anyone changing its password (Developer Guide, "How to log in as kmsuser").
      const loggedInBy = world.stores.find(
        (store) => store.cloudHsmClusterId === a.clusterId && KMS_LOGGED_IN_STATES.includes(store.connectionState),
      );
      if (loggedInBy) {
        throw new WorldActionError(
          `KMS is logged in to ${a.clusterId} as kmsuser while custom key store ${loggedInBy.id} is ${loggedInBy.connectionState}: disconnect the store before changing the kmsuser password.`,
        );
      }
      // changePswd (run by a crypto officer) also clears a lockout.
      Object.assign(user, { password: a.password, failedLoginAttempts: 0, lockedOut: false });
    },
  }),
  'recover-key-material': define({
    params: { keyId: 'name' },
    describe: (a) =>
      `Replicate the key material of KMS key ${a.keyId} back into the cluster as kmsuser (CloudHSM CLI key replicate), from a cluster restored from a backup taken before it was deleted`,
    apply(world, a) {
      requireKey(world, a.keyId).materialPresent = true;
    },
  }),
  'free-pkcs11-sessions': define({
    params: { clusterId: 'name' },
    describe: (a) => `Let the PKCS #11 sessions of ${a.clusterId} free up (lower the request rate, or add HSMs)`,
    apply: (world, a) => void (requireCluster(world, a.clusterId).pkcs11SessionsBusyFor = 0),
  }),
  'log-out-kmsuser': define({
    params: { clusterId: 'name' },
    describe: (a) => `Log kmsuser out of ${a.clusterId}`,
    apply: (world, a) => void (requireCluster(world, a.clusterId).kmsUser.loggedInElsewhere = false),
  }),
  'restore-cloudhsm-network': define({
    params: {},
    describe: () => 'Restore the network path from KMS to the CloudHSM cluster',
    apply: (world) => void (world.network.cloudHsmReachable = true),
  }),
  'break-cloudhsm-network': define({
    params: {},
    describe: () => 'Break the network path from KMS to the CloudHSM cluster',
    breaks: true,
    apply: (world) => void (world.network.cloudHsmReachable = false),
  }),
  'restore-xks-network': define({
    params: {},
    describe: () => 'Restore the network path from KMS to the external key store proxy',
    apply: (world) => void (world.network.xksNetworkErrors = false),
  }),
  'clear-kms-internal-errors': define({
    params: {},
    describe: () => 'Wait for the transient KMS internal error to pass',
    apply: (world) => void (world.network.kmsInternalErrorsOnConnect = 0),
  }),
  'start-proxy': define({
    params: { uriEndpoint: 'name' },
    describe: (a) => `Bring the proxy at ${a.uriEndpoint} and its key manager back up`,
    apply: (world, a) => void Object.assign(requireProxy(world, a.uriEndpoint), { reachable: true, keyManagerAvailable: true }),
  }),
  'set-proxy-latency': define({
    params: { uriEndpoint: 'name', latencyMs: 'milliseconds' },
    describe: (a) => `Bring proxy latency at ${a.uriEndpoint} down to ${a.latencyMs} ms`,
    apply: (world, a) => void (requireProxy(world, a.uriEndpoint).latencyMs = a.latencyMs),
  }),
  'repair-proxy-tls': define({
    params: { uriEndpoint: 'name' },
    describe: (a) => `Install a valid TLS certificate on ${a.uriEndpoint}`,
    apply: (world, a) => void (requireProxy(world, a.uriEndpoint).tlsValid = true),
  }),
  'set-proxy-uri-path': define({
    params: { uriEndpoint: 'name', uriPath: 'name' },
    describe: (a) => `Serve the proxy at ${a.uriEndpoint} under ${a.uriPath}`,
    apply: (world, a) => void (requireProxy(world, a.uriEndpoint).uriPath = a.uriPath),
  }),
  'authorize-kms-on-proxy': define({
    params: { uriEndpoint: 'name' },
    describe: (a) => `Allow KMS in the proxy's authorization rules at ${a.uriEndpoint}`,
    apply: (world, a) => void (requireProxy(world, a.uriEndpoint).authorizesKms = true),
  }),
  'fix-proxy-responses': define({
    params: { uriEndpoint: 'name' },
    describe: (a) => `Upgrade the proxy at ${a.uriEndpoint} to a spec-conforming version`,
    apply: (world, a) => void (requireProxy(world, a.uriEndpoint).responsesValid = true),
  }),
  'restore-external-key': define({
    params: { uriEndpoint: 'name', externalKeyId: 'name' },
    describe: (a) => `Restore external key ${a.externalKeyId} in the key manager behind ${a.uriEndpoint} (from its backup)`,
    apply(world, a) {
      const proxy = requireProxy(world, a.uriEndpoint);
      if (proxy.externalKeys.some((k) => k.id === a.externalKeyId)) return;
      proxy.externalKeys.push({ id: a.externalKeyId, spec: 'AES_256', status: 'ENABLED', usage: ['ENCRYPT', 'DECRYPT'] });
    },
  }),
  'enable-external-key': define({
    params: { uriEndpoint: 'name', externalKeyId: 'name' },
    describe: (a) => `Enable external key ${a.externalKeyId} in the key manager behind ${a.uriEndpoint}`,
    apply: (world, a) => void (requireExternalKey(world, a.uriEndpoint, a.externalKeyId).status = 'ENABLED'),
  }),
  'allow-external-key-usage': define({
    params: { uriEndpoint: 'name', externalKeyId: 'name' },
    describe: (a) => `Allow ENCRYPT and DECRYPT on external key ${a.externalKeyId} behind ${a.uriEndpoint}`,
    apply: (world, a) => void (requireExternalKey(world, a.uriEndpoint, a.externalKeyId).usage = ['ENCRYPT', 'DECRYPT']),
  }),
  'set-proxy-credential': define({
    params: { uriEndpoint: 'name', accessKeyId: 'name', secretAccessKey: 'secret' },
    describe: (a) => `Configure the proxy at ${a.uriEndpoint} to accept access key ${a.accessKeyId}`,
    apply(world, a) {
      requireProxy(world, a.uriEndpoint).credential = { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey };
    },
  }),
  'allow-kms-on-endpoint-service': define({
    params: { serviceName: 'name' },
    describe: (a) => `Add cks.kms.<region>.amazonaws.com to the Allow principals of ${a.serviceName}`,
    apply: (world, a) => void (requireEndpointService(world, a.serviceName).visibleToKms = true),
  }),
  'fix-endpoint-service-configuration': define({
    params: { serviceName: 'name' },
    describe: (a) => `Fix the configuration of VPC endpoint service ${a.serviceName}`,
    apply: (world, a) => void (requireEndpointService(world, a.serviceName).configurationValid = true),
  }),
};

type WorldActionType = keyof typeof WORLD_ACTIONS;

/** One out-of-KMS action: `{ type: 'log-out-kmsuser', clusterId }`, `{ type: 'repair-proxy-tls', uriEndpoint }`, … */
export type WorldAction = {
  [Type in WorldActionType]: { type: Type } & ValuesOf<(typeof WORLD_ACTIONS)[Type]['params']>;
}[WorldActionType];

/** The world action types, in table order (for help texts and error messages). */
export const WORLD_ACTION_TYPES = Object.keys(WORLD_ACTIONS) as readonly WorldActionType[];

export const isWorldActionType = (type: unknown): type is WorldActionType =>
  typeof type === 'string' && Object.hasOwn(WORLD_ACTIONS, type);

/** The parameters of one action type and their kinds (a CLI maps `--cluster-id` to `clusterId`). */
export function worldActionParams(type: WorldActionType): ParameterSpec {
  return WORLD_ACTIONS[type].params;
}

/** The entry of an action's type, typed for the action itself. */
function definitionOf(action: WorldAction): {
  describe(action: WorldAction): string;
  breaks?: true;
  apply(world: WorldState, action: WorldAction): void;
} {
  // Actions arrive as data (share links, the control API, user tests): say which types exist.
  if (!isWorldActionType(action.type))
    throw new WorldActionError(`Unknown world action "${String(action.type)}". Known actions: ${WORLD_ACTION_TYPES.join(', ')}.`);
  // Every entry takes the parameters of its own type, and `action` is of that type.
  return WORLD_ACTIONS[action.type] as unknown as ReturnType<typeof definitionOf>;
}

/** A readable one-line label for an action, for fix steps and the World panel. */
export function describeWorldAction(action: WorldAction): string {
  return definitionOf(action).describe(action);
}

/** The action breaks something in the world rather than repairing it. */
export function breaksWorld(action: WorldAction): boolean {
  return definitionOf(action).breaks === true;
}

/** Applies an action in place. Throws {@link WorldActionError} when it names nothing in the world. */
export function applyWorldAction(world: WorldState, action: WorldAction): void {
  definitionOf(action).apply(world, action);
}
