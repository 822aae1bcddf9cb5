/**
 * The MSW adapter. It turns a fetch `Request` to a KMS host (or a CloudHSM host: the simulation
 * answers `cloudhsmv2` over the same world) into a wire request for the simulation, and the wire
 * response back into a `Response`.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { CLOUDHSM_HOST, KMS_HOST, type WireResponse } from '../core/protocol.ts';
import type { KmsSimulation } from '../core/simulation.ts';

/**
 * A side channel for server adapters (the Node server): the request body it has already read, and
 * the answer's status, headers and body, travel on a body-less `Request` and `Response` rather than
 * as web streams and `Headers`. Profiling the Node server showed those streams (MSW tees the
 * request's to clone it) costing more CPU than the simulation answering the request. They are
 * fields of subclasses, not entries in a module-level WeakMap: V8's young-generation collections
 * keep such a map's values alive until a full collection, so every body was copied to the old
 * generation (the heap grew to three times the size, each request cost 2-4 µs more). Requests
 * built any other way are read as usual.
 */
class ReadRequest extends Request {
  readonly readBody: string;
  constructor(url: string, method: string, body: string) {
    super(url, { method });
    this.readBody = body;
  }
}

class SimulatedAnswer extends HttpResponse<null> {
  readonly wire: WireResponse;
  constructor(wire: WireResponse) {
    super(null, { status: wire.status, headers: wire.headers });
    this.wire = wire;
  }
}

/** A `Request` for the handlers that carries `body` beside it; read its answer with {@link readAnswer}. */
export function bodilessRequest(url: string, init: { method: string; headers: ReadonlyArray<readonly [string, string]> }, body: string): Request {
  const request = new ReadRequest(url, init.method, body);
  // One append per header costs less than the Request constructor's conversion of a header list.
  for (const [name, value] of init.headers) request.headers.append(name, value);
  return request;
}

/** A handler's answer as plain data: from the side channel when the request came through it, else read from the `Response`. */
export async function readAnswer(response: Response): Promise<WireResponse> {
  if (response instanceof SimulatedAnswer) return response.wire;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return { status: response.status, headers, body: await response.text() };
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

/** The root of a KMS or CloudHSM endpoint, where AWS JSON 1.1 requests go. */
function isAwsJsonEndpoint(href: string): boolean {
  const url = new URL(href);
  return (KMS_HOST.test(url.hostname) || CLOUDHSM_HOST.test(url.hostname)) && (url.pathname === '/' || url.pathname === '');
}

/** `test`, answering again from memory when asked about the same URL twice in a row, as a client's requests do. */
function rememberingLast(test: (href: string) => boolean): (href: string) => boolean {
  let lastHref: string | undefined;
  let lastAnswer = false;
  return (href) => {
    if (href !== lastHref) {
      lastAnswer = test(href);
      lastHref = href;
    }
    return lastAnswer;
  };
}

export function createKmsHandlers(simulation: KmsSimulation): HttpHandler[] {
  const isEndpoint = rememberingLast(isAwsJsonEndpoint);
  return [
    http.post(
      ({ request }) => isEndpoint(request.url),
      async ({ request }) => {
        const readBody = request instanceof ReadRequest ? request.readBody : undefined;
        const result = await simulation.handle({
          target: request.headers.get('x-amz-target'),
          body: readBody ?? (await request.text()),
          sdkRequestHeader: request.headers.get('amz-sdk-request'),
        });
        if ('networkError' in result) return droppedConnection(result.networkError);
        if (readBody === undefined) return new HttpResponse(result.body, { status: result.status, headers: result.headers });
        return new SimulatedAnswer(result);
      },
    ),
  ];
}
