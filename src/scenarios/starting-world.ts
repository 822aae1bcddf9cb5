/**
 * The world a scenario starts from: its catalog world and faults, optionally on other timing,
 * rebased so that its `now` is the caller's. A store caught mid-transition waits for the first
 * request before its transition's full duration starts to run. No msw here: the playground's
 * main thread uses it too.
 */
import type { Timing, WorldState } from '../mock/core/model';
import { getScenario } from './catalog';
import { emptyAccount, rebaseWorld } from './worlds';

export function startingWorld(scenarioId: string | undefined, now: number, timing?: Timing): WorldState {
  const scenario = scenarioId === undefined ? undefined : getScenario(scenarioId);
  const world = scenario ? scenario.world() : emptyAccount();
  if (scenario) world.faults = scenario.faults.map((fault) => ({ ...fault }));
  if (timing) world.timing = structuredClone(timing);
  rebaseWorld(world, now);
  for (const store of world.stores) if (store.pending) store.pending.at = null;
  return world;
}
