/**
 * The World panel's buttons, as the reader reads them: in every scenario (as it starts, and after
 * any one button), no two buttons carry the same label, and a button that leaves work for KMS
 * says so. In user-locked-out, what the two password buttons promise is what the real SDK meets.
 */
import { ConnectCustomKeyStoreCommand, UpdateCustomKeyStoreCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { availableActions, describeOffer, type WorldAction, type WorldState } from 'kms-custom-key-store-mock/core';
import { getScenario, scenarios, type Scenario } from 'kms-custom-key-store-mock/scenarios';
import { waitForState } from 'kms-custom-key-store-mock/driver';
import { playgroundStartingWorld } from '../../../src/playground/world/starting-world';
import { WorldKeeper } from '../../../src/playground/world/world-keeper';
import { useMockBehindMsw } from '../../support/mock-behind-msw';
import { frozenClock } from '../../support/mock-options';

const NOW = Date.UTC(2027, 0, 15, 12, 0, 0);

/** The actions the World panel offers: the problem table's repairs plus the scenario's own fix steps once they apply. */
function offered(scenario: Scenario, world: WorldState): WorldAction[] {
  return availableActions(
    world,
    scenario.fix.flatMap((step) => (step.kind === 'world' ? [step.action] : [])),
  );
}

/** The scenario's starting world, and the world after each button the panel offers there. */
function worldsOf(scenario: Scenario): WorldState[] {
  const start = playgroundStartingWorld(scenario, NOW);
  return [
    start,
    ...offered(scenario, start).map((action) => {
      const keeper = new WorldKeeper(start);
      keeper.act(action);
      return keeper.world;
    }),
  ];
}

describe.each(scenarios.map((s) => [s.id, s] as const))('World panel in %s', (_id, scenario) => {
  it('gives every button its own label', () => {
    for (const world of worldsOf(scenario)) {
      const labels = offered(scenario, world).map((action) => describeOffer(world, action).label);
      expect(
        labels.filter((label, i) => labels.indexOf(label) !== i),
        labels.join('\n'),
      ).toEqual([]);
    }
  });
});

it('a repair the world refuses right now says why, instead of leaving the panel empty', () => {
  const world = playgroundStartingWorld(getScenario('invalid-credentials'), NOW);
  world.stores[0]!.connectionState = 'CONNECTING';
  const repair = availableActions(world).find((action) => action.type === 'set-kmsuser-password')!;
  expect(describeOffer(world, repair).then).toMatch(/^Not possible right now: KMS is logged in .* disconnect the store/);
});

describe('user-locked-out: the two kmsuser password buttons', () => {
  const scenario = getScenario('user-locked-out');
  const start = playgroundStartingWorld(scenario, NOW);
  const passwordButtons = offered(scenario, start)
    .filter((action) => action.type === 'set-kmsuser-password')
    .map((action) => ({ action, ...describeOffer(start, action) }));
  const storeId = start.stores[0]!.id;
  const server = useMockBehindMsw();

  it('name the password and what must follow', () => {
    expect(passwordButtons.map((b) => b.label)).toEqual([
      expect.stringMatching(/to kmsPswd-2024 \(/),
      expect.stringMatching(/to kmsPswd-2025 \(/),
    ]);
    expect(passwordButtons[0]!.then).toBe(`Then ${storeId} connects.`);
    expect(passwordButtons[1]!.then).toMatch(
      /fails with INVALID_CREDENTIALS until you call UpdateCustomKeyStore .*KeyStorePassword/,
    );
  });

  it.each([
    [0, 'CONNECTED', undefined],
    [1, 'FAILED', 'INVALID_CREDENTIALS'],
  ] as const)('button %i: the next ConnectCustomKeyStore ends %s %s, as its label says', async (index, state, code) => {
    const { mock, client } = server.start({ world: start, clock: frozenClock() });
    mock.act(passwordButtons[index]!.action);
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
    const store = await waitForState(client, storeId, state, { tick: () => mock.advanceTime(60_000) });
    expect(store?.ConnectionErrorCode).toBe(code);
  });

  it('button 1 followed by the UpdateCustomKeyStore its label asks for connects', async () => {
    const { mock, client } = server.start({ world: start, clock: frozenClock() });
    mock.act(passwordButtons[1]!.action);
    await client.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: storeId, KeyStorePassword: 'kmsPswd-2025' }));
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
    await waitForState(client, storeId, 'CONNECTED', { tick: () => mock.advanceTime(60_000) });
  });
});
