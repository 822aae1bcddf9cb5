/**
 * Actions on the world outside KMS: what an operator does in CloudHSM, in the VPC or on the
 * external key store proxy. They are data (a discriminated union) so that a scenario's fix
 * steps, the playground's World panel and a user's test can all name the same action.
 */
import type { CloudHsmCluster, WorldState, XksProxy } from './model';

export type WorldAction =
  | { type: 'add-hsm'; clusterId: string; availabilityZone?: string }
  | { type: 'remove-all-hsms'; clusterId: string }
  | { type: 'activate-cluster'; clusterId: string }
  | { type: 'fix-cluster-security-group'; clusterId: string }
  | { type: 'free-subnet-addresses'; clusterId: string; count?: number }
  | { type: 'restore-cluster-from-backup'; clusterId: string; newClusterId: string }
  | { type: 'create-kmsuser'; clusterId: string; password: string }
  | { type: 'set-kmsuser-password'; clusterId: string; password: string }
  | { type: 'log-out-kmsuser'; clusterId: string }
  | { type: 'restore-cloudhsm-network' }
  | { type: 'break-cloudhsm-network' }
  | { type: 'restore-xks-network' }
  | { type: 'clear-kms-internal-errors' }
  | { type: 'start-proxy'; uriEndpoint: string }
  | { type: 'set-proxy-latency'; uriEndpoint: string; latencyMs: number }
  | { type: 'repair-proxy-tls'; uriEndpoint: string }
  | { type: 'set-proxy-uri-path'; uriEndpoint: string; uriPath: string }
  | { type: 'authorize-kms-on-proxy'; uriEndpoint: string }
  | { type: 'fix-proxy-responses'; uriEndpoint: string }
  | {
      type: 'set-proxy-credential';
      uriEndpoint: string;
      accessKeyId: string;
      secretAccessKey: string;
    }
  | { type: 'allow-kms-on-endpoint-service'; serviceName: string }
  | { type: 'fix-endpoint-service-configuration'; serviceName: string };

export type WorldActionType = WorldAction['type'];

/** A readable one-line label for an action, for fix steps and the World panel. */
export function describeWorldAction(action: WorldAction): string {
  switch (action.type) {
    case 'add-hsm':
      return `Add an HSM to ${action.clusterId}${action.availabilityZone ? ` in ${action.availabilityZone}` : ''} (CloudHSM CreateHsm)`;
    case 'remove-all-hsms':
      return `Delete every HSM in ${action.clusterId}`;
    case 'activate-cluster':
      return `Initialize and activate cluster ${action.clusterId}`;
    case 'fix-cluster-security-group':
      return `Allow TCP 2223-2225 within the security group of ${action.clusterId}`;
    case 'free-subnet-addresses':
      return `Free IP addresses in the subnets of ${action.clusterId} (remove unused ENIs)`;
    case 'restore-cluster-from-backup':
      return `Create cluster ${action.newClusterId} from the latest backup of ${action.clusterId}`;
    case 'create-kmsuser':
      return `Create the kmsuser crypto user in ${action.clusterId}`;
    case 'set-kmsuser-password':
      return `Set the kmsuser password in ${action.clusterId} (cloudhsm_mgmt_util changePswd)`;
    case 'log-out-kmsuser':
      return `Log kmsuser out of ${action.clusterId}`;
    case 'restore-cloudhsm-network':
      return 'Restore the network path from KMS to the CloudHSM cluster';
    case 'break-cloudhsm-network':
      return 'Break the network path from KMS to the CloudHSM cluster';
    case 'restore-xks-network':
      return 'Restore the network path from KMS to the external key store proxy';
    case 'clear-kms-internal-errors':
      return 'Wait for the transient KMS internal error to pass';
    case 'start-proxy':
      return `Bring the proxy at ${action.uriEndpoint} and its key manager back up`;
    case 'set-proxy-latency':
      return `Bring proxy latency at ${action.uriEndpoint} down to ${action.latencyMs} ms`;
    case 'repair-proxy-tls':
      return `Install a valid TLS certificate on ${action.uriEndpoint}`;
    case 'set-proxy-uri-path':
      return `Serve the proxy at ${action.uriEndpoint} under ${action.uriPath}`;
    case 'authorize-kms-on-proxy':
      return `Allow KMS in the proxy's authorization rules at ${action.uriEndpoint}`;
    case 'fix-proxy-responses':
      return `Upgrade the proxy at ${action.uriEndpoint} to a spec-conforming version`;
    case 'set-proxy-credential':
      return `Configure the proxy at ${action.uriEndpoint} to accept access key ${action.accessKeyId}`;
    case 'allow-kms-on-endpoint-service':
      return `Add cks.kms.<region>.amazonaws.com to the Allow principals of ${action.serviceName}`;
    case 'fix-endpoint-service-configuration':
      return `Fix the configuration of VPC endpoint service ${action.serviceName}`;
  }
}

export class WorldActionError extends Error {
  override name = 'WorldActionError';
}

function clusterOf(world: WorldState, clusterId: string): CloudHsmCluster {
  const cluster = world.clusters.find((c) => c.id === clusterId);
  if (!cluster) throw new WorldActionError(`No CloudHSM cluster ${clusterId} in this world.`);
  return cluster;
}

function proxyOf(world: WorldState, uriEndpoint: string): XksProxy {
  const proxy = world.xksProxies.find((p) => p.uriEndpoint === uriEndpoint);
  if (!proxy) throw new WorldActionError(`No external key store proxy at ${uriEndpoint} in this world.`);
  return proxy;
}

