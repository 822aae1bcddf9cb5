/**
 * What the reader is working on: the scenario, its starter code and its world (with the
 * World-panel steps taken since it started). Every other module reads the scenario from here, so
 * switching scenario or pressing Reset changes it in one place.
 */
import type { WorldAction } from 'kms-custom-key-store-mock';
import type { Scenario } from 'kms-custom-key-store-mock/scenarios';
import { playgroundStartingWorld } from './world/starting-world';
import { WorldKeeper } from './world/world-keeper';

export class PlaygroundSession {
  readonly keeper: WorldKeeper;
  /** A run since the scenario started changed the world in ways a link does not carry. */
  ranSinceStart = false;

  constructor(
    private current: Scenario,
    private starter: string,
  ) {
    this.keeper = new WorldKeeper(playgroundStartingWorld(current, Date.now()));
  }

  get scenario(): Scenario {
    return this.current;
  }

  /** The scenario's handling program, as the catalog has it. */
  get starterCode(): string {
    return this.starter;
  }

  /** The scenario's own repairs, offered in the World panel once they apply. */
  get fixActions(): WorldAction[] {
    return this.current.fix.flatMap((step) => (step.kind === 'world' ? [step.action] : []));
  }

  /** Starts `scenario` (by default the current one, for Reset) from its starting world. */
  restart(scenario: Scenario = this.current, starterCode: string = this.starter): void {
    this.current = scenario;
    this.starter = starterCode;
    this.keeper.reset(playgroundStartingWorld(scenario, Date.now()));
    this.ranSinceStart = false;
  }
}
