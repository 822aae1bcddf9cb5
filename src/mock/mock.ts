/**
 * The mock without any transport: a simulation of KMS and CloudHSM behind `handle(wire)` (one AWS
 * JSON 1.1 request as plain data in, the answer as plain data out), and the controls a test or an
 * operator uses (world actions, faults, time, snapshots). The MSW handlers (`./create-kms-mock.ts`) and the
 * Node server (`./node/`) are adapters side by side on `handle`; this module imports neither, so
 * `kms-mock serve` runs without MSW installed.
 */
import {
  KmsSimulation,
  availableActions,
  setConsistency,
  type ConsistencyOptions,
  createSimulatedClock,
  moveToAccount,
  startingWorld,
  type Clock,
  type FaultInput,
  type RequestRecord,
  type ScenarioSetup,
  type SimulationEvent,
  type StatusOverrides,
  type TimingOverrides,
  type WorldAction,
  type WorldState,
} from './core/index.ts';
import type { HandleResult } from './core/simulation.ts';
import type { WireRequest } from './core/protocol.ts';

export interface KmsMockOptions {
  /**
   * The scenario to start from: an object with `world()` and `faults`, such as a catalog entry
   * (`getScenario('user-logged-in')` from the scenario catalog). Default: an empty account with
   * a healthy CloudHSM cluster and XKS proxy, ready for CreateCustomKeyStore.
   */
  scenario?: ScenarioSetup;
  /** Resume from a snapshot (wins over `scenario`); used as is, not rebased. */
  world?: WorldState;
  /**
   * The account the world is in (12 digits): its id in every ARN and in `AWSAccountId`. Default:
   * the scenario's own account, `111122223333` (a `world` keeps its own unless this is given).
   */
  accountId?: string;

  /** Simulated clock; default real time. */
  clock?: Clock;
  /** How long CONNECTING / DISCONNECTING last, in simulated ms. */
  timing?: TimingOverrides;
  /** How latency faults wait (simulated ms); default a timer on the clock's speed. */
  sleep?: (ms: number) => Promise<void>;
  /** Randomness for ids, nonces and data keys; default Math.random. */
  random?: () => number;
  /** Override the HTTP status per error type. */
  statusCodes?: StatusOverrides;
  /**
   * Simulate KMS's eventual consistency; off when absent (every answer shows the world as it is,
   * which deterministic tests want). After a store's connection state or a key's state changes,
   * DescribeCustomKeyStores, DescribeKey and ListKeys may report the state before the change, and
   * calls that depend on it (CreateKey, Connect/Disconnect/Update/Delete, GenerateRandom, crypto)
   * may be decided by it, for a lag drawn per change from 0 to `lagMs` simulated ms. The lags come
   * from a generator seeded with `seed` (default: a random seed, readable in
   * `snapshot().consistency.seed`), so a failing run replays exactly with the same seed.
   * Overrides whatever a `world` you resume from carried.
   *
   * @example createKmsMock({ scenario, consistency: { lagMs: 90_000, seed: 7 } })
   */
  consistency?: ConsistencyOptions;
}

export function createSimulatedMock(options: KmsMockOptions = {}) {
  const clock = options.clock ?? createSimulatedClock();
  const speed = 'speed' in clock && typeof clock.speed === 'number' ? clock.speed : 1;
  const start = options.world ?? startingWorld(options.scenario, clock.now());
  // A copy: a scenario's world may share its stores and keys with the catalog's other worlds.
  const world = structuredClone(start);
  if (options.accountId !== undefined && options.accountId !== world.accountId) moveToAccount(world, options.accountId);
  setConsistency(world, options.consistency);
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
    /**
     * Answers one AWS JSON 1.1 request given as plain data (target, body, the SDK's attempt header):
     * the status, headers and body to send, or `{ networkError }` when an injected fault drops the
     * connection. Never throws. What every adapter calls.
     */
    handle: (request: WireRequest): Promise<HandleResult> => simulation.handle(request),
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
    /** A copy of the world `reset` goes back to. */
    startingWorld: () => structuredClone(world),
    /** Replaces the current world (a saved one, say) and empties the request log; `reset` still goes back to the start. */
    restore: (world: WorldState) => simulation.reset(world),
    /** Simulated now (ms). */
    now: () => simulation.now(),
  };
}

/** The mock as a running simulation, without MSW handlers (what the Node server serves). */
export type SimulatedMock = ReturnType<typeof createSimulatedMock>;
