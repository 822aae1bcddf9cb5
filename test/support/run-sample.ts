/**
 * Runs a handling program from `src/samples/` the way the playground does: the same
 * source, against the mock KMS in a scenario's world, on an accelerated clock. The sample's
 * `setTimeout`/`Date` run on that clock too, so a polling loop with 30-second sleeps and the
 * mock's 4-minute CONNECTING phase agree, and a whole run takes well under a second.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatWithOptions } from 'node:util';
import { createKmsMock, type KmsMock } from 'kms-custom-key-store-mock';
import { getScenario, sampleEnvironment } from 'kms-custom-key-store-mock/scenarios';
import {
  WORLD_IDS,
  createScaledTimers,
  createSimulatedClock,
  type ConsistencyOptions,
  type ScaledTimers,
  type Timing,
} from 'kms-custom-key-store-mock/core';
import { TEST_CREDENTIALS } from './kms-client';
import { mockBehindMsw } from './mock-behind-msw';

/**
 * Simulated time passes this many times faster than real time during a run: a CloudHSM store's
 * 4-minute CONNECTING phase takes 60 ms, and the samples' 30-second polls 7.5 ms each. No faster:
 * Node's timers count whole milliseconds, so every wait under a millisecond here (4 simulated
 * seconds) takes the same 1 ms, and such waits end in the order they were set, not when due.
 */
const SAMPLE_CLOCK_SPEED = 4000;

/** A test's limit for a few sample runs: simulated minutes of polling take well under a second each. */
export const SAMPLE_TIMEOUT_MS = 20_000;

/** Durations close to real KMS (CloudHSM connects in minutes), which the samples' polling is written for. */
const REALISTIC_TIMING: Timing = {
  connectMs: { AWS_CLOUDHSM: 240_000, EXTERNAL_KEY_STORE: 90_000 },
  disconnectMs: 30_000,
};

/**
 * The lag the samples are run with in the eventual-consistency mode: KMS documents changes that
 * take "several minutes" in some cases; the samples tolerate the old state for 5 minutes.
 */
export const SAMPLE_LAG_MS = 120_000;

export interface SampleWorldOptions {
  timing?: Timing;
  speed?: number;
  /** Simulated eventual consistency (off when absent). */
  consistency?: ConsistencyOptions;
  /** Environment variables over the scenario's (`sampleEnvironment`); `undefined` unsets one. */
  environment?: Readonly<Record<string, string | undefined>>;
}

interface SampleRun {
  /** Everything the sample wrote with console.log/info/warn/error, one line per call. */
  output: string;
  /** What the sample threw, if it did not finish cleanly. */
  error: unknown;
}

/** A scenario's world behind a mock KMS, in which samples can be run one after another. */
export interface SampleWorld {
  mock: KmsMock;
  /** Runs `src/samples/<sample>.ts` once, as a fresh module. */
  run(sample: string): Promise<SampleRun>;
  close(): void;
}

const SAMPLES_DIR = fileURLToPath(new URL('../../src/samples/', import.meta.url));
const CAPTURED_CONSOLE_METHODS = ['log', 'info', 'warn', 'error'] as const;

// The playground hands the SDK dummy credentials; do the same so the SDK never looks further
// (shared config files, instance metadata) for them.
const SAMPLE_ENVIRONMENT = {
  AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_MAX_ATTEMPTS: undefined,
  AWS_RETRY_MODE: undefined,
} as const;

// Captured before any run replaces them with the simulated ones.
const realTimers = { setTimeout, clearTimeout, setInterval, clearInterval, Date };
let runCount = 0;

/**
 * Real time as a sample world's clock reads it: it moves only when a timer fires, to the moment
 * that timer was due, and stands still while code runs. Time the machine spends computing (under
 * load, or on the SDK's first call) then costs no simulated time: at 4000× one real millisecond
 * would be four simulated seconds, and a sample's 5-minute deadline only 75 real ms.
 * Timers still fire after their scaled real delay, in the order they would on the real clock.
 */
