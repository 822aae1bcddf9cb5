/**
 * Every operation × ConnectionState cell, as the KMS API reference and Developer Guide give it, through the real SDK.
 * The expectations are written out here independently of the mock's own transition table, so
 * a mistake in that table fails this test.
 */
import { CustomKeyStoreInvalidStateException } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import {
  type ConnectionState,
  type CustomKeyStoreType,
  WORLD_IDS as ids,
  cloudHsmStore,
  emptyAccount,
  xksStore,
} from 'kms-custom-key-store-mock/core';
import { send } from 'kms-custom-key-store-mock/driver';
import { caught } from '../../support/kms-client';
import { useMockBehindMsw } from '../../support/mock-behind-msw';

const kit = useMockBehindMsw();
const STATES: ConnectionState[] = ['CONNECTED', 'CONNECTING', 'DISCONNECTED', 'DISCONNECTING', 'FAILED'];

/** A world holding one store of `type` in `state`; transient states last a minute. */
function worldWith(type: CustomKeyStoreType, state: ConnectionState) {
  const world = emptyAccount();
  world.now = Date.now();
  world.timing = { connectMs: { AWS_CLOUDHSM: 60_000, EXTERNAL_KEY_STORE: 60_000 }, disconnectMs: 60_000 };
  const store =
    type === 'AWS_CLOUDHSM' ? cloudHsmStore(state, state === 'FAILED' ? 'NETWORK_ERRORS' : undefined) : xksStore(state);
  if (state === 'CONNECTING') store.pending = { kind: 'connect', at: world.now + 60_000 };
  if (state === 'DISCONNECTING') store.pending = { kind: 'disconnect', at: world.now + 60_000 };
  world.stores.push(store);
  return world;
}

interface Cell {
  operation: string;
  input: (storeId: string) => Record<string, unknown>;
  /** States in which the call throws CustomKeyStoreInvalidStateException. */
  throwsIn: ConnectionState[];
}

const CLOUDHSM_CELLS: Cell[] = [
  { operation: 'ConnectCustomKeyStore', input: (id) => ({ CustomKeyStoreId: id }), throwsIn: ['DISCONNECTING', 'FAILED'] },
  {
    operation: 'DisconnectCustomKeyStore',
    input: (id) => ({ CustomKeyStoreId: id }),
    throwsIn: ['DISCONNECTING', 'DISCONNECTED'],
  },
  {
    operation: 'CreateKey',
    input: (id) => ({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: id }),
    throwsIn: ['DISCONNECTED', 'CONNECTING', 'DISCONNECTING', 'FAILED'],
  },
  {
    operation: 'UpdateCustomKeyStore',
    input: (id) => ({ CustomKeyStoreId: id, NewCustomKeyStoreName: 'renamed-store' }),
    throwsIn: ['CONNECTING', 'DISCONNECTING', 'FAILED'],
  },
  {
    operation: 'UpdateCustomKeyStore',
    input: (id) => ({ CustomKeyStoreId: id, KeyStorePassword: ids.kmsUserPassword }),
    throwsIn: ['CONNECTED', 'CONNECTING', 'DISCONNECTING', 'FAILED'],
  },
  {
    operation: 'DeleteCustomKeyStore',
    input: (id) => ({ CustomKeyStoreId: id }),
    throwsIn: ['CONNECTED', 'CONNECTING', 'DISCONNECTING', 'FAILED'],
  },
  {
    operation: 'GenerateRandom',
    input: (id) => ({ NumberOfBytes: 16, CustomKeyStoreId: id }),
    throwsIn: ['DISCONNECTED', 'CONNECTING', 'DISCONNECTING', 'FAILED'],
  },
];

const XKS_CELLS: Cell[] = [
  CLOUDHSM_CELLS[0]!,
  CLOUDHSM_CELLS[1]!,
  {
    operation: 'CreateKey',
    input: (id) => ({ Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId: id, XksKeyId: ids.externalKeyId }),
    throwsIn: ['DISCONNECTED', 'CONNECTING', 'DISCONNECTING', 'FAILED'],
  },
  CLOUDHSM_CELLS[3]!,
  {
    operation: 'UpdateCustomKeyStore',
    input: (id) => ({
      CustomKeyStoreId: id,
      XksProxyUriPath: ids.xksPath,
      XksProxyAuthenticationCredential: { AccessKeyId: ids.xksAccessKeyId, RawSecretAccessKey: ids.xksSecret },
    }),
    throwsIn: ['CONNECTING', 'DISCONNECTING', 'FAILED'],
  },
  {
    operation: 'UpdateCustomKeyStore',
    input: (id) => ({ CustomKeyStoreId: id, XksProxyUriEndpoint: ids.xksEndpoint }),
    throwsIn: ['CONNECTED', 'CONNECTING', 'DISCONNECTING', 'FAILED'],
  },
  CLOUDHSM_CELLS[5]!,
];

