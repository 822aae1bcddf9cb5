/**
 * The out-of-KMS actions that would change something in a world right now: the repairs the
 * backing-store problem table offers for every cluster and every store's proxy, plus breaking
 * the CloudHSM network, to watch a CONNECTED store fail in place.
 */
import { cloudHsmSubject, repairsFor, xksSubject } from './backing';
import type { WorldState } from './model';
import type { WorldAction } from './world-actions';

export function availableActions(world: WorldState): WorldAction[] {
  const passwordFor = (clusterId: string) => world.stores.find((s) => s.cloudHsmClusterId === clusterId && s.keyStorePassword)?.keyStorePassword;
  const clusterRepairs = world.clusters.flatMap((cluster) => repairsFor(cloudHsmSubject(world, cluster.id, passwordFor(cluster.id))));
  const proxyRepairs = world.stores.flatMap((store) => (store.xks ? repairsFor(xksSubject(world, store.xks)) : []));
  const whatIf: WorldAction[] =
    world.network.cloudHsmReachable && world.stores.some((s) => s.type === 'AWS_CLOUDHSM') ? [{ type: 'break-cloudhsm-network' }] : [];
  const seen = new Set<string>();
  return [...clusterRepairs, ...whatIf, ...proxyRepairs].filter((action) => {
    const key = JSON.stringify(action);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
