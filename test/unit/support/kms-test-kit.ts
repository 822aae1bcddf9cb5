/**
 * The real @aws-sdk/client-kms talking to the mock through msw/node, one server per test file.
 * `start()` swaps in a fresh mock for each test.
 */
import { KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createKmsMock, type KmsMockOptions } from 'kms-custom-key-store-mock';
import { getScenario } from 'kms-custom-key-store-mock/scenarios';

/** The mock's options, with a scenario named by its catalog id. */
export type KitOptions = Omit<KmsMockOptions, 'scenario'> & { scenario?: string };

const REGION = 'eu-west-1';
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/** A client whose retries happen without backoff (3 attempts, 0 ms), so tests stay fast. */
export function fastClient(config: Partial<KMSClientConfig> = {}) {
  return new KMSClient({ region: REGION, credentials, retryStrategy: new ConfiguredRetryStrategy(3, 0), ...config });
}

/** A client with the SDK's default retry behaviour (backoff included). */
export const defaultClient = (config: Partial<KMSClientConfig> = {}) => new KMSClient({ region: REGION, credentials, ...config });

export function useKmsServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    server,
    start({ scenario, ...options }: KitOptions = {}) {
      const mock = createKmsMock({ ...options, ...(scenario ? { scenario: getScenario(scenario) } : {}) });
      server.use(...mock.handlers);
      return { mock, client: fastClient() };
    },
  };
}

/** Runs `promise` and returns what it threw (fails the test if it did not throw). */
export async function caught(
  promise: Promise<unknown>,
): Promise<Error & { $fault?: string; $metadata: Record<string, unknown>; name: string }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('Expected the call to throw, but it succeeded.');
}
