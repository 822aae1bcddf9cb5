/**
 * The real @aws-sdk/client-kms talking to the mock through msw/node: the one way tests put the
 * mock behind MSW. A request no handler answers fails the test (`onUnhandledFrame: 'error'`).
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createKmsMock, type KmsMock } from 'kms-custom-key-store-mock';
import { fastClient } from './kms-client';
import type { TestMockOptions } from './mock-options';

export interface MockBehindMsw {
  mock: KmsMock;
  /** A client that reaches `mock` (the one test configuration: fast retries). */
  client: KMSClient;
}

function listeningServer(...handlers: KmsMock['handlers']) {
  const server = setupServer(...handlers);
  server.listen({ onUnhandledFrame: 'error' });
  return server;
}

/** `mock` behind its own msw/node server until `close()`: for a mock that outlives one test's hooks. */
export function mockBehindMsw(mock: KmsMock): MockBehindMsw & { close(): void } {
  const server = listeningServer(...mock.handlers);
  return { mock, client: fastClient(), close: () => server.close() };
}

/**
 * One msw/node server for the test file; `start()` puts a fresh mock behind it for the current
 * test (the newest mock answers when a test starts several). Handlers are dropped after each test.
 */
export function useMockBehindMsw() {
  let server: ReturnType<typeof listeningServer> | undefined;
  beforeAll(() => {
    server = listeningServer();
  });
  afterEach(() => server?.resetHandlers());
  afterAll(() => server?.close());
  return {
    start(options: TestMockOptions = {}): MockBehindMsw {
      if (!server) throw new Error('useMockBehindMsw().start() runs inside a test, after the file has started its server.');
      const mock = createKmsMock(options);
      server.use(...mock.handlers);
      return { mock, client: fastClient() };
    },
  };
}
