/**
 * The state diagram the Reference page draws (STATE_TRANSITIONS) against the engine: a run
 * through the real SDK takes every edge of the diagram and no other, and `transition` refuses
 * an edge that is not in the table.
 */
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DeleteCustomKeyStoreCommand,
  DisconnectCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import type { KmsMock } from 'kms-custom-key-store-mock';
import {
  CONNECTION_STATES,
  STATE_TRANSITIONS,
  WORLD_IDS as ids,
  cloudHsmStore,
  emptyAccount,
  type ConnectionState,
  type CustomKeyStore,
  type WorldState,
} from 'kms-custom-key-store-mock/core';
import { transition, type StoreEvent } from 'kms-custom-key-store-mock/testing';
import { useMockBehindMsw } from '../../support/mock-behind-msw';
import { frozenClock } from '../../support/mock-options';

const kit = useMockBehindMsw();

const edgeName = (from: string, to: string) => `${from} → ${to}`;
const DIAGRAM_EDGES = new Set(STATE_TRANSITIONS.map((edge) => edgeName(edge.from, edge.to)));

const statesOf = (world: WorldState) => new Map(world.stores.map((store) => [store.id, store.connectionState]));

/** Names each move of a store in the worlds the mock reports, e.g. `CONNECTING → FAILED`. */
function recordEdges(mock: KmsMock): string[] {
  const taken: string[] = [];
  let before = statesOf(mock.snapshot());
  mock.subscribe((event) => {
    if (event.type !== 'world') return;
    const after = statesOf(event.world);
    for (const [id, state] of after) if (before.get(id) !== state) taken.push(edgeName(before.get(id) ?? 'created', state));
    for (const [id, state] of before) if (!after.has(id)) taken.push(edgeName(state, 'deleted'));
    before = after;
  });
  return taken;
}

describe('the state diagram and the engine', () => {
  it('a store lifecycle through the SDK takes every edge of STATE_TRANSITIONS, and no other', async () => {
    const { client, mock } = kit.start({ clock: frozenClock() });
    const cluster = mock.snapshot().clusters.find((c) => c.id === ids.clusterId)!;
    const taken = recordEdges(mock);
    const { CustomKeyStoreId } = await client.send(
      new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: 'diagram-walk',
        CloudHsmClusterId: cluster.id,
        TrustAnchorCertificate: cluster.trustAnchorCertificate,
        KeyStorePassword: ids.kmsUserPassword,
      }),
    );
    const store = { CustomKeyStoreId: CustomKeyStoreId! };
    const connect = () => client.send(new ConnectCustomKeyStoreCommand(store));
    const disconnect = () => client.send(new DisconnectCustomKeyStoreCommand(store));
    // The clock is frozen: asynchronous edges are taken only when time is made to pass.
    const letKmsFinish = () => mock.advanceTime(60_000);

    await connect();
    letKmsFinish(); // CONNECTING → CONNECTED
    await disconnect();
    letKmsFinish(); // DISCONNECTING → DISCONNECTED
    await connect();
    await disconnect(); // CONNECTING → DISCONNECTING
    letKmsFinish();
    mock.act({ type: 'remove-all-hsms', clusterId: cluster.id });
    await connect();
    letKmsFinish(); // CONNECTING → FAILED
    await disconnect(); // FAILED → DISCONNECTING
    letKmsFinish();
    await client.send(new DeleteCustomKeyStoreCommand(store));

    expect(new Set(taken)).toEqual(DIAGRAM_EDGES);
  });
});

describe('transition', () => {
  const EVENTS = [...new Set(STATE_TRANSITIONS.map((edge) => edge.event))];
  const change = () => ({ world: emptyAccount(), now: () => 0 });
  const move = (store: CustomKeyStore, event: StoreEvent) =>
    event === 'connection fails' ? transition(change(), store, event, 'NETWORK_ERRORS') : transition(change(), store, event);

  it('moves a store along an edge of the table; ConnectionErrorCode goes with FAILED only', () => {
    const store = cloudHsmStore('CONNECTING');
    transition(change(), store, 'connection fails', 'NETWORK_ERRORS');
    expect(store).toMatchObject({ connectionState: 'FAILED', connectionErrorCode: 'NETWORK_ERRORS' });
    transition(change(), store, 'DisconnectCustomKeyStore');
    expect(store.connectionState).toBe('DISCONNECTING');
    expect(store).not.toHaveProperty('connectionErrorCode');
  });

  it('schedules the end of the step KMS takes by itself after every edge into CONNECTING or DISCONNECTING, and no other', () => {
    const world = emptyAccount();
    const now = world.now;
    const storeEdges = STATE_TRANSITIONS.filter((edge) => edge.from !== 'created' && edge.to !== 'deleted');
    for (const edge of storeEdges) {
      const store: CustomKeyStore = { ...cloudHsmStore(edge.from as ConnectionState), pending: { kind: 'connect', at: now - 1 } };
      const context = { world, now: () => now };
      if (edge.event === 'connection fails') transition(context, store, edge.event, 'NETWORK_ERRORS');
      else transition(context, store, edge.event);
      const leftByKms = STATE_TRANSITIONS.some((next) => next.from === edge.to && next.asynchronous);
      const duration = edge.to === 'CONNECTING' ? world.timing.connectMs.AWS_CLOUDHSM : world.timing.disconnectMs;
      expect(store.pending, `${edge.from} → ${edge.to}`).toEqual(
        leftByKms ? { kind: edge.to === 'CONNECTING' ? 'connect' : 'disconnect', at: now + duration } : undefined,
      );
    }
    expect(storeEdges.filter((edge) => edge.to === 'CONNECTING' || edge.to === 'DISCONNECTING')).toHaveLength(4);
  });

  it('refuses every edge that is not in the table and leaves the store as it was', () => {
    const refused = CONNECTION_STATES.flatMap((state) =>
      EVENTS.filter((event) => !STATE_TRANSITIONS.some((edge) => edge.from === state && edge.event === event)).map((event) => ({
        state,
        event,
      })),
    );
    expect(refused).toContainEqual({ state: 'CONNECTED', event: 'ConnectCustomKeyStore' });
    for (const { state, event } of refused) {
      const store = cloudHsmStore(state);
      expect(() => move(store, event), `${event} from ${state}`).toThrow(`has no ${event} edge out of ${state}`);
      expect(store).toEqual(cloudHsmStore(state));
    }
  });
});
