/**
 * An SDK `requestHandler` that answers from MSW handlers directly, without patching `fetch`
 * or `http` globally. Useful where a global interceptor would get in the way, e.g. several
 * mocks at once in one process (the site build reproduces every scenario concurrently).
 */
import { getResponse, type RequestHandler } from 'msw';

interface SmithyHttpRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export function createMockRequestHandler(handlers: readonly RequestHandler[]) {
  return {
    metadata: { handlerProtocol: 'h1' },
    async handle(request: SmithyHttpRequest): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Uint8Array } }> {
      const url = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}`;
      const body = typeof request.body === 'string' || request.body instanceof Uint8Array ? (request.body as BodyInit) : undefined;
      const response = await getResponse([...handlers], new Request(url, { method: request.method, headers: request.headers, ...(body !== undefined ? { body } : {}) }));
      if (!response || response.type === 'error') {
        throw Object.assign(new TypeError(response ? 'Network error (simulated dropped connection)' : `No mock handler for ${url}`), {
          code: 'ECONNRESET',
        });
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      return { response: { statusCode: response.status, headers, body: new Uint8Array(await response.arrayBuffer()) } };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}
