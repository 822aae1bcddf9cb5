/**
 * What the World panel shows, as plain data: each custom key store with its connection state,
 * the facts about its backing cluster or proxy (one line per row of the mock's backing-store
 * problem table), what the next connection attempt would end in, and its keys as KMS reports them.
 */
import {
  describeStoreBacking,
  effectiveKeyState,
  nextConnectOutcome,
  visibleStore,
  type ConnectionErrorCode,
  type ConnectionState,
  type CustomKeyStore,
  type KeyState,
  type WorldState,
} from 'kms-custom-key-store-mock/core';

interface Fact {
  text: string;
  ok: boolean;
}

export interface StoreView {
  id: string;
  name: string;
  typeLabel: string;
  state: ConnectionState;
  errorCode?: ConnectionErrorCode;
  /** What KMS may still report instead of `state`, while a change has not reached every reader (eventual consistency). */
  reportedState?: ConnectionState;
  backing: { title: string; facts: Fact[] };
  /** What ConnectCustomKeyStore would end in if it ran against the world as it is now. */
  nextConnect: ConnectionErrorCode | 'CONNECTED';
  keys: Array<{ id: string; state: KeyState }>;
}

export interface WorldSummary {
  stores: StoreView[];
  /** Keys outside custom key stores (the ordinary AWS_KMS key). */
  otherKeys: Array<{ id: string; state: KeyState }>;
}

export function describeWorld(world: WorldState): WorldSummary {
  return {
    stores: world.stores.map((store) => describeStore(world, store)),
    otherKeys: world.keys.filter((k) => !k.customKeyStoreId).map((k) => ({ id: k.keyId, state: effectiveKeyState(world, k) })),
  };
}

function describeStore(world: WorldState, store: CustomKeyStore): StoreView {
  const cloudHsm = store.type === 'AWS_CLOUDHSM';
  const reported = visibleStore(store, world.now).connectionState;
  return {
    id: store.id,
    name: store.name,
    typeLabel: cloudHsm ? 'AWS CloudHSM key store' : 'External key store',
    state: store.connectionState,
    ...(store.connectionErrorCode ? { errorCode: store.connectionErrorCode } : {}),
    ...(reported !== store.connectionState ? { reportedState: reported } : {}),
    backing: {
      title: cloudHsm
        ? `CloudHSM cluster ${store.cloudHsmClusterId ?? '(none)'}`
        : `XKS proxy ${store.xks?.uriEndpoint ?? '(none)'}${store.xks?.uriPath ?? ''}`,
      facts: describeStoreBacking(world, store),
    },
    nextConnect: nextConnectOutcome(world, store) ?? 'CONNECTED',
    keys: world.keys
      .filter((k) => k.customKeyStoreId === store.id)
      .map((k) => ({ id: k.keyId, state: effectiveKeyState(world, k) })),
  };
}
