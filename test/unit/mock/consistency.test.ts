/**
 * The mock's eventual consistency (`createKmsMock({ consistency })`): after a change, reads and the
 * calls that depend on the state may meet the state before it, within the lag drawn for that change
 * (never longer than `lagMs`); the same seed replays the same answers; without the option nothing lags.
 * Time is frozen and moved with advanceTime, so every answer here is determined by the seed.
 */
import {
  ConnectCustomKeyStoreCommand,
  CreateKeyCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EncryptCommand,
  ListKeysCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { describe, expect, it, vi } from 'vitest';
import { createKmsMock, type KmsMock } from 'kms-custom-key-store-mock';
import { createSimulatedClock, WORLD_IDS as ids } from 'kms-custom-key-store-mock/core';
import { getScenario } from 'kms-custom-key-store-mock/scenarios';
import { caught } from '../../support/kms-client';
import { useMockBehindMsw } from '../../support/mock-behind-msw';

const kit = useMockBehindMsw();
vi.setConfig({ testTimeout: 20_000 });
const LAG_MS = 60_000;
const CONNECT_MS = 10_000;
const STEP_MS = 5_000;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** A mock on a frozen clock (only advanceTime moves it), optionally with the lag on. */
function start(scenario: string, seed?: number) {
  const frozen = 1_700_000_000_000;
  return kit.start({
    scenario,
    clock: createSimulatedClock({ realNow: () => frozen }),
    timing: { connectMs: { AWS_CLOUDHSM: CONNECT_MS, EXTERNAL_KEY_STORE: CONNECT_MS }, disconnectMs: CONNECT_MS },
    ...(seed === undefined ? {} : { consistency: { lagMs: LAG_MS, seed } }),
  });
}

async function reportedState(client: KMSClient, storeId = ids.cloudHsmStoreId) {
  const { CustomKeyStores } = await client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }));
  return CustomKeyStores?.[0]?.ConnectionState;
}

/** What DescribeCustomKeyStores says each simulated second after `since`, and when the real state last changed. */
async function timeline(mock: KmsMock, client: KMSClient, seconds: number) {
  const states: string[] = [];
  for (let i = 0; i < seconds; i++) {
    states.push(String(await reportedState(client)));
    mock.advanceTime(STEP_MS);
  }
  return states;
}

const CONNECT_ORDER = ['DISCONNECTED', 'CONNECTING', 'CONNECTED'];

describe('stale reads after Connect', () => {
  it('report the state before the change only within the lag, never going back, and the real state once it ends', async () => {
    let staleRunsSeen = 0;
    for (const seed of SEEDS) {
      const { mock, client } = start('create-key-while-disconnected', seed);
      await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
      const seconds = (CONNECT_MS + LAG_MS) / STEP_MS + 5;
      const states = await timeline(mock, client, seconds);
      const ranks = states.map((state) => CONNECT_ORDER.indexOf(state));
      expect(
        ranks.every((rank) => rank >= 0),
        states.join(),
      ).toBe(true);
      expect(ranks, `seed ${seed}: reads went back in time`).toEqual([...ranks].sort((a, b) => a - b));
      // The last change (CONNECTED) happened at CONNECT_MS: from CONNECT_MS + LAG_MS on, every read is current.
      const settledFrom = (CONNECT_MS + LAG_MS) / STEP_MS;
      expect(
        states.slice(settledFrom).every((s) => s === 'CONNECTED'),
        `seed ${seed}: ${states.join()}`,
      ).toBe(true);
      if (states[0] === 'DISCONNECTED') staleRunsSeen += 1;
    }
    expect(staleRunsSeen, 'no seed gave a stale read right after Connect').toBeGreaterThan(0);
  });

  it('replay exactly with the same seed, and differ between seeds', async () => {
    const runs = new Map<number, string>();
    for (const seed of [...SEEDS, SEEDS[0]!]) {
      const { mock, client } = start('create-key-while-disconnected', seed);
      await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
      const states = (await timeline(mock, client, (CONNECT_MS + LAG_MS) / STEP_MS)).join();
      if (runs.has(seed)) expect(states).toBe(runs.get(seed));
      runs.set(seed, states);
      expect(mock.snapshot().consistency?.seed).toBe(seed);
    }
    expect(new Set(runs.values()).size).toBeGreaterThan(1);
  });

  it('are off without the option: the world carries no lag and Describe shows CONNECTING at once', async () => {
    const { mock, client } = start('create-key-while-disconnected');
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
    expect(await reportedState(client)).toBe('CONNECTING');
    mock.advanceTime(CONNECT_MS);
    expect(await reportedState(client)).toBe('CONNECTED');
    const world = mock.snapshot();
    expect(world.consistency).toBeUndefined();
    expect(world.stores.some((s) => s.lagging)).toBe(false);
    expect(mock.requests.some((r) => r.staleView)).toBe(false);
  });
});

