/** Messages between the playground page and its run worker (one worker per run). */
import type { ConsistencyOptions, RequestRecord, WorldAction, WorldState } from 'kms-custom-key-store-mock';
import type { ExecuteResult, ProgramEvent } from './runner';

export interface RunRequest {
  type: 'run';
  source: string;
  /** The world to start from; its `now` is where the simulated clock starts. */
  world: WorldState;
  /** The eventual-consistency lag the run simulates; absent when the reader turned it off. */
  consistency?: ConsistencyOptions;
  /** Simulated milliseconds per real millisecond. */
  speed: number;
  /** What the program reads as `process.env` (the scenario's store, for one). */
  environment: Readonly<Record<string, string>>;
}

export type ToWorker =
  | RunRequest
  /** The code as it stands, sent to the next run's worker ahead of Run so it compiles it now. */
  | { type: 'prime'; source: string }
  /** An out-of-KMS fix while the program runs. */
  | { type: 'act'; action: WorldAction }
  /** Jump the simulated clock while the program runs. */
  | { type: 'advance-time'; ms: number };

/** Steps of a run in the worker, in order; `npm run bench` shows where a Run's time goes with them. */
export type RunMark =
  'run-received' | 'mock-ready' | 'program-prepared' | 'program-started' | 'first-request' | 'first-response' | 'first-output';

export type FromWorker =
  /** The worker has loaded the SDK, the mock and the transpiler; it warms them up until a run arrives. */
  | { type: 'ready' }
  | { type: 'program'; event: ProgramEvent }
  | { type: 'request'; record: RequestRecord }
  | { type: 'world'; world: WorldState }
  /** Simulated now, a few times a second while running. */
  | { type: 'clock'; now: number }
  | { type: 'act-failed'; message: string }
  /** `marks`: when each step of the run first happened in the worker (epoch ms, for `npm run bench`). */
  | { type: 'finished'; result: ExecuteResult; world: WorldState; now: number; marks: Readonly<Partial<Record<RunMark, number>>> }
  /** The worker itself broke (not the program): shown as a playground error. */
  | { type: 'crashed'; message: string };
