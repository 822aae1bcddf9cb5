/**
 * One account per test worker on one shared server: a client whose access key id is 12 digits has
 * a world of its own (from the server's scenario, with its account id in every ARN), which no other
 * client sees; other access keys share the default account's world; the control API addresses an
 * account with a header; the number of worlds is bounded.
 */
import { CreateKeyCommand, DescribeKeyCommand, DisconnectCustomKeyStoreCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { WORLD_IDS } from 'kms-custom-key-store-mock/core';
import { describeStore } from 'kms-custom-key-store-mock/driver';
import { caught, fastClient } from '../support/kms-client';
import { useKmsHttpServer } from '../support/mock-over-http';

const kit = useKmsHttpServer();
const accountClient = (endpoint: string, accountId: string) =>
  fastClient({ endpoint, credentials: { accessKeyId: accountId, secretAccessKey: 'x' } });

async function controlIn(url: string, accountId: string | undefined, method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${url}/_mock/${path}`, {
    method,
    headers: {
      ...(accountId ? { 'x-kms-mock-account': accountId } : {}),
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
    },
    ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
  });
  return { status: response.status, json: (await response.json()) as any };
}

describe('parallel workers in their own accounts', () => {
  it('six clients change their own worlds at once, and none sees another’s changes (nor does the default account)', async () => {
    const { server, client: defaultClient } = await kit.start({ scenario: 'healthy' });
    const accountIds = Array.from({ length: 6 }, (_, i) => `10000000000${i + 1}`);
    const defaultKeys = (await defaultClient.send(new ListKeysCommand({}))).Keys!.length;

    await Promise.all(
      accountIds.map(async (accountId, worker) => {
        const kms = accountClient(server.url, accountId);
        // Odd workers disconnect the CloudHSM store, even ones leave it; every worker makes its own key.
        if (worker % 2 === 1)
          await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: WORLD_IDS.cloudHsmStoreId }));
        const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: `worker ${worker}` }));
        expect(KeyMetadata).toMatchObject({ AWSAccountId: accountId, Arn: expect.stringContaining(`:${accountId}:key/`) });
      }),
    );

    for (const [worker, accountId] of accountIds.entries()) {
      const kms = accountClient(server.url, accountId);
      const { Keys } = await kms.send(new ListKeysCommand({}));
      expect(Keys).toHaveLength(defaultKeys + 1);
      expect(Keys!.filter((key) => !key.KeyArn!.includes(`:${accountId}:`)).map((key) => key.KeyArn)).toEqual([]);
      const own = await Promise.all(Keys!.map((key) => kms.send(new DescribeKeyCommand({ KeyId: key.KeyId! }))));
      expect(
        own.filter((key) => key.KeyMetadata!.Description?.startsWith('worker')).map((key) => key.KeyMetadata!.Description),
      ).toEqual([`worker ${worker}`]);
      expect((await describeStore(kms, WORLD_IDS.cloudHsmStoreId))?.ConnectionState).toMatch(
        worker % 2 === 1 ? /^DISCONNECT/ : /^CONNECTED$/,
      );
    }
    expect((await defaultClient.send(new ListKeysCommand({}))).Keys).toHaveLength(defaultKeys);
    expect((await describeStore(defaultClient, WORLD_IDS.cloudHsmStoreId))?.ConnectionState).toBe('CONNECTED');
    expect(server.account(accountIds[0]!).snapshot().accountId).toBe(accountIds[0]);
  });

  it('an access key id that is not 12 digits shares the default account (as before accounts existed)', async () => {
    const { server } = await kit.start({ scenario: 'healthy' });
    await accountClient(server.url, 'AKIAIOSFODNN7EXAMPLE').send(
      new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: WORLD_IDS.cloudHsmStoreId }),
    );
    expect((await describeStore(accountClient(server.url, 'test'), WORLD_IDS.cloudHsmStoreId))?.ConnectionState).toMatch(
      /^DISCONNECT/,
    );
    expect(server.mock.snapshot().accountId).toBe(WORLD_IDS.accountId);
  });
});

describe('the control API addresses an account', () => {
  it('with x-kms-mock-account: a world action, a fault and a scenario switch reach that account only', async () => {
    const { server } = await kit.start({ scenario: 'user-logged-in' });
    const worker = '222222222222';
    const act = await controlIn(server.url, worker, 'POST', 'act', { type: 'log-out-kmsuser', clusterId: WORLD_IDS.clusterId });
    expect(act.status).toBe(200);
    expect((await controlIn(server.url, worker, 'GET', 'world')).json.clusters[0].kmsUser.loggedInElsewhere).toBe(false);
    expect((await controlIn(server.url, undefined, 'GET', 'world')).json.clusters[0].kmsUser.loggedInElsewhere).toBe(true);

    await controlIn(server.url, worker, 'POST', 'fault', { kind: 'throttling', operation: 'ListKeys' });
    expect((await caught(accountClient(server.url, worker).send(new ListKeysCommand({})))).name).toBe('ThrottlingException');
    await expect(accountClient(server.url, '333333333333').send(new ListKeysCommand({}))).resolves.toBeDefined();

    expect((await controlIn(server.url, worker, 'POST', 'scenario', { id: 'user-locked-out' })).status).toBe(200);
    expect(server.account(worker).snapshot()).toMatchObject({ accountId: worker, clusters: [{ kmsUser: { lockedOut: true } }] });
    expect(server.mock.snapshot().clusters[0]!.kmsUser.lockedOut).toBe(false);
    expect((await controlIn(server.url, undefined, 'GET', 'accounts')).json.accounts).toEqual([
      WORLD_IDS.accountId,
      worker,
      '333333333333',
    ]);
  });

  it('a header that is not 12 digits is a 400 that changes nothing', async () => {
    const { server } = await kit.start({ scenario: 'healthy' });
    const answer = await controlIn(server.url, '12345', 'POST', 'reset');
    expect(answer).toMatchObject({
      status: 400,
      json: { error: expect.stringMatching(/x-kms-mock-account must be a 12-digit account id, got "12345"/) },
    });
    expect((await controlIn(server.url, undefined, 'GET', 'accounts')).json.accounts).toEqual([WORLD_IDS.accountId]);
  });
});

describe('worlds are bounded', () => {
  it('past maxAccounts a new account is refused with a clear error, over the SDK and the control API; known accounts still work', async () => {
    const { server } = await kit.start({ scenario: 'healthy', maxAccounts: 2 });
    await accountClient(server.url, '444444444444').send(new ListKeysCommand({}));
    const refused = await caught(accountClient(server.url, '555555555555').send(new ListKeysCommand({})));
    expect(refused).toMatchObject({ name: 'MockAccountLimitExceededException', $metadata: { httpStatusCode: 400, attempts: 1 } });
    expect(refused.message).toMatch(/at most 2 accounts' worlds.*--max-accounts/);
    const control = await controlIn(server.url, '555555555555', 'GET', 'world');
    expect(control).toMatchObject({ status: 400, json: { error: expect.stringMatching(/no room for account 555555555555/) } });
    await expect(accountClient(server.url, '444444444444').send(new ListKeysCommand({}))).resolves.toBeDefined();
  });
});