function timerDrivenTime() {
  let now = 0;
  const advanceTo = (due: number) => void (now = Math.max(now, due));
  type Callback = (...args: unknown[]) => void;
  const host = {
    Date: realTimers.Date,
    setTimeout(callback: Callback, ms = 0, ...args: unknown[]) {
      const due = now + ms;
      return realTimers.setTimeout(() => (advanceTo(due), callback(...args)), ms);
    },
    clearTimeout: (handle: ReturnType<typeof setTimeout> | undefined) => realTimers.clearTimeout(handle),
    setInterval(callback: Callback, ms = 0, ...args: unknown[]) {
      let due = now;
      return realTimers.setInterval(() => (advanceTo((due += ms)), callback(...args)), ms);
    },
    clearInterval: (handle: ReturnType<typeof setInterval> | undefined) => realTimers.clearInterval(handle),
  };
  return { now: () => now, host: host as unknown as typeof globalThis };
}

function openSampleWorld(scenario: string, options: SampleWorldOptions = {}): SampleWorld {
  const time = timerDrivenTime();
  const clock = createSimulatedClock({ speed: options.speed ?? SAMPLE_CLOCK_SPEED, realNow: time.now });
  const timers = createScaledTimers(clock, time.host);
  const setup = getScenario(scenario);
  const environment = { ...SAMPLE_ENVIRONMENT, ...sampleEnvironment(setup), ...options.environment };
  const mock = createKmsMock({
    scenario: setup,
    clock,
    timing: options.timing ?? REALISTIC_TIMING,
    sleep: timers.sleep,
    ...(options.consistency ? { consistency: options.consistency } : {}),
  });
  const served = mockBehindMsw(mock);

  async function run(sample: string): Promise<SampleRun> {
    const lines: string[] = [];
    const restore = [patchGlobals(timers), patchEnvironment(environment), captureConsole((line) => lines.push(line))];
    let error: unknown;
    try {
      runCount += 1;
      // A fresh module instance per run: the query makes the loader evaluate the file again.
      await import(/* @vite-ignore */ `${SAMPLES_DIR}${sample}.ts?run=${runCount}`);
    } catch (thrown) {
      error = thrown;
    } finally {
      for (const undo of restore.reverse()) undo();
    }
    return { output: lines.join('\n'), error };
  }

  return { mock, run, close: served.close };
}

/** Opens a scenario's world for `use`, and closes it however `use` ends. */
export async function withSampleWorld(
  scenario: string,
  options: SampleWorldOptions,
  use: (world: SampleWorld) => Promise<void>,
): Promise<void> {
  const world = openSampleWorld(scenario, options);
  try {
    await use(world);
  } finally {
    world.close();
  }
}

/** The world's CloudHSM store, the one the samples that connect a store act on. */
export function cloudHsmStoreOf(world: SampleWorld) {
  return world.mock.snapshot().stores.find((store) => store.id === WORLD_IDS.cloudHsmStoreId)!;
}

/** The kmsuser account of the world's CloudHSM cluster. */
export function kmsUserOf(world: SampleWorld) {
  return world.mock.snapshot().clusters.find((cluster) => cluster.id === WORLD_IDS.clusterId)!.kmsUser;
}

/** The source of `src/samples/<sample>.ts`. */
export function sampleSource(sample: string): string {
  return readFileSync(`${SAMPLES_DIR}${sample}.ts`, 'utf8');
}

function patchGlobals(timers: ScaledTimers): () => void {
  const host = globalThis as unknown as Record<string, unknown>;
  const replacements: Record<string, unknown> = {
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    setInterval: timers.setInterval,
    clearInterval: timers.clearInterval,
    Date: timers.Date,
  };
  const originals = Object.fromEntries(Object.keys(replacements).map((name) => [name, host[name]]));
  Object.assign(host, replacements);
  return () => Object.assign(host, originals);
}

function patchEnvironment(values: Readonly<Record<string, string | undefined>>): () => void {
  const originals = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(values);
  return () => apply(originals);
}

function captureConsole(write: (line: string) => void): () => void {
  const originals = CAPTURED_CONSOLE_METHODS.map((method) => [method, console[method]] as const);
  for (const method of CAPTURED_CONSOLE_METHODS) {
    console[method] = (...args: unknown[]) => write(formatWithOptions({ colors: false }, ...args));
  }
  return () => {
    for (const [method, original] of originals) console[method] = original;
  };
}
