/**
 * The fetch adapter: answers a fetch `Request` to a KMS or CloudHSM endpoint with a `Response`,
 * from the simulation. It needs only the web platform's `Request`, `Response` and `ReadableStream`,
 * so it runs wherever `fetch` does (a browser page or worker, Node). The MSW handlers wrap it; code
 * that intercepts `fetch` itself (the playground's run worker, a service worker, a test's own
 * `fetch`) can call it directly and skip MSW's handler matching and request cloning.
 */
import { CLOUDHSM_HOST, KMS_HOST, type WireRequest } from '../core/protocol.ts';
import type { HandleResult } from '../core/simulation.ts';

export interface FetchResponder {
  /** True for a POST to the root of a KMS or CloudHSM endpoint (any Region, FIPS too), where AWS JSON 1.1 requests go. */
  answers(request: Request): boolean;
  /** The answer to a request it {@link answers}: KMS's answer, its error answer for a malformed request, or a dropped connection. */
  respond(request: Request): Promise<Response>;
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
 * An injected network-error fault as an answer. Not `Response.error()`: under msw/node that
 * reaches the SDK as `TypeError: Network error`, with no socket error code, which the SDK does not
 * retry. A body that fails before anything is sent makes msw/node's interceptor close the socket, so
 * Node's HTTP client reports `socket hang up` with code ECONNRESET, as for a connection a real
 * network resets, and the SDK retries it as it would in production. Callers that take the answer
 * themselves recognise it with {@link isDroppedConnection} and drop the connection their own way
 * (the SDK request handler throws ECONNRESET; the playground throws the browser's `Failed to fetch`).
 */
function droppedConnection(detail: string): Response {
  const body = new ReadableStream<Uint8Array>({ start: (controller) => controller.error(connectionResetError(detail)) });
  const response = new Response(body, { status: 200 });
  DROPPED_CONNECTIONS.add(response);
  return response;
}

/** The answer stands for a dropped connection: send nothing, fail the request as a network would. */
export function isDroppedConnection(response: Response): boolean {
  return DROPPED_CONNECTIONS.has(response);
}

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

/** A responder for the simulation's `handle` (`createSimulatedMock().handle`). */
export function createFetchResponder(handle: (request: WireRequest) => Promise<HandleResult>): FetchResponder {
  const isEndpoint = rememberingLast(isAwsJsonEndpoint);
  return {
    answers: (request) => request.method === 'POST' && isEndpoint(request.url),
    async respond(request) {
      const result = await handle({
        target: request.headers.get('x-amz-target'),
        body: await request.text(),
        sdkRequestHeader: request.headers.get('amz-sdk-request'),
      });
      if ('networkError' in result) return droppedConnection(result.networkError);
      return new Response(result.body, { status: result.status, headers: result.headers });
    },
  };
}
