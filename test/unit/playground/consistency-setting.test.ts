/**
 * The playground's eventual-consistency toggle: a plain value in the world keeper, on by default,
 * handed to the run worker beside the world it starts from, and never left in the kept world.
 */
import { describe, expect, it } from 'vitest';
import { setConsistency, startingWorld } from 'kms-custom-key-store-mock/core';
import { getScenario } from 'kms-custom-key-store-mock/scenarios';
import { describeWorld } from '../../../src/playground/world/describe-world';
import { PLAYGROUND_CONSISTENCY_SEED, PLAYGROUND_LAG_MS, WorldKeeper } from '../../../src/playground/world/world-keeper';

const NOW = Date.UTC(2026, 0, 5, 9);
const start = () => startingWorld(getScenario('create-key-while-disconnected'), NOW);

describe('the eventual-consistency setting', () => {
  it('is on by default, with the same 32-bit seed in every playground, and a run carries it beside its world', () => {
    const keeper = new WorldKeeper(start());
    const { enabled, seed } = keeper.consistency;
    expect(enabled).toBe(true);
    expect(new WorldKeeper(start()).consistency.seed).toBe(seed);
    expect(seed).toBe(PLAYGROUND_CONSISTENCY_SEED);
    expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
    expect(keeper.consistencyForRun()).toEqual({ lagMs: PLAYGROUND_LAG_MS, seed });
    expect(keeper.worldForRun().consistency).toBeUndefined();
    expect(keeper.world.consistency).toBeUndefined();
  });

  it('turned off, a run has no lag; turned on again, the same seed', () => {
    const keeper = new WorldKeeper(start(), { enabled: true, seed: 42 });
    keeper.setConsistency({ enabled: false });
    expect(keeper.consistencyForRun()).toBeUndefined();
    keeper.setConsistency({ enabled: true });
    expect(keeper.consistencyForRun()?.seed).toBe(42);
  });

  it('a run world coming back leaves no setting behind, but its stale views show in the World panel', () => {
    const keeper = new WorldKeeper(start(), { enabled: true, seed: 42 });
    const ranWorld = keeper.worldForRun();
    // The run's mock keeps its lag state in the world it reports.
    setConsistency(ranWorld, keeper.consistencyForRun());
    const store = ranWorld.stores[0]!;
    Object.assign(store, { connectionState: 'CONNECTING', lagging: { connectionState: 'DISCONNECTED', until: NOW + 30_000 } });
    keeper.replace(ranWorld);
    expect(keeper.world.consistency).toBeUndefined();
    expect(describeWorld(keeper.world).stores[0]).toMatchObject({ state: 'CONNECTING', reportedState: 'DISCONNECTED' });
    keeper.advance(30_000);
    expect(describeWorld(keeper.world).stores[0]).not.toHaveProperty('reportedState');
  });
});
