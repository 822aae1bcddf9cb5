/**
 * Keeps count of the work a program has left: pending timers and in-flight requests. A run is
 * over when the program's top level has finished *and* nothing is pending, as in Node, so
 * `setTimeout(() => console.log('later'), 1000)` still prints before the run ends.
 */

type Handle = ReturnType<typeof setTimeout>;

export interface TimerFunctions {
  setTimeout(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): Handle;
  clearTimeout(handle: Handle | undefined): void;
  setInterval(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): Handle;
  clearInterval(handle: Handle | undefined): void;
}

export interface ActivityTracker {
  /** Timers that count as pending work while they are scheduled. */
  timers: TimerFunctions;
  /** Counts `promise` as pending work until it settles, and returns it. */
  track<T>(promise: Promise<T>): Promise<T>;
  pending(): number;
  /** Resolves once nothing has been pending for `graceMs` of real time. */
  whenIdle(): Promise<void>;
}

export interface ActivityTrackerOptions {
  /** The timers to wrap (scaled ones in the playground). */
  timers: TimerFunctions;
  /** Real-time delay used to confirm idleness (not counted as work). */
  realDelay(ms: number): Promise<void>;
  /**
   * Quiet time before the program counts as finished: promise chains that are not timers or
   * requests (WebCrypto signing, for instance) get this long to schedule more work.
   */
  graceMs?: number;
}

export function createActivityTracker(options: ActivityTrackerOptions): ActivityTracker {
  const base = options.timers;
  const graceMs = options.graceMs ?? 25;
  const timeouts = new Set<Handle>();
  const intervals = new Set<Handle>();
  let inFlight = 0;
  let changes = 0;
  const pending = () => timeouts.size + intervals.size + inFlight;
  const changed = () => {
    changes += 1;
  };

  const timers: TimerFunctions = {
    setTimeout(callback, ms, ...args) {
      const handle = base.setTimeout(() => {
        timeouts.delete(handle);
        changed();
        callback(...args);
      }, ms);
      timeouts.add(handle);
      changed();
      return handle;
    },
    clearTimeout(handle) {
      if (handle !== undefined && timeouts.delete(handle)) changed();
      base.clearTimeout(handle);
    },
    setInterval(callback, ms, ...args) {
      const handle = base.setInterval(() => callback(...args), ms);
      intervals.add(handle);
      changed();
      return handle;
    },
    clearInterval(handle) {
      if (handle !== undefined && intervals.delete(handle)) changed();
      base.clearInterval(handle);
    },
  };

  return {
    timers,
    pending,
    track(promise) {
      inFlight += 1;
      changed();
      const done = () => {
        inFlight -= 1;
        changed();
      };
      promise.then(done, done);
      return promise;
    },
    async whenIdle() {
      for (;;) {
        const before = changes;
        await options.realDelay(graceMs);
        if (pending() === 0 && changes === before) return;
      }
    },
  };
}
