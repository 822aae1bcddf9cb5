/**
 * The wire: AWS JSON 1.1 responses as the real SDK parses them, retries as the SDK performs
 * them, and the service's answers to malformed requests.
 */
import {
  ConnectCustomKeyStoreCommand,
  CustomKeyStoreInvalidStateException,
  DescribeCustomKeyStoresCommand,
  EncryptCommand,
  KMSServiceException,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsMock, createMockRequestHandler } from 'kms-custom-key-store-mock';
import { WORLD_IDS as ids } from 'kms-custom-key-store-mock/core';
import { getScenario } from 'kms-custom-key-store-mock/scenarios';
import { caught, defaultClient, fastClient } from '../../support/kms-client';
import { useMockBehindMsw } from '../../support/mock-behind-msw';

const kit = useMockBehindMsw();
const KMS_URL = 'https://kms.eu-west-1.amazonaws.com/';

/** A raw request, as a non-SDK client (or a broken one) would send it. */
async function post(target: string | null, body: string) {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' };
  if (target) headers['x-amz-target'] = target;
  const response = await fetch(KMS_URL, { method: 'POST', headers, body });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, string> };
}

describe('error responses as the SDK surfaces them', () => {
  it('CustomKeyStoreInvalidStateException: class, name, message, fault, status and request id', async () => {
    const { client, mock } = kit.start({ scenario: 'connect-while-failed' });
    const error = await caught(client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId })));
    expect(error).toBeInstanceOf(CustomKeyStoreInvalidStateException);
    expect(error).toBeInstanceOf(KMSServiceException);
    expect(error.name).toBe('CustomKeyStoreInvalidStateException');
    expect(error.message).toMatch(/ConnectCustomKeyStore is not allowed while custom key store cks-1234567890abcdef0 is FAILED/);
    expect(error.$fault).toBe('client');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1, requestId: mock.requests.at(-1)!.requestId });
  });

  it('answers with JSON 1.1 headers and a bare __type on the wire', async () => {
    kit.start({ scenario: 'connect-while-failed' });
    const response = await post('TrentService.ConnectCustomKeyStore', JSON.stringify({ CustomKeyStoreId: ids.cloudHsmStoreId }));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-amzn-errortype')).toBe('CustomKeyStoreInvalidStateException');
    expect(response.body['__type']).toBe('CustomKeyStoreInvalidStateException');
    expect(response.body['message']).toContain('FAILED');
  });

  it('answers Connect with 200 and an empty JSON object', async () => {
    kit.start({ scenario: 'creation-failure' });
    const response = await post('TrentService.ConnectCustomKeyStore', JSON.stringify({ CustomKeyStoreId: ids.cloudHsmStoreId }));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({});
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  it('serves every Region and FIPS endpoint', async () => {
    kit.start({ scenario: 'healthy' });
    for (const client of [
      fastClient({ region: 'ap-southeast-2' }),
      fastClient({ region: 'us-gov-west-1', useFipsEndpoint: true }),
    ]) {
      const output = await client.send(new DescribeCustomKeyStoresCommand({}));
      expect(output.CustomKeyStores).toHaveLength(2);
    }
  });
});

