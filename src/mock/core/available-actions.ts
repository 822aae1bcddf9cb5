/**
 * The out-of-KMS actions that would change something in a world right now: what a UI offers
 * as repairs (plus breaking the CloudHSM network, to watch a CONNECTED store fail in place).
 */
import type { WorldState } from './model';
import type { WorldAction } from './world-actions';

const hostOf = (endpoint: string) => endpoint.replace(/^https:\/\//, '').toLowerCase();

export function availableActions(world: WorldState): WorldAction[] {
  const actions: WorldAction[] = [];
  for (const cluster of world.clusters) {
    const clusterId = cluster.id;
    const stores = world.stores.filter((s) => s.cloudHsmClusterId === clusterId);
    if (cluster.state === 'DELETED' || cluster.subnets.some((s) => !s.exists)) {
      const newClusterId = `cluster-rst${clusterId.slice(-8)}`;
      if (!world.clusters.some((c) => c.id === newClusterId)) actions.push({ type: 'restore-cluster-from-backup', clusterId, newClusterId });
      continue;
    }
    if (cluster.state !== 'ACTIVE') actions.push({ type: 'activate-cluster', clusterId });
    if (cluster.hsms.length < 2) actions.push({ type: 'add-hsm', clusterId });
    if (cluster.subnets.some((s) => s.freeAddresses < 1)) actions.push({ type: 'free-subnet-addresses', clusterId });
    if (!cluster.securityGroupValid) actions.push({ type: 'fix-cluster-security-group', clusterId });
    const user = cluster.kmsUser;
    const knownPassword = stores.find((s) => s.keyStorePassword)?.keyStorePassword;
    if (!user.exists) actions.push({ type: 'create-kmsuser', clusterId, password: knownPassword ?? 'kmsPswd-new1' });
    else {
      // Setting kmsuser's password to the one KMS holds fixes a mismatch and ends a lockout.
      if (knownPassword && (user.lockedOut || user.password !== knownPassword)) {
        actions.push({ type: 'set-kmsuser-password', clusterId, password: knownPassword });
      }
      if (user.loggedInElsewhere) actions.push({ type: 'log-out-kmsuser', clusterId });
    }
  }
  const hasCloudHsmStore = world.stores.some((s) => s.type === 'AWS_CLOUDHSM');
  if (!world.network.cloudHsmReachable) actions.push({ type: 'restore-cloudhsm-network' });
  else if (hasCloudHsmStore) actions.push({ type: 'break-cloudhsm-network' });
  if (world.network.xksNetworkErrors) actions.push({ type: 'restore-xks-network' });
  if (world.network.kmsInternalErrorsOnConnect > 0) actions.push({ type: 'clear-kms-internal-errors' });

  for (const proxy of world.xksProxies) {
    const uriEndpoint = proxy.uriEndpoint;
    const stores = world.stores.filter((s) => s.xks && hostOf(s.xks.uriEndpoint) === hostOf(uriEndpoint));
    if (stores.length === 0) continue;
    if (!proxy.reachable || !proxy.keyManagerAvailable) actions.push({ type: 'start-proxy', uriEndpoint });
    if (proxy.latencyMs > 250) actions.push({ type: 'set-proxy-latency', uriEndpoint, latencyMs: 40 });
    if (!proxy.tlsValid) actions.push({ type: 'repair-proxy-tls', uriEndpoint });
    if (!proxy.authorizesKms) actions.push({ type: 'authorize-kms-on-proxy', uriEndpoint });
    if (!proxy.responsesValid) actions.push({ type: 'fix-proxy-responses', uriEndpoint });
    const settings = stores[0]!.xks!;
    if (proxy.uriPath !== settings.uriPath) actions.push({ type: 'set-proxy-uri-path', uriEndpoint, uriPath: settings.uriPath });
    if (proxy.credential.accessKeyId !== settings.accessKeyId || proxy.credential.secretAccessKey !== settings.secretAccessKey) {
      actions.push({ type: 'set-proxy-credential', uriEndpoint, accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey });
    }
  }
  for (const service of world.vpcEndpointServices) {
    if (!world.stores.some((s) => s.xks?.vpcEndpointServiceName === service.name)) continue;
    if (!service.visibleToKms) actions.push({ type: 'allow-kms-on-endpoint-service', serviceName: service.name });
    if (!service.configurationValid) actions.push({ type: 'fix-endpoint-service-configuration', serviceName: service.name });
  }
  return actions;
}
