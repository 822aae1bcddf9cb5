/**
 * The MSW adapter. It turns a fetch `Request` to a KMS host (or a CloudHSM host: the simulation
 * answers `cloudhsmv2` over the same world) into a wire request for the simulation, and the wire
 * response back into a `Response`.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { CLOUDHSM_HOST, KMS_HOST } from '../core/protocol.ts';
import type { KmsSimulation } from '../core/simulation.ts';

/**
 * A side channel for server adapters (the Node server): the request body it has already read, and
 * the answer's body, travel beside a body-less `Request` and `Response` rather than as web streams.
 * Profiling the Node server showed those streams (MSW tees the request's to clone it) costing more
 * CPU than the simulation answering the request. Requests built any other way are read as usual.
 */
const READ_BODIES = new WeakMap<Request, string>();
const ANSWER_BODIES = new WeakMap<Response, string>();

/** A `Request` for the handlers that carries `body` beside it; read its answer with {@link answerBody}. */
export function bodilessRequest(url: string, init: { method: string; headers: Headers }, body: string): Request {
  const request = new Request(url, init);
  READ_BODIES.set(request, body);
  return request;
}

/** The body of a handler's answer, from the side channel when the request came through it. */
export function answerBody(response: Response): Promise<string> {
  const body = ANSWER_BODIES.get(response);
  return body === undefined ? response.text() : Promise.resolve(body);
}

/** The answers that stand for a dropped connection (see {@link droppedConnection}). */
const DROPPED_CONNECTIONS = new WeakSet<Response>();

/**
 * The socket error a reset connection gives in Node: `code` and `errno` as libuv sets them.
 * `@smithy/core` classifies ECONNRESET (with ECONNREFUSED, EPIPE, ETIMEDOUT, EHOSTUNREACH,
 * ENETUNREACH, ENOTFOUND and EAI_AGAIN) as transient and retries it
 * (`submodules/retry/service-error-classification/constants.js`, NODEJS_TIMEOUT_ERROR_CODES).
 */
export function connectionResetError(detail: string): Error & { code: 'ECONNRESET'; errno: number; syscall: string } {
  return Object.assign(new Error(`read ECONNRESET (${detail})`), { code: 'ECONNRESET' as const, errno: -104, syscall: 'read' });
}

/**
 * An injected network-error fault as an answer. Not `HttpResponse.error()`: under msw/node that
 * reaches the SDK as `TypeError: Network error`, with no socket error code, which the SDK does not
 * retry. A body that fails before anything is sent makes msw/node's interceptor close the socket, so
 * Node's HTTP client reports `socket hang up` with code ECONNRESET, as for a connection a real
 * network resets, and the SDK retries it as it would in production. Adapters that answer with
 * `getResponse` recognise the answer with {@link isDroppedConnection} and drop the connection their
 * own way (the Node server destroys the socket; the playground throws the browser's `Failed to fetch`).
 */
function droppedConnection(detail: string): Response {
  const body = new ReadableStream<Uint8Array>({ start: (controller) => controller.error(connectionResetError(detail)) });
  const response = new HttpResponse(body, { status: 200 });
  DROPPED_CONNECTIONS.add(response);
  return response;
}

/** The handlers' answer stands for a dropped connection: send nothing, fail the request as a network would. */
export function isDroppedConnection(response: Response): boolean {
  return DROPPED_CONNECTIONS.has(response);
}

export function createKmsHandlers(simulation: KmsSimulation): HttpHandler[] {
  return [
    http.post(
      ({ request }) => {
        const url = new URL(request.url);
        return (KMS_HOST.test(url.hostname) || CLOUDHSM_HOST.test(url.hostname)) && (url.pathname === '/' || url.pathname === '');
      },
      async ({ request }) => {
        const readBody = READ_BODIES.get(request);
        const result = await simulation.handle({
          target: request.headers.get('x-amz-target'),
          body: readBody ?? (await request.text()),
          sdkRequestHeader: request.headers.get('amz-sdk-request'),
        });
        if ('networkError' in result) return droppedConnection(result.networkError);
        if (readBody === undefined) return new HttpResponse(result.body, { status: result.status, headers: result.headers });
        const response = new HttpResponse(null, { status: result.status, headers: result.headers });
        ANSWER_BODIES.set(response, result.body);
        return response;
      },
    ),
  ];
}