describe('retries, as the default SDK client performs them', () => {
  it('ThrottlingException is retried: 3 attempts, visible in $metadata and in the request log', async () => {
    const { mock } = kit.start({ scenario: 'throttling' });
    const error = await caught(
      defaultClient().send(new EncryptCommand({ KeyId: ids.cloudHsmKeyId, Plaintext: new Uint8Array([1]) })),
    );
    expect(error.name).toBe('ThrottlingException');
    expect(error).toBeInstanceOf(KMSServiceException);
    expect(error.$metadata).toMatchObject({ httpStatusCode: 400, attempts: 3 });
    expect(error.$metadata['totalRetryDelay']).toBeGreaterThan(0);
    expect(mock.requests.map((r) => [r.operation, r.attempt, r.errorType])).toEqual([
      ['Encrypt', 1, 'ThrottlingException'],
      ['Encrypt', 2, 'ThrottlingException'],
      ['Encrypt', 3, 'ThrottlingException'],
    ]);
  });

  it.each([
    ['internal-error', 'KMSInternalException', 500],
    ['key-unavailable', 'KeyUnavailableException', 500],
    ['dependency-timeout', 'DependencyTimeoutException', 503],
  ] as const)('%s (%s, HTTP %i) is retried 3 times as a server fault', async (kind, name, status) => {
    const { client, mock } = kit.start({ scenario: 'healthy' });
    mock.faults.inject({ kind, operation: 'Encrypt' });
    const error = await caught(client.send(new EncryptCommand({ KeyId: ids.cloudHsmKeyId, Plaintext: new Uint8Array([1]) })));
    expect(error.name).toBe(name);
    expect(error.$fault).toBe('server');
    expect(error.$metadata).toMatchObject({ httpStatusCode: status, attempts: 3 });
  });

  it('a fault for the next N calls lets the SDK succeed once it is used up', async () => {
    const { client, mock } = kit.start({ scenario: 'healthy' });
    mock.faults.inject({ kind: 'internal-error', operation: 'Encrypt', times: 2 });
    const output = await client.send(new EncryptCommand({ KeyId: ids.cloudHsmKeyId, Plaintext: new Uint8Array([1]) }));
    expect(output.$metadata.attempts).toBe(3);
    expect(mock.requests.map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it('client errors are not retried: one attempt', async () => {
    const { client, mock } = kit.start({ scenario: 'crypto-on-unavailable-key' });
    const error = await caught(client.send(new EncryptCommand({ KeyId: ids.cloudHsmKeyId, Plaintext: new Uint8Array([1]) })));
    expect(error.name).toBe('KMSInvalidStateException');
    expect(error.$metadata['attempts']).toBe(1);
    expect(mock.requests).toHaveLength(1);
  });

  it('LimitExceededException is retried like throttling (the trap for a quota that no wait lifts)', async () => {
    const { client, mock } = kit.start();
    const { CreateCustomKeyStoreCommand } = await import('@aws-sdk/client-kms');
    const create = (n: number) =>
      client.send(
        new CreateCustomKeyStoreCommand({
          CustomKeyStoreName: `xks-${n}`,
          CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
          XksProxyConnectivity: 'PUBLIC_ENDPOINT',
          XksProxyUriEndpoint: ids.xksEndpoint,
          XksProxyUriPath: `/s${n}/kms/xks/v1`,
          XksProxyAuthenticationCredential: { AccessKeyId: ids.xksAccessKeyId, RawSecretAccessKey: ids.xksSecret },
        }),
      );
    // Each store needs its own endpoint+path, and KMS checks the proxy serves the path at creation.
    for (let n = 0; n < 10; n += 1) {
      mock.act({ type: 'set-proxy-uri-path', uriEndpoint: ids.xksEndpoint, uriPath: `/s${n}/kms/xks/v1` });
      await create(n);
    }
    mock.act({ type: 'set-proxy-uri-path', uriEndpoint: ids.xksEndpoint, uriPath: '/s10/kms/xks/v1' });
    const before = mock.requests.length;
    const error = await caught(create(10));
    expect(error.name).toBe('LimitExceededException');
    expect(error.$metadata['attempts']).toBe(3);
    expect(mock.requests.length - before).toBe(3);
  });

  it('an injected dropped connection fails as a reset socket (ECONNRESET), which the SDK retries: 3 attempts', async () => {
    const { client, mock } = kit.start({ scenario: 'healthy' });
    mock.faults.inject({ kind: 'network-error', operation: 'DescribeCustomKeyStores', times: 5 });
    const error = await caught(client.send(new DescribeCustomKeyStoresCommand({})));
    expect(error).toMatchObject({ code: 'ECONNRESET', $metadata: { attempts: 3 } });
    expect(mock.requests.map((r) => [r.operation, r.status])).toEqual(Array(3).fill(['DescribeCustomKeyStores', 0]));
  });

  it('a connection dropped once is retried and the call succeeds', async () => {
    const { client, mock } = kit.start({ scenario: 'healthy' });
    mock.faults.inject({ kind: 'network-error', operation: 'DescribeCustomKeyStores', times: 1 });
    const output = await client.send(new DescribeCustomKeyStoresCommand({}));
    expect(output.$metadata.attempts).toBe(2);
    expect(mock.requests.map((r) => r.status)).toEqual([0, 200]);
  });

  it('through the SDK request handler, a dropped connection is the same ECONNRESET, retried', async () => {
    const mock = createKmsMock({ scenario: getScenario('healthy') });
    const client = fastClient({ requestHandler: createMockRequestHandler(mock.handlers) });
    mock.faults.inject({ kind: 'network-error', operation: 'DescribeCustomKeyStores', times: 5 });
    const error = await caught(client.send(new DescribeCustomKeyStoresCommand({})));
    expect(error).toMatchObject({ code: 'ECONNRESET', $metadata: { attempts: 3 } });
    expect(mock.requests).toHaveLength(3);
  });

  it('injected latency delays the answer by that much simulated time', async () => {
    const { client, mock } = kit.start({ scenario: 'healthy' });
    mock.faults.inject({ kind: 'latency', latencyMs: 120, times: 1 });
    const started = Date.now();
    await client.send(new DescribeCustomKeyStoresCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(mock.requests[0]!.durationMs).toBeGreaterThanOrEqual(110);
  });
});

describe('malformed requests get the service answer, never a crash', () => {
  it('a missing required member is a ValidationException naming the field', async () => {
    kit.start();
    const response = await post('TrentService.ConnectCustomKeyStore', '{}');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      __type: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'customKeyStoreId' failed to satisfy constraint: Member must not be null",
    });
  });

  it('constraint violations are listed field by field', async () => {
    kit.start();
    const response = await post('TrentService.GenerateRandom', JSON.stringify({ NumberOfBytes: 5000, CustomKeyStoreId: '' }));
    expect(response.body['__type']).toBe('ValidationException');
    expect(response.body['message']).toMatch(
      /^2 validation errors detected: .*'numberOfBytes'.*less than or equal to 1024.*'customKeyStoreId'/,
    );
  });

  it('the SDK surfaces a ValidationException for an out-of-range value', async () => {
    const { client } = kit.start();
    const error = await caught(client.send(new DescribeCustomKeyStoresCommand({ Limit: 0 })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain("'limit'");
  });

  it.each([
    ['a body that is not JSON', 'TrentService.DescribeKey', '{"KeyId": ', 'SerializationException'],
    ['a JSON array body', 'TrentService.DescribeKey', '[1,2]', 'SerializationException'],
    ['a member of the wrong type', 'TrentService.DescribeKey', '{"KeyId": 42}', 'SerializationException'],
    [
      'a blob that is not base64',
      'TrentService.Encrypt',
      `{"KeyId":"${ids.awsKmsKeyId}","Plaintext":"***"}`,
      'SerializationException',
    ],
    ['an unknown target', 'TrentService.MakeCoffee', '{}', 'UnknownOperationException'],
    ['another service target', 'DynamoDB_20120810.ListTables', '{}', 'UnknownOperationException'],
    ['no target header', null, '{}', 'UnknownOperationException'],
  ])('%s → %s', async (_label, target, body, expected) => {
    kit.start();
    const response = await post(target, body);
    expect(response.status).toBe(400);
    expect(response.body['__type']).toBe(expected);
    expect(typeof response.body['message']).toBe('string');
  });

  it('a real KMS operation the mock does not simulate is a 501 that says so', async () => {
    kit.start();
    const response = await post('TrentService.CreateAlias', '{"AliasName":"alias/x","TargetKeyId":"k"}');
    expect(response.status).toBe(501);
    expect(response.body['__type']).toBe('MockNotImplementedException');
    expect(response.body['message']).toContain('does not simulate CreateAlias');
  });

  it('keeps answering after bad requests: the world is untouched', async () => {
    const { client, mock } = kit.start({ scenario: 'healthy' });
    const before = mock.snapshot().stores;
    for (const body of ['', 'null', '"text"', '{"CustomKeyStoreId":{}}']) await post('TrentService.DeleteCustomKeyStore', body);
    expect(mock.snapshot().stores).toEqual(before);
    expect((await client.send(new DescribeCustomKeyStoresCommand({}))).CustomKeyStores).toHaveLength(2);
  });
});
