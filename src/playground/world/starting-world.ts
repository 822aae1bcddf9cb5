/**
 * The world a scenario starts from in the playground: the catalog's start, on the playground's
 * realistic timing.
 */
import type { WorldState } from '../../mock';
import { startingWorld as scenarioStart } from '../../scenarios/starting-world';
import type { Scenario } from '../../scenarios/types';
import { PLAYGROUND_TIMING } from '../config';

export const startingWorld = (scenario: Scenario, now: number): WorldState => scenarioStart(scenario.id, now, PLAYGROUND_TIMING);
