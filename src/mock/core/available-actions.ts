/**
 * The out-of-KMS actions that would change something in a world right now: the repairs the
 * backing-store problem table offers for every cluster and every store's proxy, plus breaking
 * the CloudHSM network, to watch a CONNECTED store fail in place, plus any of `candidates` (say, a
 * scenario's own fix steps) that would apply now and change something. A candidate is needed when
 * the step is not a repair of a problem, such as changing kmsuser's password once the store is
 * disconnected.
 */
import { cloudHsmSubject, repairsFor, xksSubject } from './backing.ts';
import type { WorldState } from './model.ts';
import { applyWorldAction, WorldActionError, type WorldAction } from './world-actions.ts';

/** The action applies to `world` without error and changes it. */
function changesWorld(world: WorldState, action: WorldAction): boolean {
  const trial = structuredClone(world);
  try {
    applyWorldAction(trial, action);
  } catch (error) {
    if (error instanceof WorldActionError) return false;
    throw error;
  }
  return JSON.stringify(trial) !== JSON.stringify(world);
}

export function availableActions(world: WorldState, candidates: readonly WorldAction[] = []): WorldAction[] {
  const passwordFor = (clusterId: string) => world.stores.find((s) => s.cloudHsmClusterId === clusterId && s.keyStorePassword)?.keyStorePassword;
  const clusterRepairs = world.clusters.flatMap((cluster) => repairsFor(cloudHsmSubject(world, cluster.id, passwordFor(cluster.id))));
  const proxyRepairs = world.stores.flatMap((store) => (store.xks ? repairsFor(xksSubject(world, store.xks)) : []));
  const whatIf: WorldAction[] =
    world.network.cloudHsmReachable && world.stores.some((s) => s.type === 'AWS_CLOUDHSM') ? [{ type: 'break-cloudhsm-network' }] : [];
  const seen = new Set<string>();
  const applicable = candidates.filter((action) => changesWorld(world, action));
  return [...clusterRepairs, ...whatIf, ...proxyRepairs, ...applicable].filter((action) => {
    const key = JSON.stringify(action);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
