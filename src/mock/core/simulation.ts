/**
 * A running simulation: a world, a clock, randomness, injected faults, the request log and
 * change notifications. `handle` answers one wire request; it never throws: every request gets
 * a well-formed KMS response (or, for an injected dropped connection, a network-error marker).
 */
import { type Clock, createSimulatedClock } from './clock.ts';
import { randomUuid, type EngineContext } from './context.ts';
import { runOperation, settle, startDeferredTransitions } from './engine.ts';
import { runCloudHsmOperation } from './operations/cloudhsm.ts';
import { KmsError, kmsError } from './errors.ts';
import { faultDoes, faultError, type FaultKind } from './faults.ts';
import type { FaultRule, Timing, WorldState } from './model.ts';
import {
  attemptOf,
  decodeRequest,
  errorResponseFor,
  successResponse,
  type StatusOverrides,
  type WireRequest,
  type WireResponse,
} from './protocol.ts';
import { applyWorldAction, type WorldAction } from './world-actions.ts';

export interface RequestRecord {
  operation: string;
  /** Attempt number the SDK put in `amz-sdk-request` (1 for the first try). */
  attempt: number;
  /** HTTP status, or 0 for a dropped connection. */
  status: number;
  /** The error `__type`, when the answer was an error. */
  errorType?: string;
  requestId: string;
  /** Simulated time the request arrived. */
  at: number;
  /** Simulated milliseconds until the answer (includes injected latency). */
  durationMs: number;
  /** The answer came from an older view of the world (the `consistency` lag of createKmsMock). */
  staleView?: true;
}

export type SimulationEvent = { type: 'request'; record: RequestRecord } | { type: 'world'; world: WorldState };

/** Partial timing: only the durations given change. */
export type TimingOverrides = Partial<Omit<Timing, 'connectMs'>> & { connectMs?: Partial<Timing['connectMs']> };

export type HandleResult = WireResponse | { networkError: string; record: RequestRecord };

export interface FaultInput {
  kind: FaultKind;
  /** Operation name such as `Encrypt`; default every operation. */
  operation?: string;
  /** How many matching calls it affects; default until cleared. */
  times?: number;
  /** For `latency`. */
  latencyMs?: number;
}

export interface SimulationOptions {
  world: WorldState;
  clock?: Clock;
  random?: () => number;
  /** How latency faults wait; gets simulated milliseconds. */
  sleep?: (ms: number) => Promise<void>;
  /** Override the HTTP status of an error type (default: the status `EXCEPTIONS` gives it). */
  statusCodes?: StatusOverrides;
  /** How many of the latest requests {@link KmsSimulation.requests} keeps; default {@link REQUEST_LOG_LIMIT}. */
  requestLogLimit?: number;
}

