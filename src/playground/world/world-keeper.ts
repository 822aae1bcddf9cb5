/**
 * The playground's world between runs. A run starts from it and hands back its final snapshot;
 * while no run is active, fixes and time jumps are applied here, on the main thread, with the
 * mock's framework-free core (no msw on the page). It also keeps the World-panel steps taken
 * since the scenario started, which is what a share link carries (see ../share/situation-hash).
 */
import type { WorldAction, WorldState } from 'kms-custom-key-store-mock';
import { applyWorldAction, availableActions, KmsSimulation, type ConsistencyOptions } from 'kms-custom-key-store-mock/core';
import type { SituationStep } from '../share/situation-hash';

/**
 * The playground's eventual-consistency toggle, as a plain value: on or off, and the seed its
 * lags are drawn from. It lives here, beside the world, so that a share link can carry it.
 */
export interface ConsistencySetting {
  enabled: boolean;
  /** The same seed and the same program give the same stale answers. */
  seed: number;
}

/** The longest lag after a change in the playground (simulated; 1 min is 0.2 real seconds). */
export const PLAYGROUND_LAG_MS = 60_000;

/**
 * The seed every playground starts with. Fixed rather than random, so that the same code in the
 * same scenario meets the same stale answers for everyone who opens a link to it: a link then
 * needs to carry the toggle only when someone turned it off.
 */
export const PLAYGROUND_CONSISTENCY_SEED = 20_231_101;

/** On by default, as in AWS. */
const defaultConsistencySetting = (): ConsistencySetting => ({ enabled: true, seed: PLAYGROUND_CONSISTENCY_SEED });

export class WorldKeeper {
  private current: WorldState;
  /** Simulated time the scenario started at, for "time since start". */
  private origin: number;
  private readonly taken: SituationStep[] = [];
  private consistencySetting: ConsistencySetting;

  constructor(start: WorldState, consistency: ConsistencySetting = defaultConsistencySetting()) {
    this.current = structuredClone(start);
    this.origin = start.now;
    this.consistencySetting = { ...consistency };
  }

  /** The eventual-consistency toggle (a copy: change it with {@link setConsistency}). */
  get consistency(): ConsistencySetting {
    return { ...this.consistencySetting };
  }

  /** Turns the lag on or off (and, optionally, changes its seed) for the next run. */
  setConsistency(setting: Partial<ConsistencySetting>): void {
    this.consistencySetting = { ...this.consistencySetting, ...setting };
  }

  /** The world a run starts from (a copy). */
  worldForRun(): WorldState {
    return structuredClone(this.current);
  }

  /**
   * The lag a run simulates, sent beside its world: absent when the toggle is off. Every run draws
   * its lags afresh from the seed, so it replays.
   */
  consistencyForRun(): ConsistencyOptions | undefined {
    const { enabled, seed } = this.consistencySetting;
    return enabled ? { lagMs: PLAYGROUND_LAG_MS, seed } : undefined;
  }

  get world(): WorldState {
    return this.current;
  }

  /** The World-panel actions and time jumps since the scenario started, in order. */
  get steps(): readonly SituationStep[] {
    return this.taken;
  }

  /** Simulated milliseconds since the scenario started. */
  elapsed(now: number = this.current.now): number {
    return now - this.origin;
  }

  /** Back to a scenario's start. */
  reset(start: WorldState): void {
    this.current = structuredClone(start);
    this.origin = start.now;
    this.taken.length = 0;
  }

  /** A run reported a newer world (live, or its final snapshot). */
  replace(world: WorldState): void {
    // Between runs nothing draws lags: the setting is applied afresh to the next run's world.
    delete world.consistency;
    this.current = world;
  }

  /** Fixes the world can take now (for the World panel's buttons), including those of `candidates` that apply. */
  actions(candidates: readonly WorldAction[] = []): WorldAction[] {
    return availableActions(this.current, candidates);
  }

  /** Applies an out-of-KMS action while no run is active. Throws WorldActionError if it names nothing. */
  act(action: WorldAction): void {
    const simulation = this.simulationAtNow();
    simulation.act(action);
    this.current = simulation.snapshot();
    this.taken.push({ kind: 'act', action });
  }

  /** Jumps the simulated clock while no run is active; due transitions and deletions happen. */
  advance(ms: number): void {
    const simulation = this.simulationAtNow();
    simulation.advanceTime(ms);
    this.current = simulation.snapshot();
    this.taken.push({ kind: 'jump', ms });
  }

  /**
   * A running program's mock carries the step out; it is kept here for the link. An action that
   * names nothing in the world as last reported throws WorldActionError and is not kept.
   */
  recordDuringRun(step: SituationStep): void {
    if (step.kind === 'act') applyWorldAction(structuredClone(this.current), step.action);
    this.taken.push(step);
  }

  /** Between runs simulated time stands still: the simulation's clock is the world's `now`. */
  private simulationAtNow(): KmsSimulation {
    const now = this.current.now;
    return new KmsSimulation({ world: this.current, clock: { now: () => now } });
  }
}
