/**
 * The one client configuration every test talks to the mock with, in process (MSW) or over HTTP:
 * a fixed region, the AWS documentation's example credentials (the mock accepts any unless told
 * otherwise) and retries without backoff.
 */
import { KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { WORLD_IDS } from 'kms-custom-key-store-mock/core';

export const TEST_CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
} as const;

/** Region and credentials, for a client a test builds itself (a snippet's own retry settings). */
export const TEST_CLIENT_CONFIG = { region: WORLD_IDS.region, credentials: TEST_CREDENTIALS };

/** The SDK's retry decisions (3 attempts), without the backoff delays, so tests stay fast. */
const fastRetries = () => new ConfiguredRetryStrategy(3, 0);

/** A client whose retries happen without backoff (3 attempts, 0 ms). */
export function fastClient(config: Partial<KMSClientConfig> = {}): KMSClient {
  return new KMSClient({ ...TEST_CLIENT_CONFIG, retryStrategy: fastRetries(), ...config });
}

/** A client with the SDK's default retry behaviour (backoff included). */
export const defaultClient = (config: Partial<KMSClientConfig> = {}) => new KMSClient({ ...TEST_CLIENT_CONFIG, ...config });

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
