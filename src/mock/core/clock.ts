/**
 * Simulated time. The mock never reads the wall clock itself: it asks a {@link Clock}.
 *
 * Real KMS takes minutes to connect a store. Tests keep real time but short durations; the
 * playground runs a realistic world on an accelerated clock, and gives the reader's code timers
 * on the same clock ({@link createScaledTimers}), so a polling loop with 30-second sleeps and
 * the mock's 4-minute CONNECTING phase agree with each other and finish in about a second.
 */

export interface Clock {
  /** Simulated milliseconds since the epoch. */
  now(): number;
}

export interface SimulatedClock extends Clock {
  /** Simulated time passes `speed` times faster than real time. */
  readonly speed: number;
  /** Jump ahead, e.g. to the end of a 7-day key deletion waiting period. */
  advance(ms: number): void;
  /** Simulated milliseconds elapsed since the clock was created (including jumps). */
  elapsed(): number;
}

export interface SimulatedClockOptions {
  /** Real time source; defaults to `Date.now`. */
  realNow?: () => number;
  /** Simulated ms per real ms (1 = real time). */
  speed?: number;
  /** Simulated time at creation; defaults to the real time. */
  start?: number;
}

export function createSimulatedClock(options: SimulatedClockOptions = {}): SimulatedClock {
  // Bound now: a caller may later replace globalThis.Date with createScaledTimers(clock).Date.
  const realNow = options.realNow ?? Date.now.bind(Date);
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new RangeError(`Clock speed must be positive, got ${speed}`);
  const realStart = realNow();
  const start = options.start ?? realStart;
  let jumped = 0;
  const elapsed = () => (realNow() - realStart) * speed + jumped;
  return {
    speed,
    now: () => Math.floor(start + elapsed()),
    elapsed,
    advance(ms: number) {
      if (ms < 0) throw new RangeError('The clock only moves forward.');
      jumped += ms;
    },
  };
}

type TimerHandle = ReturnType<typeof setTimeout>;

export interface ScaledTimers {
  setTimeout(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
  setInterval(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): TimerHandle;
  clearInterval(handle: TimerHandle | undefined): void;
  /** A `Date` class whose `now()` and no-argument constructor read the simulated clock. */
  Date: DateConstructor;
  /** Resolves after `ms` simulated milliseconds. */
  sleep(ms: number): Promise<void>;
}

/**
 * Timers and `Date` that run on `clock`: a delay of `ms` simulated milliseconds waits
 * `ms / clock.speed` real milliseconds.
 */
export function createScaledTimers(clock: SimulatedClock, host: typeof globalThis = globalThis): ScaledTimers {
  const realSetTimeout = host.setTimeout.bind(host);
  const realClearTimeout = host.clearTimeout.bind(host);
  const realSetInterval = host.setInterval.bind(host);
  const realClearInterval = host.clearInterval.bind(host);
  const RealDate = host.Date;
  const scale = (ms: number | undefined) => Math.max(0, (Number(ms) || 0) / clock.speed);

  // A Date subclass: `new Date()` and `Date.now()` give simulated time; `new Date(x)` is unchanged.
  class SimulatedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock.now());
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return clock.now();
    }
  }

  return {
    setTimeout: (callback, ms, ...args) => realSetTimeout(callback, scale(ms), ...args),
    clearTimeout: (handle) => realClearTimeout(handle),
    setInterval: (callback, ms, ...args) => realSetInterval(callback, scale(ms), ...args),
    clearInterval: (handle) => realClearInterval(handle),
    Date: SimulatedDate as DateConstructor,
    sleep: (ms) => new Promise<void>((resolve) => realSetTimeout(() => resolve(), scale(ms))),
  };
}
