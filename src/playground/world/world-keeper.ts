/**
 * The playground's world between runs. A run starts from it and hands back its final snapshot;
 * while no run is active, fixes and time jumps are applied here, on the main thread, with the
 * mock's framework-free core (no msw on the page).
 */
import type { WorldAction, WorldState } from '../../mock';
import { availableActions, KmsSimulation } from '../../mock/core';

export class WorldKeeper {
  private current: WorldState;
  /** Simulated time the scenario started at, for "time since start". */
  private origin: number;

  constructor(start: WorldState) {
    this.current = structuredClone(start);
    this.origin = start.now;
  }

  get world(): WorldState {
    return this.current;
  }

  /** Simulated milliseconds since the scenario started. */
  elapsed(now: number = this.current.now): number {
    return now - this.origin;
  }

  /** Back to a scenario's start. */
  reset(start: WorldState): void {
    this.current = structuredClone(start);
    this.origin = start.now;
  }

  /** A run reported a newer world (live, or its final snapshot). */
  replace(world: WorldState): void {
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
  }

  /** Jumps the simulated clock while no run is active; due transitions and deletions happen. */
  advance(ms: number): void {
    const simulation = this.simulationAtNow();
    simulation.advanceTime(ms);
    this.current = simulation.snapshot();
  }

  /** Between runs simulated time stands still: the simulation's clock is the world's `now`. */
  private simulationAtNow(): KmsSimulation {
    const now = this.current.now;
    return new KmsSimulation({ world: this.current, clock: { now: () => now } });
  }
}
