/**
 * The run worker: one per run, terminated afterwards (or when the reader presses Stop or the
 * time limit is hit); it warms up while it waits for its run. It holds the real SDK, the mock KMS answering through its
 * fetch adapter, and one simulated clock that drives the mock, `setTimeout`/`setInterval` and
 * `Date` alike. Nothing leaves the worker: see installNetworkGuard.
 */
import './local-storage-shim';
import {
  KMS_HOST,
  createFetchResponder,
  createScaledTimers,
  createSimulatedClock,
  createSimulatedMock,
  getScenario,
  isDroppedConnection,
  type SimulatedMock,
} from 'kms-custom-key-store-mock';
import type { FromWorker, RunMark, RunRequest, ToWorker } from '../protocol';
import { installNetworkGuard, prepareExecution, transpileProgram, type ProgramExecution, type TimerFunctions } from '../runner';
import { kmsModule } from './kms-module';
import { createPanelNews } from './panel-news';
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
/** Set when the run arrives: the warm-up then stops at once and the run starts. */
let runRequested = false;

/** Answers the KMS requests the network guard lets through: the warm-up's mocks, then the run's. */
let answer: (request: Request) => Promise<Response | undefined> = () => Promise.resolve(undefined);

installNetworkGuard(scope as unknown as Record<string, unknown>, {
  allows: (url) => url.protocol === 'https:' && KMS_HOST.test(url.hostname),
  respond: (request) => answer(request),
  reachable: 'AWS KMS endpoints (https://kms.<region>.amazonaws.com)',
});

scope.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'prime') {
    if (!runRequested) compileAhead(message.source);
  } else if (message.type === 'run') {
    if (runRequested) return post({ type: 'crashed', message: 'This worker has already run a program.' });
    runRequested = true;
    warming
      .then(() => run(message))
      .catch((error: unknown) => {
        news.flush();
        post({ type: 'crashed', message: error instanceof Error ? error.message : String(error) });
      });
  } else {
    active?.act(message);
  }
});

/** The modules a program can import; `sleep` waits simulated milliseconds. */
const programModules = (sleep: (ms: number) => Promise<void>) => ({
  '@aws-sdk/client-kms': kmsModule,
  'node:timers/promises': timersPromisesModule(sleep),
  'timers/promises': timersPromisesModule(sleep),
});

/**
 * Answers a request from `mock`, counted as the program's pending work; `undefined` for a request
 * that is not for a KMS or CloudHSM endpoint. Through the mock's fetch adapter, not MSW's
 * `getResponse`: the network guard has already intercepted the request, and MSW would clone it
 * (a tee of its body) and match handlers on the way, about 3 ms of a run's first request here.
 * A dropped connection (injected network-error fault) fails as it does in a browser. The message
 * must be exactly "Failed to fetch": that is how @smithy/core recognises a browser network error
 * and retries it (isBrowserNetworkError in its service-error classification).
 */
function answerFrom(mock: SimulatedMock, execution: () => ProgramExecution, onResponse: () => void = () => {}) {
  const responder = createFetchResponder(mock.handle);
  return async (request: Request) => {
    if (!responder.answers(request)) return undefined;
    const response = await execution().track(responder.respond(request));
    onResponse();
    if (isDroppedConnection(response)) {
      throw new TypeError('Failed to fetch', {
        cause: new Error('The simulated connection to KMS was dropped (injected network-error fault).'),
      });
    }
    return response;
  };
}

const news = createPanelNews(post);

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
  // Every run draws its lags afresh from the seed, so the same code meets the same stale answers.
  const mock = createSimulatedMock({
    world: request.world,
    clock,
    sleep,
    ...(request.consistency ? { consistency: request.consistency } : {}),
  });
  mock.subscribe((event) => (event.type === 'request' ? news.request(event.record) : news.world(event.world)));
  mark('mock-ready');

  execution = prepareExecution({
    source: request.source,
    modules: programModules(sleep),
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
  const answerRun = answerFrom(mock, tracked, () => mark('first-response'));
  answer = (request) => {
    mark('first-request');
    return answerRun(request);
  };

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
  news.flush();
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

/** What the warm-up runs, in a healthy world: a program like a reader's, with calls that succeed and one that fails. */
const WARM_UP_PROGRAM = `import { ConnectCustomKeyStoreCommand, DescribeCustomKeyStoresCommand, KMSClient } from "@aws-sdk/client-kms";
const kms = new KMSClient({ region: "eu-west-1" });
const { CustomKeyStores = [] } = await kms.send(new DescribeCustomKeyStoresCommand({}));
for (const { CustomKeyStoreId } of CustomKeyStores) await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
const missing = await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: "cks-00000000000000000" })).catch((error) => error);
console.log("warm", CustomKeyStores.length, missing);
export {};`;

/**
 * The first passes through the transpiler, the runner, the mock and the SDK (middleware stack,
 * signing, fetch, parsing) are several times slower than later ones, until the engine has
 * compiled them: take them now, while the reader reads, with throwaway mocks, the way a run goes,
 * so a run's first line does not wait for them. A run that arrives meanwhile does not wait for
 * them either: the pass under way ends at its next request.
 */
const WARM_UP_PASSES = 4;

async function warmUp() {
  post({ type: 'ready' });
  for (let pass = 0; pass < WARM_UP_PASSES && !runRequested; pass++) {
    try {
      await warmUpPass();
    } catch {
      // A warm-up failure only costs speed; the run reports real problems.
    }
  }
  answer = () => Promise.resolve(undefined);
}

const realTimers = {
  setTimeout: realSetTimeout,
  clearTimeout: scope.clearTimeout.bind(scope),
  setInterval: realSetInterval,
  clearInterval: realClearInterval,
} as TimerFunctions;
// The warm-up program sets no timers: it is over once its last request is, a task later.
const nextTask = () => new Promise<void>((resolve) => realSetTimeout(resolve, 0));

async function warmUpPass() {
  const mock = createSimulatedMock({ scenario: getScenario('healthy') });
  // A listener, as in a run: the mock then copies the world for each change (posted to nobody).
  mock.subscribe(() => {});
  const execution = prepareExecution({
    source: WARM_UP_PROGRAM,
    modules: programModules(nextTask),
    timers: realTimers,
    globals: { process: { env: {} } },
    now: realNow,
    realDelay: nextTask,
    emit: () => {},
  });
  const answerWarmUp = answerFrom(mock, () => execution);
  // Each request waits a task first, so that a run's message is taken in between; the pass then
  // ends with an error that is not a network error (which the SDK would retry).
  answer = async (request) => {
    await nextTask();
    if (runRequested) throw new Error('A run is waiting.');
    return answerWarmUp(request);
  };
  await execution.run();
}

const warming = warmUp();
