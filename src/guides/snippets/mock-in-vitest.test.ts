import {
  ConnectCustomKeyStoreCommand,
  CustomKeyStoreInvalidStateException,
  DeleteCustomKeyStoreCommand,
  DisconnectCustomKeyStoreCommand,
  DisableKeyCommand,
  EncryptCommand,
  KMSClient,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKmsMock, type KmsMockOptions } from 'kms-custom-key-store-mock';
import { getScenario } from 'kms-custom-key-store-mock/scenarios';
import { waitForConnectionState } from './wait-for-state';

const HSM_STORE = 'cks-1234567890abcdef0';
const HSM_KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const DAY = 86_400_000;

// One MSW server for the file; each test puts a fresh mock behind it.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' })); // MSW 3 name; `onUnhandledRequest` is ignored
afterAll(() => server.close());

function startMock(options: KmsMockOptions) {
  const mock = createKmsMock({ timing: { connectMs: { AWS_CLOUDHSM: 50 }, disconnectMs: 50 }, ...options });
  server.resetHandlers(...mock.handlers);
  return mock;
}

// Three attempts as in production, but no backoff delay, so retried errors cost no time.
const kms = new KMSClient({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'test-secret' },
  retryStrategy: new ConfiguredRetryStrategy(3, 0),
});
const quick = { firstDelayMs: 5, maxDelayMs: 20, deadlineMs: 2_000 };

it('a FAILED store refuses Connect until it is disconnected and the cause is fixed', async () => {
  const mock = startMock({ scenario: getScenario('user-logged-in') });
  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: HSM_STORE }));
  await expect(waitForConnectionState(kms, HSM_STORE, 'CONNECTED', quick)).rejects.toThrow(/USER_LOGGED_IN/);

  const refused = await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: HSM_STORE })).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(CustomKeyStoreInvalidStateException);
  expect((refused as CustomKeyStoreInvalidStateException).$metadata.httpStatusCode).toBe(400);

  await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: HSM_STORE }));
  await waitForConnectionState(kms, HSM_STORE, 'DISCONNECTED', quick);
  mock.act({ type: 'log-out-kmsuser', clusterId: 'cluster-234example7' }); // the fix outside KMS
  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: HSM_STORE }));
  await expect(waitForConnectionState(kms, HSM_STORE, 'CONNECTED', quick)).resolves.toMatchObject({
    ConnectionState: 'CONNECTED',
  });
});

it('the SDK retries throttling by itself; the mock records every attempt', async () => {
  const mock = startMock({ scenario: getScenario('healthy') });
  mock.faults.inject({ kind: 'throttling', operation: 'Encrypt', times: 2 });
  const { $metadata } = await kms.send(new EncryptCommand({ KeyId: HSM_KEY, Plaintext: new TextEncoder().encode('4111') }));
  expect($metadata.attempts).toBe(3);
  expect(mock.requests.filter((r) => r.operation === 'Encrypt').map((r) => r.status)).toEqual([400, 400, 200]);
});

it('maxAttempts: 1 shows the first error as it is', async () => {
  const mock = startMock({ scenario: getScenario('healthy') });
  mock.faults.inject({ kind: 'internal-error', operation: 'DisableKey', times: 1 });
  const once = new KMSClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });
  await expect(once.send(new DisableKeyCommand({ KeyId: HSM_KEY }))).rejects.toMatchObject({
    name: 'KMSInternalException',
    $fault: 'server',
  });
});

it('advanceTime skips the 7-day key deletion waiting period', async () => {
  const mock = startMock({ scenario: getScenario('delete-with-keys') });
  await kms.send(new ScheduleKeyDeletionCommand({ KeyId: HSM_KEY, PendingWindowInDays: 7 }));
  mock.advanceTime(7 * DAY + 60_000);
  await expect(kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: HSM_STORE }))).resolves.toBeDefined();
});
