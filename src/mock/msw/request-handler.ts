/**
 * An SDK `requestHandler` that answers from MSW handlers directly, without patching `fetch`
 * or `http` globally. Useful where a global interceptor would get in the way, e.g. several
 * mocks at once in one process (the site build reproduces every scenario concurrently).
 */
import { HttpResponse, type HttpHandler, type HttpRequest } from '@smithy/core/protocols';
import { getResponse, type RequestHandler } from 'msw';
import { connectionResetError, isDroppedConnection } from '../fetch/fetch-responder.ts';

export function createMockRequestHandler(handlers: readonly RequestHandler[]): HttpHandler {
  return {
    metadata: { handlerProtocol: 'h1' },
    async handle(request: HttpRequest) {
      const url = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}`;
      const body =
        typeof request.body === 'string' || request.body instanceof Uint8Array ? (request.body as BodyInit) : undefined;
      const response = await getResponse(
        [...handlers],
        new Request(url, { method: request.method, headers: request.headers, ...(body !== undefined ? { body } : {}) }),
      );
      // A dropped connection fails as Node's HTTP client fails on a reset socket, so the SDK retries it.
      if (response && isDroppedConnection(response)) throw connectionResetError('simulated dropped connection');
      if (!response) throw new TypeError(`No mock handler for ${url}`);
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      return {
        response: new HttpResponse({ statusCode: response.status, headers, body: new Uint8Array(await response.arrayBuffer()) }),
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}
