/**
 * The run worker: one per run, terminated afterwards (or when the reader presses Stop or the
 * time limit is hit). It holds the real SDK, the mock KMS answering through MSW's
 * `getResponse`, and one simulated clock that drives the mock, `setTimeout`/`setInterval` and
 * `Date` alike. Nothing leaves the worker: see installNetworkGuard.
 */
import './local-storage-shim';
import { DescribeCustomKeyStoresCommand, KMSClient } from '@aws-sdk/client-kms';
import { getResponse } from 'msw';
import {
  KMS_HOST,
  createKmsMock,
  createMockRequestHandler,
  createScaledTimers,
  createSimulatedClock,
  isDroppedConnection,
} from 'kms-custom-key-store-mock';
import type { FromWorker, RunMark, RunRequest, ToWorker } from '../protocol';
import { installNetworkGuard, prepareExecution, transpileProgram, type ProgramExecution, type TimerFunctions } from '../runner';
import { DEFAULT_REGION, kmsModule, PLACEHOLDER_CREDENTIALS } from './kms-module';
import { timersPromisesModule } from './timers-module';

/** The parts of a dedicated worker's global scope used here (the project's types are the DOM's). */
type WorkerScope = typeof globalThis & { postMessage(message: FromWorker): void };
const scope = self as unknown as WorkerScope;
const realSetTimeout = scope.setTimeout.bind(scope);
const realSetInterval = scope.setInterval.bind(scope);
const realClearInterval = scope.clearInterval.bind(scope);
// Captured before `Date` is replaced by the simulated one, which reads the clock, which reads this.
const realNow = Date.now.bind(Date);
const post = (message: FromWorker) => scope.postMessage(message);

let active: { act(message: ToWorker): void } | undefined;

scope.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'prime') {
    if (!active) compileAhead(message.source);
  } else if (message.type === 'run') {
    if (active) return post({ type: 'crashed', message: 'This worker has already run a program.' });
    run(message).catch((error: unknown) =>
      post({ type: 'crashed', message: error instanceof Error ? error.message : String(error) }),
    );
  } else {
    active?.act(message);
  }
});

async function run(request: RunRequest) {
  const marks: Partial<Record<RunMark, number>> = {};
  const mark = (name: RunMark) => (marks[name] ??= performance.timeOrigin + performance.now());
  mark('run-received');
  // Simulated time stands still until the program's first line runs, so start-up (sped up
  // `speed` times) does not eat into the scenario's timing.
  let realStart: number | undefined;
  const clock = createSimulatedClock({
    speed: request.speed,
    start: request.world.now,
    realNow: () => (realStart === undefined ? 0 : realNow() - realStart),
  });
  const scaled = createScaledTimers(clock, scope as unknown as typeof globalThis);
  let execution: ProgramExecution | undefined;
  const tracked = (): ProgramExecution => {
    if (!execution) throw new Error('The program is not running yet.');
    return execution;
  };
  /** Waits `ms` simulated milliseconds, counted as pending work of the program. */
  const sleep = (ms: number) => new Promise<void>((resolve) => tracked().timers.setTimeout(() => resolve(), ms));
  // The page's eventual-consistency toggle travels in the world: lags drawn afresh from its seed.
  const lag = request.world.consistency;
  const mock = createKmsMock({
    world: request.world,
    clock,
    sleep,
    ...(lag ? { consistency: { lagMs: lag.lagMs, seed: lag.seed } } : {}),
  });
  mock.subscribe((event) =>
    post(event.type === 'request' ? { type: 'request', record: event.record } : { type: 'world', world: event.world }),
  );
  mark('mock-ready');

  execution = prepareExecution({
    source: request.source,
    modules: {
      '@aws-sdk/client-kms': kmsModule,
      'node:timers/promises': timersPromisesModule(sleep),
      'timers/promises': timersPromisesModule(sleep),
    },
    timers: scaled as TimerFunctions,
    // Samples read their inputs (the store to act on) from environment variables, as in Node.
    globals: { Date: scaled.Date, process: { env: { ...request.environment } } },
    now: () => clock.now(),
    realDelay: (ms) => new Promise((resolve) => realSetTimeout(resolve, ms)),
    emit: (event) => {
      if (event.type === 'console') mark('first-output');
      post({ type: 'program', event });
    },
    onStart: () => {
      mark('program-started');
      realStart = realNow();
    },
    onUnhandledRejection: (report) => {
      const listener = (event: PromiseRejectionEvent) => {
        event.preventDefault();
        report(event.reason);
      };
      scope.addEventListener('unhandledrejection', listener);
      return () => scope.removeEventListener('unhandledrejection', listener);
    },
  });

  mark('program-prepared');
  // Libraries the program calls (the SDK's retry back-off, for one) share the program's clock.
  Object.assign(scope, execution.timers, { Date: scaled.Date });
  installNetworkGuard(scope as unknown as Record<string, unknown>, {
    allows: (url) => url.protocol === 'https:' && KMS_HOST.test(url.hostname),
    respond: async (request) => {
      mark('first-request');
      const response = await tracked().track(getResponse(mock.handlers, request));
      mark('first-response');
      // A dropped connection (injected network-error fault) fails as it does in a browser. The message
      // must be exactly "Failed to fetch": that is how @smithy/core recognises a browser network error
      // and retries it (isBrowserNetworkError in its service-error classification).
      if (response && isDroppedConnection(response)) {
        throw new TypeError('Failed to fetch', {
          cause: new Error('The simulated connection to KMS was dropped (injected network-error fault).'),
        });
      }
      return response;
    },
    reachable: 'AWS KMS endpoints (https://kms.<region>.amazonaws.com)',
  });

  active = {
    act(message) {
      try {
        if (message.type === 'act') mock.act(message.action);
        else if (message.type === 'advance-time') mock.advanceTime(message.ms);
      } catch (error) {
        post({ type: 'act-failed', message: error instanceof Error ? error.message : String(error) });
      }
    },
  };
  const ticker = realSetInterval(() => post({ type: 'clock', now: clock.now() }), 100);
  const result = await execution.run();
  realClearInterval(ticker);
  post({ type: 'finished', result, world: mock.snapshot(), now: clock.now(), marks });
}

/** Compiles the reader's code before Run; a syntax error is reported when the code runs. */
function compileAhead(source: string) {
  try {
    transpileProgram(source);
  } catch {
    // Reported by the run itself, with the line and column.
  }
}

/**
 * The first pass through the transpiler, the mock and the SDK (middleware stack, signing,
 * parsing) is several times slower than the next: take it now, while the reader reads, on a
 * throwaway mock and client, so a run's first line does not wait for it.
 */
async function warmUp() {
  compileAhead('const warm: number = 1;\nexport { warm };');
  const mock = createKmsMock();
  const client = new KMSClient({
    region: DEFAULT_REGION,
    credentials: PLACEHOLDER_CREDENTIALS,
    requestHandler: createMockRequestHandler(mock.handlers),
    maxAttempts: 1,
  });
  await client.send(new DescribeCustomKeyStoresCommand({}));
  client.destroy();
}

warmUp()
  .catch(() => {
    // A warm-up failure only costs speed; the run reports real problems.
  })
  .finally(() => post({ type: 'ready' }));