/** The request log keeps the latest this many records, so a long-running mock stays flat in memory. */
const REQUEST_LOG_LIMIT = 1_000;

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class KmsSimulation {
  private world: WorldState;
  private readonly initialWorld: WorldState;
  private readonly listeners = new Set<(event: SimulationEvent) => void>();
  private readonly log: RequestRecord[] = [];
  readonly clock: Clock & { advance?: (ms: number) => void };
  private readonly context: EngineContext;
  private timeOffset = 0;
  /** Set while a request is answered from an older view of the world. */
  private staleView = false;

  private readonly options: SimulationOptions;

  constructor(options: SimulationOptions) {
    this.options = options;
    this.initialWorld = clone(options.world);
    this.world = clone(options.world);
    this.clock = options.clock ?? createSimulatedClock();
    const simulation = this;
    this.context = {
      get world() {
        return simulation.world;
      },
      now: () => this.now(),
      random: options.random ?? Math.random,
      noteStaleView: () => {
        this.staleView = true;
      },
    };
  }

  /** Simulated now, including any jumps made with {@link advanceTime}. */
  now(): number {
    return this.clock.now() + this.timeOffset;
  }

  get requests(): readonly RequestRecord[] {
    return this.log;
  }

  subscribe(listener: (event: SimulationEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: SimulationEvent) {
    for (const listener of this.listeners) listener(event);
  }

  // Copying the world costs more than answering most requests: only done when someone listens.
  private emitWorld() {
    if (this.listeners.size > 0) this.emit({ type: 'world', world: clone(this.world) });
  }

  /**
   * The world as JSON when someone listens (what a change is judged by), else undefined. Listeners
   * get a copy parsed from the same text, so each change costs one serialisation.
   */
  private serializedWorld(): string | undefined {
    return this.listeners.size > 0 ? JSON.stringify(this.world) : undefined;
  }

  /** Tells listeners of the world, if it differs from `before` (a {@link serializedWorld}). */
  private notifyIfChanged(before: string | undefined) {
    if (before === undefined || this.listeners.size === 0) return;
    const after = JSON.stringify(this.world);
    if (after !== before) this.emit({ type: 'world', world: JSON.parse(after) as WorldState });
    return after;
  }

  /** Settles the world to now; returns it serialised (when someone listens), to judge the next change by. */
  private settleAndNotify(): string | undefined {
    const before = this.serializedWorld();
    settle(this.world, this.now());
    return this.notifyIfChanged(before) ?? before;
  }

  /** A deep copy of the world, settled to now. */
  snapshot(): WorldState {
    this.settleAndNotify();
    return clone(this.world);
  }

  act(action: WorldAction): void {
    // Settle first: a connection attempt that ended before the repair saw the broken world.
    settle(this.world, this.now());
    applyWorldAction(this.world, action);
    this.emitWorld();
  }

  /**
   * Lets another AWS API that shares this world (CloudHSM's CreateHsm, say) read and change it
   * in place: settled to now first, as for a KMS request; listeners hear of a change.
   */
  useWorld<T>(use: (world: WorldState) => T): T {
    const before = this.settleAndNotify();
    const result = use(this.world);
    this.notifyIfChanged(before);
    return result;
  }

  setTiming(timing: TimingOverrides): void {
    this.world.timing = {
      connectMs: { ...this.world.timing.connectMs, ...timing.connectMs },
      disconnectMs: timing.disconnectMs ?? this.world.timing.disconnectMs,
    };
  }

  advanceTime(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('advanceTime takes a non-negative number of milliseconds.');
    // Time that is made to pass also runs transitions still waiting for their first request.
    startDeferredTransitions(this.world, this.now());
    if (this.clock.advance) this.clock.advance(ms);
    else this.timeOffset += ms;
    this.settleAndNotify();
  }

  injectFault(fault: FaultInput): void {
    const rule: FaultRule = { kind: fault.kind, operation: fault.operation ?? '*', remaining: fault.times ?? null };
    if (fault.latencyMs !== undefined) rule.latencyMs = fault.latencyMs;
    this.world.faults.push(rule);
  }

  clearFaults(): void {
    this.world.faults = [];
  }

  reset(world: WorldState = this.initialWorld): void {
    this.world = clone(world);
    this.log.length = 0;
    this.emitWorld();
  }

  /** Takes the faults that apply to this call, using up counted ones. */
  private takeFaults(operation: string): FaultRule[] {
    if (this.world.faults.length === 0) return [];
    const hits = this.world.faults.filter((f) => (f.operation === '*' || f.operation === operation) && f.remaining !== 0);
    for (const fault of hits) if (fault.remaining !== null) fault.remaining -= 1;
    this.world.faults = this.world.faults.filter((f) => f.remaining !== 0);
    return hits;
  }

  async handle(request: WireRequest): Promise<HandleResult> {
    const started = this.now();
    const requestId = randomUuid(this.context);
    let operation = 'Unknown';
    let response: WireResponse;
    let staleView = false;
    let before: string | undefined;
    try {
      startDeferredTransitions(this.world, started);
      before = this.settleAndNotify();
      const decoded = decodeRequest(request);
      operation = decoded.operation;
      const faults = this.takeFaults(operation);
      const latency = faults.reduce((sum, f) => sum + (faultDoes(f.kind, 'delay') ? (f.latencyMs ?? 0) : 0), 0);
      if (latency > 0 && this.options.sleep) await this.options.sleep(latency);
      if (faults.some((f) => faultDoes(f.kind, 'dropped connection'))) {
        const record = this.record(operation, request, 0, requestId, started, undefined);
        return { networkError: `Simulated dropped connection for ${operation} (injected network-error fault).`, record };
      }
      for (const fault of faults) {
        const error = faultError(fault.kind);
        if (error) throw error;
      }
      const run = decoded.service === 'cloudhsmv2' ? runCloudHsmOperation : runOperation;
      // Operations are synchronous: nothing else runs between resetting the flag and reading it.
      this.staleView = false;
      let output: ReturnType<typeof run>;
      try {
        output = run(this.context, operation, decoded.input);
      } finally {
        staleView = this.staleView;
      }
      response = successResponse(requestId, output);
    } catch (error) {
      const kmsFailure =
        error instanceof KmsError
          ? error
          : kmsError(
              'KMSInternalException',
              `The KMS mock failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
            );
      response = errorResponseFor(request, requestId, kmsFailure, this.options.statusCodes);
    }
    const errorType = response.status >= 300 ? response.headers['x-amzn-errortype'] : undefined;
    this.record(operation, request, response.status, requestId, started, errorType, staleView);
    settle(this.world, this.now());
    // A request that changed nothing (not even the clock) sends no world.
    if (before === undefined) this.emitWorld();
    else this.notifyIfChanged(before);
    return response;
  }

  private record(
    operation: string,
    request: WireRequest,
    status: number,
    requestId: string,
    started: number,
    errorType: string | undefined,
    staleView = false,
  ) {
    const record: RequestRecord = {
      operation,
      attempt: attemptOf(request.sdkRequestHeader),
      status,
      requestId,
      at: started,
      durationMs: this.now() - started,
      ...(errorType ? { errorType } : {}),
      ...(staleView ? { staleView: true as const } : {}),
    };
    this.log.push(record);
    if (this.log.length > (this.options.requestLogLimit ?? REQUEST_LOG_LIMIT)) this.log.shift();
    this.emit({ type: 'request', record });
    return record;
  }
}