/** A seed whose lag after the store's next change is at least `atLeastMs`, found by replaying (same seed, same lag). */
async function seedWithLag(scenario: string, act: (client: KMSClient, mock: KmsMock) => Promise<void>, atLeastMs: number) {
  for (const seed of SEEDS) {
    const { mock, client } = start(scenario, seed);
    const before = mock.now();
    await act(client, mock);
    const lagging = mock.snapshot().stores.find((s) => s.id === ids.cloudHsmStoreId)?.lagging;
    if (lagging && lagging.until - before >= atLeastMs) return seed;
  }
  throw new Error(`No seed in ${SEEDS.join(', ')} gives a lag of ${atLeastMs} ms.`);
}

describe('calls that depend on the new state', () => {
  const connectAndComplete = async (client: KMSClient, mock: KmsMock) => {
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
    mock.advanceTime(CONNECT_MS);
  };

  it('CreateKey right after the store became CONNECTED can still be refused, and succeeds once the lag ends', async () => {
    const seed = await seedWithLag('create-key-while-disconnected', connectAndComplete, CONNECT_MS + 2 * STEP_MS);
    const { mock, client } = start('create-key-while-disconnected', seed);
    await connectAndComplete(client, mock);
    expect(mock.snapshot().stores[0]!.connectionState).toBe('CONNECTED');
    const createKey = () => client.send(new CreateKeyCommand({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: ids.cloudHsmStoreId }));
    const refused = await caught(createKey());
    expect(refused.name).toBe('CustomKeyStoreInvalidStateException');
    expect(refused.message).toMatch(/DISCONNECTED|CONNECTING/);
    expect(mock.requests.at(-1), 'the request log marks the stale answer').toMatchObject({
      operation: 'CreateKey',
      staleView: true,
    });
    mock.advanceTime(LAG_MS);
    await expect(createKey()).resolves.toMatchObject({ KeyMetadata: { KeyState: 'Enabled' } });
    expect(mock.requests.at(-1)).not.toHaveProperty('staleView');
  });

  it('Encrypt right after Disconnect can still succeed, and fails with KMSInvalidStateException once the lag ends', async () => {
    const disconnect = (client: KMSClient) =>
      client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId })).then(() => undefined);
    const seed = await seedWithLag('healthy', disconnect, 2 * STEP_MS);
    const { mock, client } = start('healthy', seed);
    const encrypt = () => client.send(new EncryptCommand({ KeyId: ids.cloudHsmKeyId, Plaintext: new Uint8Array([1]) }));
    await disconnect(client);
    await expect(encrypt()).resolves.toHaveProperty('CiphertextBlob');
    expect(await reportedState(client)).toBe('CONNECTED');
    mock.advanceTime(CONNECT_MS + LAG_MS);
    expect((await caught(encrypt())).name).toBe('KMSInvalidStateException');
    expect(await reportedState(client)).toBe('DISCONNECTED');
  });

  it('a new key is missing from ListKeys, and a disabled key still reported Enabled, only within the lag', async () => {
    // Scan seeds for a visible lag on both changes; every seed must settle within LAG_MS.
    let staleSeen = false;
    for (const seed of SEEDS) {
      const { mock, client } = start('healthy', seed);
      const { KeyMetadata } = await client.send(
        new CreateKeyCommand({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: ids.cloudHsmStoreId }),
      );
      await client.send(new DisableKeyCommand({ KeyId: ids.cloudHsmKeyId }));
      const listed = async () => (await client.send(new ListKeysCommand({}))).Keys?.some((k) => k.KeyId === KeyMetadata!.KeyId);
      const reported = async () => (await client.send(new DescribeKeyCommand({ KeyId: ids.cloudHsmKeyId }))).KeyMetadata;
      if (!(await listed()) && (await reported())?.KeyState === 'Enabled') staleSeen = true;
      mock.advanceTime(LAG_MS);
      expect(await listed()).toBe(true);
      expect(await reported()).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    }
    expect(staleSeen).toBe(true);
  });
});

describe('the option', () => {
  it('rejects a negative lag or a seed that is not a 32-bit integer, with a message naming it', () => {
    const scenario = getScenario('healthy');
    expect(() => createKmsMock({ scenario, consistency: { lagMs: -1 } })).toThrow(/lagMs must be a non-negative/);
    expect(() => createKmsMock({ scenario, consistency: { lagMs: 10, seed: 1.5 } })).toThrow(/seed must be an integer/);
  });

  it('draws a seed when none is given, and turns the lag off for a resumed world when absent', () => {
    const withLag = createKmsMock({ scenario: getScenario('healthy'), consistency: { lagMs: 10 } }).snapshot();
    expect(withLag.consistency).toMatchObject({ lagMs: 10, seed: expect.any(Number) });
    expect(createKmsMock({ world: withLag }).snapshot().consistency).toBeUndefined();
  });
});
