/**
 * The world a scenario starts from in the playground: the mock's start for that scenario, on the
 * playground's realistic timing.
 */
import { startingWorld, type ScenarioSetup, type WorldState } from 'kms-custom-key-store-mock/core';
import { PLAYGROUND_TIMING } from '../config';

export const playgroundStartingWorld = (scenario: ScenarioSetup, now: number): WorldState =>
  startingWorld(scenario, now, PLAYGROUND_TIMING);
