/**
 * Runs programs in dedicated module workers: a fresh worker per run (so a run cannot leave
 * anything behind for the next), spawned ahead of time so Run starts at once (the next run's once
 * this one's first output is on screen), and terminated when the program finishes, when
 * the reader presses Stop, or at the time limit.
 */
import type { RequestRecord, WorldState } from 'kms-custom-key-store-mock';
import { afterNextPaint } from '../main-thread';
import type { FromWorker, RunRequest, ToWorker } from '../protocol';
import type { ExecuteResult, ProgramEvent } from '../runner';

export type RunOutcome =
  | { kind: 'finished'; result: ExecuteResult; world: WorldState; now: number; realMs: number }
  | { kind: 'stopped'; realMs: number }
  | { kind: 'timed-out'; realMs: number }
  /** The worker failed to load or broke; `message` says how. */
  | { kind: 'crashed'; message: string; realMs: number };

export interface RunListeners {
  onProgramEvent(event: ProgramEvent): void;
  onRequest(record: RequestRecord): void;
  onWorld(world: WorldState): void;
  onClock(now: number): void;
  onActFailed(message: string): void;
}

interface SpareWorker {
  worker: Worker;
  /** Resolves when the worker has loaded; rejects with the reason it could not. */
  ready: Promise<void>;
  /** Set once `ready` has resolved: Run then posts the program at once, not a task later. */
  loaded: boolean;
}

const LOAD_TIMEOUT_MS = 30_000;

export class RunController {
  private spare: SpareWorker | undefined;
  /** The code as last primed: each new spare worker compiles it while it waits. */
  private primedSource: string | undefined;
  private current: { worker: Worker; finish(outcome: RunOutcome): void; started: number } | undefined;

  constructor(
    private readonly createWorker: () => Worker,
    private readonly timeoutMs: number,
  ) {}

  get running(): boolean {
    return this.current !== undefined;
  }

  /** Spawns the next run's worker now, so that Run does not wait for the SDK to load. */
  prepare(): void {
    if (this.spare) return;
    this.spare = this.spawn();
    if (this.primedSource !== undefined)
      this.spare.worker.postMessage({ type: 'prime', source: this.primedSource } satisfies ToWorker);
  }

  run(request: Omit<RunRequest, 'type'>, listeners: RunListeners): Promise<RunOutcome> {
    if (this.current) return Promise.reject(new Error('A program is already running.'));
    const spare = this.spare ?? this.spawn();
    const { worker, ready } = spare;
    this.spare = undefined;
    const started = performance.now();
    return new Promise<RunOutcome>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let nextRunPrepared = false;
      const finish = (outcome: RunOutcome) => {
        if (this.current?.worker !== worker) return;
        clearTimeout(timer);
        worker.terminate();
        this.current = undefined;
        resolve(outcome);
        this.prepare();
      };
      this.current = { worker, finish, started };
      const elapsed = () => performance.now() - started;
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data;
        // Once the program's first output is on screen, the next run's worker loads and warms up,
        // while this one mostly waits (on simulated time, on the reader), not only after it ends.
        if (message.type === 'program' && !nextRunPrepared) {
          nextRunPrepared = true;
          void afterNextPaint().then(() => this.prepare());
        }
        switch (message.type) {
          case 'program':
            return listeners.onProgramEvent(message.event);
          case 'request':
            return listeners.onRequest(message.record);
          case 'world':
            return listeners.onWorld(message.world);
          case 'clock':
            return listeners.onClock(message.now);
          case 'act-failed':
            return listeners.onActFailed(message.message);
          case 'finished':
            return finish({
              kind: 'finished',
              result: message.result,
              world: message.world,
              now: message.now,
              realMs: elapsed(),
            });
          case 'crashed':
            return finish({ kind: 'crashed', message: message.message, realMs: elapsed() });
          case 'ready':
            return;
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        finish({ kind: 'crashed', message: event.message || 'The run worker failed.', realMs: elapsed() });
      };
      const start = () => {
        if (this.current?.worker !== worker) return;
        timer = setTimeout(() => finish({ kind: 'timed-out', realMs: elapsed() }), this.timeoutMs);
        worker.postMessage({ type: 'run', ...request } satisfies ToWorker);
      };
      if (spare.loaded) start();
      else
        ready.then(start, (error: unknown) =>
          finish({ kind: 'crashed', message: error instanceof Error ? error.message : String(error), realMs: elapsed() }),
        );
    });
  }

  /** Hands the code to the next run's worker ahead of Run, so it is compiled by the time Run is pressed. */
  prime(source: string): void {
    if (source === this.primedSource) return;
    this.primedSource = source;
    if (this.spare) this.spare.worker.postMessage({ type: 'prime', source } satisfies ToWorker);
  }

  /** Forwards a world action or time jump to the running program's mock. */
  send(message: Extract<ToWorker, { type: 'act' | 'advance-time' }>): boolean {
    if (!this.current) return false;
    this.current.worker.postMessage(message);
    return true;
  }

  stop(): void {
    const current = this.current;
    current?.finish({ kind: 'stopped', realMs: performance.now() - current.started });
  }

  private spawn(): SpareWorker {
    const worker = this.createWorker();
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The run worker did not load within 30 s.')), LOAD_TIMEOUT_MS);
      worker.addEventListener('message', function onReady(event: MessageEvent<FromWorker>) {
        if (event.data.type !== 'ready') return;
        clearTimeout(timer);
        worker.removeEventListener('message', onReady);
        resolve();
      });
      worker.addEventListener('error', (event) => {
        clearTimeout(timer);
        reject(new Error(`The run worker could not load: ${event.message || 'script error'}.`));
      });
    });
    const spare: SpareWorker = { worker, ready, loaded: false };
    // Nobody awaits a spare's failure until it is used; keep it from being reported as unhandled.
    ready.then(
      () => (spare.loaded = true),
      () => {},
    );
    return spare;
  }
}
