/**
 * Every scenario page shows a handling program under "Handle it in code". The sweep runs each
 * one, unchanged, against the mock in its scenario's world:
 *  - the first run meets the problem and prints what the catalog says it shows (`sampleShows`);
 *  - after the reader repairs the world outside KMS (the fix's world actions and waits), running
 *    it again still ends cleanly, and reaches the fixed state when the program makes every KMS
 *    call the fix needs. That is how the playground uses them: run, repair, run again.
 * It runs once per consistency mode: without lag, and with the mock's eventual consistency on (a
 * few seeds), where reads right after a call may still show the state before it. Each mode has a
 * test file of its own because a run mostly waits on the scaled clock: Vitest runs the files in
 * parallel workers, and the modes' waits overlap.
 * A sample that stops matching the mock fails here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { effectiveKeyState, type WorldState } from 'kms-custom-key-store-mock/core';
import { scenarios } from 'kms-custom-key-store-mock/scenarios';
import type { FixedState, Scenario } from 'kms-custom-key-store-mock/scenarios';
import { consistencyModes, type ConsistencyMode } from '../../support/consistency-modes';
import { SAMPLE_LAG_MS, SAMPLE_TIMEOUT_MS, sampleSource, withSampleWorld, type SampleWorld } from '../../support/run-sample';

/** Applies the steps of the fix a reader takes outside KMS: world actions and waiting periods. */
function repairOutsideKms(world: SampleWorld, scenario: Scenario) {
  for (const step of scenario.fix) {
    if (step.kind === 'world') world.mock.act(step.action);
    if (step.kind === 'advance-time') world.mock.advanceTime(step.ms);
  }
}

/** The fix's KMS calls are all made by the sample, so the sample alone can finish the repair. */
function sampleMakesEveryKmsCallOfTheFix(scenario: Scenario): boolean {
  const source = sampleSource(scenario.sample);
  return scenario.fix.every((step) => step.kind !== 'kms' || source.includes(`new ${step.operation}Command(`));
}

/** What the world shows for each field that `fixed` names. */
function observe(world: WorldState, fixed: FixedState): Record<string, unknown> {
  const store = world.stores.find((s) => s.id === fixed.storeId);
  const key = world.keys.find((k) => k.keyId === fixed.keyId);
  const observed: Record<string, unknown> = {};
  if (fixed.storeId !== undefined) observed['storeId'] = fixed.storeId;
  if (fixed.storeDeleted !== undefined) observed['storeDeleted'] = store === undefined;
  if (fixed.connectionState !== undefined) observed['connectionState'] = store?.connectionState;
  if (fixed.keyId !== undefined) observed['keyId'] = fixed.keyId;
  if (fixed.keyState !== undefined) observed['keyState'] = key && effectiveKeyState(world, key);
  return observed;
}

/** The consistency mode with lag and this seed, or the one without lag when `lagSeed` is absent. */
function modeOf(lagSeed: number | undefined): ConsistencyMode {
  const mode = consistencyModes(SAMPLE_LAG_MS).find((candidate) => candidate.consistency?.seed === lagSeed);
  if (!mode) throw new Error(`No consistency mode with lag seed ${lagSeed}: see test/support/consistency-modes.ts`);
  return mode;
}

/** The sweep over every scenario's handling program in one consistency mode. */
export function describeHandlingPrograms(lagSeed?: number): void {
  const mode = modeOf(lagSeed);
  describe(`handling programs, ${mode.name}`, () => {
    let staleAnswers = 0;
    let finishedRuns = 0;

    // The lag mode is only a test if the samples met old answers in it; without lag they never do.
    // Counted once every sample has run (in whatever order), so a filtered run checks nothing here.
    afterAll(() => {
      if (finishedRuns < scenarios.length) return;
      if (mode.consistency) expect(staleAnswers, 'the samples met no stale answer with lag on').toBeGreaterThan(0);
      else expect(staleAnswers, 'the samples met stale answers without lag').toBe(0);
    });

    for (const scenario of scenarios) {
      const reachesFixed = sampleMakesEveryKmsCallOfTheFix(scenario);
      const afterRepair = reachesFixed ? 'reaches the fixed state' : 'ends cleanly';
      const title = `${scenario.sample} in ${scenario.id}: prints the documented outcome, then ${afterRepair} after the repairs`;

      it(title, { timeout: SAMPLE_TIMEOUT_MS }, () =>
        withSampleWorld(scenario.id, mode.consistency ? { consistency: mode.consistency } : {}, async (world) => {
          const first = await world.run(scenario.sample);
          expect(first.error, `uncaught error; output so far:\n${first.output}`).toBeUndefined();
          expect(scenario.sampleShows.length, `${scenario.id} documents no sample output`).toBeGreaterThan(0);
          for (const text of scenario.sampleShows) expect(first.output).toContain(text);
          // The program must have talked to KMS, not printed its way to the expected words.
          expect(world.mock.requests.length).toBeGreaterThan(0);

          repairOutsideKms(world, scenario);
          const second = await world.run(scenario.sample);
          expect(second.error, `uncaught error on the second run:\n${second.output}`).toBeUndefined();
          if (reachesFixed) expect(observe(world.mock.snapshot(), scenario.fixed), second.output).toEqual(scenario.fixed);
          staleAnswers += world.mock.requests.filter((r) => r.staleView).length;
          finishedRuns += 1;
        }),
      );
    }
  });
}