function endpointServiceOf(world: WorldState, name: string) {
  const service = world.vpcEndpointServices.find((s) => s.name === name);
  if (!service) throw new WorldActionError(`No VPC endpoint service ${name} in this world.`);
  return service;
}

/** Applies an action in place. Throws {@link WorldActionError} when it names nothing in the world. */
export function applyWorldAction(world: WorldState, action: WorldAction): void {
  switch (action.type) {
    case 'add-hsm': {
      const cluster = clusterOf(world, action.clusterId);
      const usedZones = new Set(cluster.hsms.map((h) => h.availabilityZone));
      const subnet =
        cluster.subnets.find((s) => s.exists && s.availabilityZone === action.availabilityZone) ??
        cluster.subnets.find((s) => s.exists && !usedZones.has(s.availabilityZone)) ??
        cluster.subnets.find((s) => s.exists);
      if (!subnet) throw new WorldActionError(`Cluster ${cluster.id} has no subnet to place an HSM in.`);
      world.sequence += 1;
      cluster.hsms.push({
        id: `hsm-${world.sequence.toString(36).padStart(11, 'a')}`,
        availabilityZone: subnet.availabilityZone,
        subnetId: subnet.id,
      });
      return;
    }
    case 'remove-all-hsms':
      clusterOf(world, action.clusterId).hsms = [];
      return;
    case 'activate-cluster':
      clusterOf(world, action.clusterId).state = 'ACTIVE';
      return;
    case 'fix-cluster-security-group':
      clusterOf(world, action.clusterId).securityGroupValid = true;
      return;
    case 'free-subnet-addresses':
      for (const subnet of clusterOf(world, action.clusterId).subnets) {
        subnet.freeAddresses = Math.max(subnet.freeAddresses, action.count ?? 8);
      }
      return;
    case 'restore-cluster-from-backup': {
      const source = clusterOf(world, action.clusterId);
      if (world.clusters.some((c) => c.id === action.newClusterId)) {
        throw new WorldActionError(`Cluster ${action.newClusterId} already exists.`);
      }
      const zones = ['a', 'b'].map((suffix) => `${world.region}${suffix}`);
      world.clusters.push({
        id: action.newClusterId,
        state: 'ACTIVE',
        subnets: zones.map((zone, i) => ({
          id: `subnet-${action.newClusterId.slice(-8)}${i}`,
          availabilityZone: zone,
          freeAddresses: 250,
          exists: true,
        })),
        hsms: zones.map((zone, i) => ({
          id: `hsm-${action.newClusterId.slice(-8)}${i}`,
          availabilityZone: zone,
          subnetId: `subnet-${action.newClusterId.slice(-8)}${i}`,
        })),
        securityGroupValid: true,
        trustAnchorCertificate: source.trustAnchorCertificate,
        certificateLineage: source.certificateLineage,
        // A backup carries the crypto users and their passwords, but not a login session.
        kmsUser: { ...source.kmsUser, failedLoginAttempts: 0, lockedOut: false, loggedInElsewhere: false },
      });
      return;
    }
    case 'create-kmsuser': {
      const cluster = clusterOf(world, action.clusterId);
      cluster.kmsUser = {
        exists: true,
        password: action.password,
        failedLoginAttempts: 0,
        lockedOut: false,
        loggedInElsewhere: false,
      };
      return;
    }
    case 'set-kmsuser-password': {
      const user = clusterOf(world, action.clusterId).kmsUser;
      if (!user.exists) throw new WorldActionError(`Cluster ${action.clusterId} has no kmsuser.`);
      // changePswd (run by a crypto officer) also clears a lockout.
      user.password = action.password;
      user.failedLoginAttempts = 0;
      user.lockedOut = false;
      return;
    }
    case 'log-out-kmsuser':
      clusterOf(world, action.clusterId).kmsUser.loggedInElsewhere = false;
      return;
    case 'restore-cloudhsm-network':
      world.network.cloudHsmReachable = true;
      return;
    case 'break-cloudhsm-network':
      world.network.cloudHsmReachable = false;
      return;
    case 'restore-xks-network':
      world.network.xksNetworkErrors = false;
      return;
    case 'clear-kms-internal-errors':
      world.network.kmsInternalErrorsOnConnect = 0;
      return;
    case 'start-proxy': {
      const proxy = proxyOf(world, action.uriEndpoint);
      proxy.reachable = true;
      proxy.keyManagerAvailable = true;
      return;
    }
    case 'set-proxy-latency':
      proxyOf(world, action.uriEndpoint).latencyMs = action.latencyMs;
      return;
    case 'repair-proxy-tls':
      proxyOf(world, action.uriEndpoint).tlsValid = true;
      return;
    case 'set-proxy-uri-path':
      proxyOf(world, action.uriEndpoint).uriPath = action.uriPath;
      return;
    case 'authorize-kms-on-proxy':
      proxyOf(world, action.uriEndpoint).authorizesKms = true;
      return;
    case 'fix-proxy-responses':
      proxyOf(world, action.uriEndpoint).responsesValid = true;
      return;
    case 'set-proxy-credential':
      proxyOf(world, action.uriEndpoint).credential = {
        accessKeyId: action.accessKeyId,
        secretAccessKey: action.secretAccessKey,
      };
      return;
    case 'allow-kms-on-endpoint-service':
      endpointServiceOf(world, action.serviceName).visibleToKms = true;
      return;
    case 'fix-endpoint-service-configuration':
      endpointServiceOf(world, action.serviceName).configurationValid = true;
      return;
  }
}
