/**
 * `credentials`: SigV4 is verified on every AWS request, and a missing, malformed, unknown, wrong
 * or expired signature gets AWS's error name, status and words, from the SDK, raw HTTP and the real
 * AWS CLI; a refused request changes nothing. Without credentials any signature works (the rest of
 * the endpoint suite).
 */
import { DescribeCustomKeyStoresCommand, DisconnectCustomKeyStoreCommand } from '@aws-sdk/client-kms';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { WORLD_IDS } from 'kms-custom-key-store-mock/core';
import { frozenClock } from '../support/mock-options';
import { caught, fastClient } from '../support/kms-client';
import { useKmsHttpServer } from '../support/mock-over-http';
import { clientEnvironment, runAwsCli, test as clientTest } from './clients/aws-clients';

const kit = useKmsHttpServer();
const KEY = { accessKeyId: 'AKIAMOCKVERIFIED0001', secretAccessKey: 'right-secret-0123456789' };
const WORKER_KEY = { accessKeyId: '123456789012', secretAccessKey: 'worker-secret' };
const DISCONNECT = JSON.stringify({ CustomKeyStoreId: WORLD_IDS.cloudHsmStoreId });

const signedBy = (endpoint: string, credentials: typeof KEY) => fastClient({ endpoint, credentials, maxAttempts: 1 });

/** A DisconnectCustomKeyStore request signed by hand (at `signedAt`), optionally altered after signing. */
async function rawSigned(
  url: string,
  {
    signedAt = new Date(),
    credentials = KEY,
    alter = (headers: Record<string, string>, body: string) => ({ headers, body }),
  } = {},
) {
  const { hostname, port } = new URL(url);
  const signer = new SignatureV4({ credentials, region: 'eu-west-1', service: 'kms', sha256: Sha256 });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname,
      port: Number(port),
      path: '/',
      query: {},
      headers: {
        host: `${hostname}:${port}`,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'TrentService.DisconnectCustomKeyStore',
      },
      body: DISCONNECT,
    },
    { signingDate: signedAt },
  );
  const { headers, body } = alter(signed.headers, DISCONNECT);
  const { host: _host, ...sendable } = headers;
  const response = await fetch(`${url}/`, { method: 'POST', headers: sendable, body });
  return { status: response.status, json: (await response.json()) as { __type: string; message: string } };
}

async function serveVerified() {
  return kit.start({ scenario: 'healthy', credentials: [KEY, WORKER_KEY], clock: frozenClock() });
}

describe('the right key', () => {
  it('works from the SDK; a 12-digit key id is still its own account', async () => {
    const { server } = await serveVerified();
    await expect(signedBy(server.url, KEY).send(new DescribeCustomKeyStoresCommand({}))).resolves.toMatchObject({
      CustomKeyStores: expect.any(Array),
    });
    await signedBy(server.url, WORKER_KEY).send(
      new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: WORLD_IDS.cloudHsmStoreId }),
    );
    expect(server.account(WORKER_KEY.accessKeyId).snapshot().stores[0]!.connectionState).toMatch(/^DISCONNECT/);
    expect(server.mock.snapshot().stores[0]!.connectionState).toBe('CONNECTED');
  });
});

describe('the unsigned AWS endpoint under the control API (/_mock/aws)', () => {
  it('answers any key, as the control API needs none (the CLI sends scenario triggers there); / still verifies', async () => {
    const { server } = await serveVerified();
    const anyKey = { accessKeyId: 'AKIAANYTHING00000000', secretAccessKey: 'anything' };
    await signedBy(`${server.url}/_mock/aws`, anyKey).send(
      new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: WORLD_IDS.cloudHsmStoreId }),
    );
    expect(server.mock.snapshot().stores[0]!.connectionState).toMatch(/^DISCONNECT/);
    const refused = await caught(signedBy(server.url, anyKey).send(new DescribeCustomKeyStoresCommand({})));
    expect(refused).toMatchObject({ name: 'UnrecognizedClientException' });
  });
});

