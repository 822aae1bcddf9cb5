/** Messages between the playground page and its run worker (one worker per run). */
import type { RequestRecord, WorldAction, WorldState } from 'kms-custom-key-store-mock';
import type { ExecuteResult, ProgramEvent } from './runner';

export interface RunRequest {
  type: 'run';
  source: string;
  /** The world to start from; its `now` is where the simulated clock starts. */
  world: WorldState;
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

export type FromWorker =
  /** The worker has loaded and warmed up the SDK, the mock and the transpiler, and waits for a run. */
  | { type: 'ready' }
  | { type: 'program'; event: ProgramEvent }
  | { type: 'request'; record: RequestRecord }
  | { type: 'world'; world: WorldState }
  /** Simulated now, a few times a second while running. */
  | { type: 'clock'; now: number }
  | { type: 'act-failed'; message: string }
  | { type: 'finished'; result: ExecuteResult; world: WorldState; now: number }
  /** The worker itself broke (not the program): shown as a playground error. */
  | { type: 'crashed'; message: string };
