/**
 * The out-of-KMS actions that would change something in a world right now: the repairs the
 * backing-store problem table offers for every cluster and every store's proxy, plus breaking
 * the CloudHSM network, to watch a CONNECTED store fail in place, plus any of `candidates` (say, a
 * scenario's own fix steps) that would apply now and change something. A candidate is needed when
 * the step is not a repair of a problem, such as changing kmsuser's password once the store is
 * disconnected.
 */
import { cloudHsmSubject, nextConnectFailure, proxyAt, repairsFor, xksSubject } from './backing.ts';
import type { CustomKeyStore, WorldState } from './model.ts';
import { applyWorldAction, describeWorldAction, WorldActionError, type WorldAction } from './world-actions.ts';

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
  const passwordFor = (clusterId: string) =>
    world.stores.find((s) => s.cloudHsmClusterId === clusterId && s.keyStorePassword)?.keyStorePassword;
  const clusterRepairs = world.clusters.flatMap((cluster) =>
    repairsFor(cloudHsmSubject(world, cluster.id, passwordFor(cluster.id))),
  );
  const proxyRepairs = world.stores.flatMap((store) => (store.xks ? repairsFor(xksSubject(world, store.xks)) : []));
  const whatIf: WorldAction[] =
    world.network.cloudHsmReachable && world.stores.some((s) => s.type === 'AWS_CLOUDHSM')
      ? [{ type: 'break-cloudhsm-network' }]
      : [];
  const applicable = candidates.filter((action) => changesWorld(world, action));
  return [...clusterRepairs, ...whatIf, ...proxyRepairs, ...applicable].filter(
    (action, index, all) => all.findIndex((other) => sameAction(other, action)) === index,
  );
}

/** An offered action as the World panel words it: what it does, and what it leaves for KMS. */
export interface ActionOffer {
  label: string;
  /**
   * How the next connection attempt of each store it changes would end afterwards, and the KMS
   * call still needed when the action alone does not clear the problem. Absent when it changes none.
   */
  then?: string;
}

const sameAction = (a: WorldAction, b: WorldAction) => JSON.stringify(a) === JSON.stringify(b);

/** The action names the cluster, proxy, endpoint service or one of the keys behind this store. */
function concernsStore(world: WorldState, store: CustomKeyStore, action: WorldAction): boolean {
  if ('clusterId' in action) return action.clusterId === store.cloudHsmClusterId;
  if ('uriEndpoint' in action)
    return store.xks !== undefined && proxyAt(world, action.uriEndpoint) === proxyAt(world, store.xks.uriEndpoint);
  if ('serviceName' in action) return action.serviceName === store.xks?.vpcEndpointServiceName;
  if ('keyId' in action) return world.keys.some((key) => key.keyId === action.keyId && key.customKeyStoreId === store.id);
  return false;
}

export function describeOffer(world: WorldState, action: WorldAction): ActionOffer {
  const label = describeWorldAction(action);
  const after = structuredClone(world);
  try {
    applyWorldAction(after, action);
  } catch (error) {
    // A repair the table offers can be refused right now (kmsuser's password while KMS is logged in).
    if (error instanceof WorldActionError) return { label, then: `Not possible right now: ${error.message}` };
    throw error;
  }
  const consequences = after.stores.flatMap((store) => {
    const failure = nextConnectFailure(after, store);
    const before = world.stores.find((s) => s.id === store.id);
    const changed = !before || nextConnectFailure(world, before)?.code !== failure?.code;
    if (!changed && !concernsStore(world, store, action)) return [];
    // A FAILED store must be disconnected before KMS tries again: say so, or "connects" promises too much.
    const afterDisconnect = store.connectionState === 'FAILED' ? ' once disconnected' : '';
    if (!failure) return changed ? [`${store.id} connects${afterDisconnect}`] : [];
    const until = failure.thenInKms ? ` until you call ${failure.thenInKms}` : '';
    return [`connecting ${store.id}${afterDisconnect} fails with ${failure.code}${until}`];
  });
  return consequences.length ? { label, then: `Then ${consequences.join('; ')}.` } : { label };
}