describe('refused signatures change nothing', () => {
  const cases: Array<
    [
      what: string,
      send: (url: string) => Promise<{ status: number; json: { __type: string; message: string } }>,
      type: string,
      status: number,
      says: RegExp,
    ]
  > = [
    [
      'no Authorization header',
      async (url) => {
        const response = await fetch(`${url}/`, {
          method: 'POST',
          headers: { 'x-amz-target': 'TrentService.DisconnectCustomKeyStore' },
          body: DISCONNECT,
        });
        return { status: response.status, json: await response.json() };
      },
      'MissingAuthenticationTokenException',
      403,
      /^Missing Authentication Token$/,
    ],
    [
      'an Authorization header without SignedHeaders and Signature',
      (url) =>
        rawSigned(url, {
          alter: (headers, body) => ({
            headers: {
              ...headers,
              authorization: `AWS4-HMAC-SHA256 Credential=${KEY.accessKeyId}/20261205/eu-west-1/kms/aws4_request`,
            },
            body,
          }),
        }),
      'IncompleteSignatureException',
      400,
      /requires 'SignedHeaders' parameter\. Authorization header requires 'Signature' parameter\./,
    ],
    [
      'an access key the server does not know',
      (url) => rawSigned(url, { credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' } }),
      'UnrecognizedClientException',
      403,
      /^The security token included in the request is invalid\.$/,
    ],
    [
      'the wrong secret',
      (url) => rawSigned(url, { credentials: { ...KEY, secretAccessKey: 'wrong' } }),
      'InvalidSignatureException',
      400,
      /does not match the signature you provided\. Check your AWS Secret Access Key/,
    ],
    [
      'a body changed after signing',
      (url) =>
        rawSigned(url, { alter: (headers) => ({ headers, body: JSON.stringify({ CustomKeyStoreId: WORLD_IDS.xksStoreId }) }) }),
      'InvalidSignatureException',
      400,
      /does not match/,
    ],
    [
      'a signature from 20 minutes ago',
      (url) => rawSigned(url, { signedAt: new Date(Date.now() - 20 * 60_000) }),
      'InvalidSignatureException',
      400,
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    ],
    [
      'a signature dated 20 minutes ahead',
      (url) => rawSigned(url, { signedAt: new Date(Date.now() + 20 * 60_000) }),
      'InvalidSignatureException',
      400,
      /^Signature not yet current: .* is still later than .* \+ 15 min\.\)$/,
    ],
  ];

  it.each(cases)('%s → the error and status AWS documents', async (_what, send, type, status, says) => {
    const { server } = await serveVerified();
    const before = server.mock.snapshot();
    const answer = await send(server.url);
    expect(answer.status).toBe(status);
    expect(answer.json.__type).toBe(type);
    expect(answer.json.message).toMatch(says);
    expect(server.mock.snapshot()).toEqual(before);
    expect(server.mock.requests).toEqual([]);
  });

  it('reach the SDK as its named error, not retried', async () => {
    const { server } = await serveVerified();
    const error = await caught(
      signedBy(server.url, { ...KEY, secretAccessKey: 'wrong' }).send(new DescribeCustomKeyStoresCommand({})),
    );
    expect(error).toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 400, attempts: 1 } });
  });
});

describe('the real AWS CLI', () => {
  clientTest(
    'works with the right secret and fails with InvalidSignatureException with a wrong one',
    { timeout: 180_000 },
    async () => {
      const { server } = await serveVerified();
      const args = ['--endpoint-url', server.url, 'kms', 'describe-custom-key-stores', '--output', 'json'];
      const environment = (secret: string) => ({
        ...clientEnvironment(server.url, 'eu-west-1'),
        AWS_ACCESS_KEY_ID: KEY.accessKeyId,
        AWS_SECRET_ACCESS_KEY: secret,
      });
      const [right, wrong] = await Promise.all([
        runAwsCli(args, environment(KEY.secretAccessKey)),
        runAwsCli(args, environment('wrong-secret')),
      ]);
      expect(right.exitCode, right.stderr).toBe(0);
      expect(
        JSON.parse(right.stdout).CustomKeyStores.map((store: { CustomKeyStoreId: string }) => store.CustomKeyStoreId),
      ).toContain(WORLD_IDS.cloudHsmStoreId);
      expect(wrong.exitCode).not.toBe(0);
      expect(wrong.stderr).toMatch(/\(InvalidSignatureException\).*The request signature we calculated does not match/);
    },
  );
});
