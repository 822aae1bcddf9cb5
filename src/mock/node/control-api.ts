/**
 * The control API under `/_mock/`: what a test or an operator does to the mock from outside the
 * AWS APIs (read the world, carry out a world action, inject a fault, move the clock, switch
 * scenario, reset). Every body is checked by the core's parsers before it touches the world;
 * anything malformed is a 400 whose `error` says what is wrong.
 */
import {
  ControlInputError,
  WorldActionError,
  describeWorldAction,
  parseAdvanceMs,
  parseFaultInput,
  parseWorldAction,
} from '../core/index.ts';
import type { SimulatedMock } from '../mock.ts';

export const CONTROL_PREFIX = '/_mock/';

/**
 * The AWS endpoint (KMS and CloudHSM, AWS JSON 1.1) with no signature verification, under the control
 * API: an SDK given `<server>/_mock/aws` as its endpoint sends `POST /_mock/aws/` there. The kms-mock
 * CLI sends its own KMS calls (a scenario's trigger) here.
 */
export const UNSIGNED_AWS_PATH = `${CONTROL_PREFIX}aws/`;

export const isUnsignedAwsPath = (path: string) => path === UNSIGNED_AWS_PATH || path === UNSIGNED_AWS_PATH.slice(0, -1);

/** What the control API acts on: the addressed account's mock, and switching it for another scenario. */
export interface ControlTarget {
  readonly mock: SimulatedMock;
  /** The id of the scenario the mock started from (undefined for an empty account or a scenario without one). */
  readonly scenarioId: string | undefined;
  /** Replaces the mock with one started from the scenario `id`; throws ControlInputError when unknown. */
  switchScenario(id: string): void;
  /** Every account the server holds a world for. */
  accountIds(): string[];
}

interface Route {
  method: 'GET' | 'POST';
  /** Whether the body matters (a route without one ignores it). */
  takesBody?: true;
  run(target: ControlTarget, body: unknown): unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function field(body: unknown, name: string): unknown {
  if (!isRecord(body)) throw new ControlInputError(`The body must be a JSON object with "${name}".`);
  return body[name];
}

const ROUTES: Readonly<Record<string, Route>> = {
  world: { method: 'GET', run: ({ mock }) => mock.snapshot() },
  requests: { method: 'GET', run: ({ mock }) => ({ requests: mock.requests }) },
  accounts: { method: 'GET', run: (target) => ({ accounts: target.accountIds() }) },
  act: {
    method: 'POST',
    takesBody: true,
    run({ mock }, body) {
      const action = parseWorldAction(body);
      mock.act(action);
      return { applied: describeWorldAction(action) };
    },
  },
  fault: {
    method: 'POST',
    takesBody: true,
    run({ mock }, body) {
      mock.faults.inject(parseFaultInput(body));
      return { faults: mock.snapshot().faults };
    },
  },
  'faults/clear': {
    method: 'POST',
    run({ mock }) {
      mock.faults.clear();
      return { faults: [] };
    },
  },
  advance: {
    method: 'POST',
    takesBody: true,
    run({ mock }, body) {
      mock.advanceTime(parseAdvanceMs(field(body, 'ms')));
      return { now: new Date(mock.now()).toISOString() };
    },
  },
  scenario: {
    method: 'POST',
    takesBody: true,
    run(target, body) {
      const id = field(body, 'id');
      if (typeof id !== 'string' || id === '') throw new ControlInputError(`"id" must be a scenario id string.`);
      target.switchScenario(id);
      return { scenario: id };
    },
  },
  reset: {
    method: 'POST',
    run({ mock, scenarioId }) {
      mock.reset();
      return { now: new Date(mock.now()).toISOString(), scenario: scenarioId ?? null };
    },
  },
};

export const CONTROL_ROUTES = Object.keys(ROUTES).map((name) => `${ROUTES[name]!.method} ${CONTROL_PREFIX}${name}`);

export interface ControlAnswer {
  status: number;
  body: unknown;
}

/** Whether the route at `path` wants its body read (so the server reads only what it needs). */
export function controlRouteTakesBody(path: string): boolean {
  return ROUTES[path.slice(CONTROL_PREFIX.length)]?.takesBody === true;
}

/** Answers one control request. `bodyText` is the raw body (undefined when not read). */
export function answerControl(target: ControlTarget, method: string, path: string, bodyText: string | undefined): ControlAnswer {
  const name = path.slice(CONTROL_PREFIX.length);
  const route = Object.hasOwn(ROUTES, name) ? ROUTES[name] : undefined;
  if (!route) return { status: 404, body: { error: `No control endpoint ${path}. Endpoints: ${CONTROL_ROUTES.join(', ')}.` } };
  if (method !== route.method) return { status: 405, body: { error: `${path} takes ${route.method}, not ${method}.` } };
  let body: unknown;
  if (route.takesBody) {
    if (!bodyText?.trim()) return { status: 400, body: { error: `${path} needs a JSON body.` } };
    try {
      body = JSON.parse(bodyText);
    } catch (error) {
      return { status: 400, body: { error: `The body of ${path} is not valid JSON: ${(error as Error).message}` } };
    }
  }
  try {
    return { status: 200, body: route.run(target, body) };
  } catch (error) {
    if (error instanceof ControlInputError || error instanceof WorldActionError)
      return { status: 400, body: { error: error.message } };
    throw error;
  }
}
