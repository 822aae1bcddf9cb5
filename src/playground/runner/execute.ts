/**
 * One run of a reader's program: transpile, run with a captured console and tracked timers,
 * report uncaught errors and unhandled rejections (never lose them), and finish once the top
 * level has settled and no timer or request is pending.
 */
import { createActivityTracker, type TimerFunctions } from './activity';
import { createConsoleCapture, type ConsoleEntry, type OutputLimits } from './console-capture';
import { inspect, type InspectNode } from './inspect';
import { compileProgram } from './program';

export type ProgramEvent =
  | { type: 'console'; entry: ConsoleEntry }
  | { type: 'truncated'; note: string }
  /** `where`: the top level threw, a timer callback threw, or a promise rejection was never handled. */
  | { type: 'uncaught'; where: 'top-level' | 'timer' | 'unhandled-rejection'; error: InspectNode };

export interface ExecuteOptions {
  source: string;
  modules: Readonly<Record<string, unknown>>;
  /** Timers the program and everything it calls use (scaled to the simulated clock in the playground). */
  timers: TimerFunctions;
  /** Extra free variables, e.g. a simulated `Date`. */
  globals?: Readonly<Record<string, unknown>>;
  /** Clock for console.time. */
  now(): number;
  /** Real-time wait, to confirm the program has gone quiet. */
  realDelay(ms: number): Promise<void>;
  emit(event: ProgramEvent): void;
  /** Called once the program has compiled, just before its first line runs (e.g. to start a clock). */
  onStart?(): void;
  /** Lets the host feed unhandled rejections in; returns an unsubscribe function. */
  onUnhandledRejection?(report: (reason: unknown) => void): () => void;
  outputLimits?: OutputLimits;
}

export interface ExecuteResult {
  /** `completed`: top level finished without throwing; `threw`: it threw (reported as uncaught). */
  status: 'completed' | 'threw' | 'syntax-error';
  uncaughtErrors: number;
  droppedEntries: number;
}

export interface ProgramExecution {
  /** Timers to install globally, so libraries the program calls (the SDK's retries) use them too. */
  timers: TimerFunctions;
  /** Counts a request (or any promise) as pending work. */
  track<T>(promise: Promise<T>): Promise<T>;
  run(): Promise<ExecuteResult>;
}

export function prepareExecution(options: ExecuteOptions): ProgramExecution {
  let uncaughtErrors = 0;
  const reportUncaught = (where: 'top-level' | 'timer' | 'unhandled-rejection', error: unknown) => {
    uncaughtErrors += 1;
    options.emit({ type: 'uncaught', where, error: inspect(error) });
  };
  const reportingTimers: TimerFunctions = {
    ...options.timers,
    setTimeout: (callback, ms, ...args) => options.timers.setTimeout(guard(callback), ms, ...args),
    setInterval: (callback, ms, ...args) => options.timers.setInterval(guard(callback), ms, ...args),
  };
  function guard(callback: (...args: unknown[]) => void) {
    return (...args: unknown[]) => {
      try {
        callback(...args);
      } catch (error) {
        reportUncaught('timer', error);
      }
    };
  }
  const activity = createActivityTracker({ timers: reportingTimers, realDelay: options.realDelay });
  const capture = createConsoleCapture({
    emit: (entry) => options.emit({ type: 'console', entry }),
    onTruncated: (note) => options.emit({ type: 'truncated', note }),
    now: options.now,
    ...(options.outputLimits ? { limits: options.outputLimits } : {}),
  });

  return {
    timers: activity.timers,
    track: (promise) => activity.track(promise),
    async run() {
      const unsubscribe = options.onUnhandledRejection?.((reason) => reportUncaught('unhandled-rejection', reason)) ?? (() => {});
      const finish = (status: ExecuteResult['status']): ExecuteResult => ({
        status,
        uncaughtErrors,
        droppedEntries: capture.droppedEntries(),
      });
      try {
        let program: () => Promise<unknown>;
        try {
          program = compileProgram(options.source, {
            modules: options.modules,
            globals: { ...options.globals, ...activity.timers, console: capture.console },
          });
        } catch (error) {
          reportUncaught('top-level', error);
          return finish('syntax-error');
        }
        let status: ExecuteResult['status'] = 'completed';
        options.onStart?.();
        try {
          await program();
        } catch (error) {
          status = 'threw';
          reportUncaught('top-level', error);
        }
        await activity.whenIdle();
        return finish(status);
      } finally {
        unsubscribe();
      }
    },
  };
}