/**
 * The store's state right after an accepted call: connecting a disconnected store starts
 * CONNECTING, a disconnect starts DISCONNECTING, a delete removes the store; every other accepted
 * call leaves the state as it was (the transient states in these worlds last a minute).
 */
function stateAfter(operation: string, before: ConnectionState): ConnectionState | 'deleted' {
  if (operation === 'ConnectCustomKeyStore' && before === 'DISCONNECTED') return 'CONNECTING';
  if (operation === 'DisconnectCustomKeyStore') return 'DISCONNECTING';
  if (operation === 'DeleteCustomKeyStore') return 'deleted';
  return before;
}

const TABLES: Array<[CustomKeyStoreType, string, Cell[]]> = [
  ['AWS_CLOUDHSM', ids.cloudHsmStoreId, CLOUDHSM_CELLS],
  ['EXTERNAL_KEY_STORE', ids.xksStoreId, XKS_CELLS],
];

describe.each(TABLES)('%s store', (type, storeId, cells) => {
  const cases = cells.flatMap((cell) =>
    STATES.map((state) => ({
      ...cell,
      state,
      label: `${cell.operation} ${JSON.stringify(Object.keys(cell.input(storeId)).slice(1))} in ${state}`,
    })),
  );

  it.each(cases)('$label', async ({ operation, input, state, throwsIn }) => {
    const { client, mock } = kit.start({ world: worldWith(type, state) });
    const call = send(client, { operation, input: input(storeId) });
    if (throwsIn.includes(state)) {
      const error = await caught(call);
      expect(error).toBeInstanceOf(CustomKeyStoreInvalidStateException);
      expect(error.$metadata['httpStatusCode']).toBe(400);
      expect(error.message).toContain(state);
    } else {
      await expect(call).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
      const after = mock.snapshot().stores.find((store) => store.id === storeId)?.connectionState ?? 'deleted';
      expect(after).toBe(stateAfter(operation, state));
    }
  });
});

describe('cells that are not about connection state', () => {
  it('GenerateRandom with an external key store gives UnsupportedOperationException in any state', async () => {
    for (const state of STATES) {
      const { client } = kit.start({ world: worldWith('EXTERNAL_KEY_STORE', state) });
      const error = await caught(
        send(client, { operation: 'GenerateRandom', input: { NumberOfBytes: 8, CustomKeyStoreId: ids.xksStoreId } }),
      );
      expect(error.name).toBe('UnsupportedOperationException');
    }
  });

  it('Connect on a CONNECTING or CONNECTED store returns 200 {} and changes nothing', async () => {
    for (const state of ['CONNECTING', 'CONNECTED'] as const) {
      const { client, mock } = kit.start({ world: worldWith('AWS_CLOUDHSM', state) });
      const output = await send(client, { operation: 'ConnectCustomKeyStore', input: { CustomKeyStoreId: ids.cloudHsmStoreId } });
      expect((output['$metadata'] as { httpStatusCode: number }).httpStatusCode).toBe(200);
      expect(mock.snapshot().stores[0]!.connectionState).toBe(state);
    }
  });

  it('XKS CreateKey throws CustomKeyStoreInvalidStateException while CONNECTED when the proxy cannot answer', async () => {
    const world = worldWith('EXTERNAL_KEY_STORE', 'CONNECTED');
    world.xksProxies[0]!.latencyMs = 900;
    const { client } = kit.start({ world });
    const error = await caught(send(client, { operation: 'CreateKey', input: XKS_CELLS[2]!.input(ids.xksStoreId) }));
    expect(error).toBeInstanceOf(CustomKeyStoreInvalidStateException);
    expect(error.message).toMatch(/did not respond in time/);
  });

  it('CreateCustomKeyStore never throws CustomKeyStoreInvalidStateException, and a new store is DISCONNECTED', async () => {
    const { client, mock } = kit.start();
    const output = await send(client, {
      operation: 'CreateCustomKeyStore',
      input: {
        CustomKeyStoreName: 'fresh',
        CloudHsmClusterId: ids.clusterId,
        TrustAnchorCertificate: mock.snapshot().clusters[0]!.trustAnchorCertificate,
        KeyStorePassword: ids.kmsUserPassword,
      },
    });
    const store = mock.snapshot().stores.find((s) => s.id === output['CustomKeyStoreId']);
    expect(store?.connectionState).toBe('DISCONNECTED');
  });
});
