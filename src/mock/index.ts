/**
 * A stateful mock of AWS KMS custom key stores, as MSW request handlers.
 *
 * @example
 * const mock = createKmsMock({ scenario: 'user-logged-in' });
 * const server = setupServer(...mock.handlers);
 * server.listen({ onUnhandledFrame: 'error' });
 */
import { scenarios as catalog } from '../scenarios/catalog';
import { startingWorld } from '../scenarios/starting-world';
import type { ScenarioGroup } from '../scenarios/types';
import { createScaledTimers, createSimulatedClock, type Clock } from './core/clock';
import type { Timing, WorldState } from './core/model';
import { KmsSimulation, type FaultInput, type RequestRecord, type SimulationEvent } from './core/simulation';
import { applyWorldAction, type WorldAction } from './core/world-actions';
import { availableActions } from './core/available-actions';
import { createKmsHandlers } from './msw/handlers';

export type { FaultInput, RequestRecord, SimulationEvent } from './core/simulation';
export type { WorldAction } from './core/world-actions';
export type * from './core/model';

export type TimingOverrides = Partial<Omit<Timing, 'connectMs'>> & { connectMs?: Partial<Timing['connectMs']> };

export interface KmsMockOptions {
  /** A catalog scenario id; default: an empty account with a healthy cluster and proxy. */
  scenario?: string;
  /** Resume from a snapshot (wins over `scenario`); used as is, not rebased. */
  world?: WorldState;
  /** Simulated clock; default real time. */
  clock?: Clock;
  /** How long CONNECTING / DISCONNECTING last, in simulated ms. */
  timing?: TimingOverrides;
  /** How latency faults wait (simulated ms); default a timer on the clock's speed. */
  sleep?: (ms: number) => Promise<void>;
  /** Randomness for ids, nonces and data keys; default Math.random. */
  random?: () => number;
  /** Override the HTTP status per error type. */
  statusCodes?: Readonly<Record<string, number>>;
}

export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  group: ScenarioGroup;
}

export function createKmsMock(options: KmsMockOptions = {}) {
  const clock = options.clock ?? createSimulatedClock();
  const speed = 'speed' in clock && typeof clock.speed === 'number' ? clock.speed : 1;
  const world = options.world ? structuredClone(options.world) : startingWorld(options.scenario, clock.now());
  if (options.timing) {
    world.timing = {
      connectMs: { ...world.timing.connectMs, ...options.timing.connectMs },
      disconnectMs: options.timing.disconnectMs ?? world.timing.disconnectMs,
    };
  }

  const simulation = new KmsSimulation({
    world,
    clock,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms / speed))),
    ...(options.random ? { random: options.random } : {}),
    ...(options.statusCodes ? { statusCodes: options.statusCodes } : {}),
  });

  return {
    /** MSW handlers for every KMS endpoint (any Region, FIPS too): `setupServer(...mock.handlers)`. */
    handlers: createKmsHandlers(simulation),
    /** The scenario catalog (id, title, summary, group). */
    scenarios: catalog.map(({ id, title, summary, group }): ScenarioSummary => ({ id, title, summary, group })),
    /** Carry out an action outside KMS: add an HSM, log kmsuser out, restore the network, … */
    act: (action: WorldAction) => simulation.act(action),
    /** Actions that would change something in the current world (for a UI offering repairs). */
    availableActions: () => availableActions(simulation.snapshot()),
    /** Inject or clear faults (throttling, internal errors, dependency timeouts, dropped connections, latency). */
    faults: {
      inject: (fault: FaultInput) => simulation.injectFault(fault),
      clear: () => simulation.clearFaults(),
    },
    /** Change how long CONNECTING / DISCONNECTING last from now on (simulated ms). */
    setTiming: (timing: TimingOverrides) => simulation.setTiming(timing),
    /** Jump the simulated clock ahead, e.g. past a 7-day key deletion waiting period. */
    advanceTime: (ms: number) => simulation.advanceTime(ms),
    /** A deep copy of the world, settled to now. */
    snapshot: () => simulation.snapshot(),
    /** Every request answered so far. */
    get requests(): readonly RequestRecord[] {
      return simulation.requests;
    },
    /** Be told about each request and each change of the world; returns an unsubscribe function. */
    subscribe: (listener: (event: SimulationEvent) => void) => simulation.subscribe(listener),
    /** Back to the starting world, faults and empty request log. */
    reset: () => simulation.reset(),
    /** Simulated now (ms). */
    now: () => simulation.now(),
  };
}

export type KmsMock = ReturnType<typeof createKmsMock>;

export { applyWorldAction, createScaledTimers, createSimulatedClock };
export { describeWorldAction } from './core/world-actions';
