/** The control API under /_mock/: round trips that change what KMS answers, and 400s that change nothing. */
import { EncryptCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { WORLD_IDS } from 'kms-custom-key-store-mock/core';
import { describeStore } from 'kms-custom-key-store-mock/driver';
import { caught } from '../support/kms-client';
import { useKmsHttpServer } from '../support/mock-over-http';
import { control } from '../support/raw-http';
import { frozenClock } from '../support/mock-options';

const kit = useKmsHttpServer();

describe('round trips', () => {
  it('GET world is the snapshot; act changes it; reset brings the scenario back', async () => {
    const { server } = await kit.start({ scenario: 'user-logged-in' });
    const world = await control(server.url, 'GET', 'world');
    expect(world.status).toBe(200);
    expect(world.json.clusters[0].kmsUser.loggedInElsewhere).toBe(true);
    const act = await control(server.url, 'POST', 'act', { type: 'log-out-kmsuser', clusterId: WORLD_IDS.clusterId });
    expect(act.status).toBe(200);
    expect(act.json.applied).toContain('Log kmsuser out');
    expect((await control(server.url, 'GET', 'world')).json.clusters[0].kmsUser.loggedInElsewhere).toBe(false);
    expect((await control(server.url, 'POST', 'reset')).status).toBe(200);
    expect((await control(server.url, 'GET', 'world')).json.clusters[0].kmsUser.loggedInElsewhere).toBe(true);
  });

  it('an injected fault reaches the SDK, counted; faults/clear ends it', async () => {
    const { server, client } = await kit.start({ scenario: 'healthy' });
    const injected = await control(server.url, 'POST', 'fault', { kind: 'dependency-timeout', operation: 'Encrypt' });
    expect(injected.json.faults).toEqual([{ kind: 'dependency-timeout', operation: 'Encrypt', remaining: null }]);
    const encrypt = () => client.send(new EncryptCommand({ KeyId: WORLD_IDS.cloudHsmKeyId, Plaintext: new Uint8Array([1]) }));
    expect((await caught(encrypt())).name).toBe('DependencyTimeoutException');
    await control(server.url, 'POST', 'faults/clear');
    await expect(encrypt()).resolves.toMatchObject({ KeyId: expect.stringContaining(WORLD_IDS.cloudHsmKeyId) });
    const requests = await control(server.url, 'GET', 'requests');
    expect(requests.json.requests.map((r: { operation: string; status: number }) => [r.operation, r.status]).slice(-2)).toEqual([
      ['Encrypt', 503],
      ['Encrypt', 200],
    ]);
  });

  it('advance moves the simulated clock', async () => {
    const { server } = await kit.start({ scenario: 'healthy' });
    const before = server.mock.now();
    const answer = await control(server.url, 'POST', 'advance', { ms: 7 * 86_400_000 });
    expect(answer.status).toBe(200);
    expect(server.mock.now() - before).toBeGreaterThanOrEqual(7 * 86_400_000);
  });

  it('scenario switches the world by id (through the injected resolver)', async () => {
    const { server, client } = await kit.start({ scenario: 'healthy' });
    const answer = await control(server.url, 'POST', 'scenario', { id: 'user-locked-out' });
    expect(answer).toMatchObject({ status: 200, json: { scenario: 'user-locked-out' } });
    expect(server.mock.snapshot().clusters[0]!.kmsUser.lockedOut).toBe(true);
    // The scenario's starting world: the store is DISCONNECTED until the reader tries to connect it.
    expect(await describeStore(client, WORLD_IDS.cloudHsmStoreId)).toMatchObject({
      ConnectionState: 'DISCONNECTED',
      CloudHsmClusterId: WORLD_IDS.clusterId,
    });
  });
});

describe('a dropped connection', () => {
  it('reaches the SDK as the socket reset a real network gives (ECONNRESET), which it retries: 3 attempts', async () => {
    const { server, client } = await kit.start({ scenario: 'healthy' });
    await control(server.url, 'POST', 'fault', { kind: 'network-error', operation: 'Encrypt', times: 3 });
    const error = await caught(
      client.send(new EncryptCommand({ KeyId: WORLD_IDS.cloudHsmKeyId, Plaintext: new Uint8Array([1]) })),
    );
    // The Node HTTP handler names a reset connection TimeoutError and keeps its code.
    expect(error).toMatchObject({ code: 'ECONNRESET', $metadata: { attempts: 3 } });
    const requests = await control(server.url, 'GET', 'requests');
    expect(requests.json.requests.map((r: { status: number }) => r.status)).toEqual([0, 0, 0]);
  });
});

describe('malformed control requests', () => {
  const cases: Array<[method: 'GET' | 'POST' | 'PUT', path: string, body: unknown, status: number, names: RegExp]> = [
    ['POST', 'act', '{not json', 400, /not valid JSON/],
    ['POST', 'act', undefined, 400, /needs a JSON body/],
    ['POST', 'act', [1, 2], 400, /JSON object with a "type"/],
    ['POST', 'act', { type: 'summon-dragon' }, 400, /Unknown world action type "summon-dragon".*log-out-kmsuser/],
    ['POST', 'act', { type: 'log-out-kmsuser' }, 400, /Missing "clusterId"/],
    ['POST', 'act', { type: 'log-out-kmsuser', clusterId: 7 }, 400, /"clusterId" must be a non-empty string/],
    ['POST', 'act', { type: 'log-out-kmsuser', clusterId: 'cluster-nope' }, 400, /No CloudHSM cluster cluster-nope/],
    ['POST', 'act', { type: 'log-out-kmsuser', clusterId: WORLD_IDS.clusterId, extra: 1 }, 400, /Unknown field "extra"/],
    [
      'POST',
      'act',
      { type: 'set-proxy-latency', uriEndpoint: WORLD_IDS.xksEndpoint, latencyMs: 'slow' },
      400,
      /"latencyMs" must be a number/,
    ],
    ['POST', 'act', { type: 'create-kmsuser', clusterId: WORLD_IDS.clusterId }, 400, /Missing "password"/],
    ['POST', 'fault', { kind: 'gremlins' }, 400, /Unknown fault kind "gremlins".*throttling/],
    ['POST', 'fault', { kind: 'throttling', times: 0 }, 400, /"times" must be between 1/],
    ['POST', 'fault', { kind: 'throttling', times: 2.5 }, 400, /"times" must be an integer/],
    ['POST', 'fault', { kind: 'throttling', operation: 'rm -rf' }, 400, /"operation" must be an operation name/],
    ['POST', 'fault', { kind: 'throttling', latencyMs: 5 }, 400, /applies only to the "latency" fault/],
    ['POST', 'advance', { ms: -1 }, 400, /"ms" must be between 0/],
    ['POST', 'advance', { ms: '5m' }, 400, /"ms" must be a number/],
    ['POST', 'advance', {}, 400, /"ms" must be a number, got undefined/],
    ['POST', 'scenario', { id: 'user-loged-in' }, 400, /Unknown scenario "user-loged-in".*Did you mean "user-logged-in"/],
    ['POST', 'scenario', { id: 3 }, 400, /"id" must be a scenario id/],
    ['PUT', 'world', undefined, 405, /takes GET, not PUT/],
    ['GET', 'act', undefined, 405, /takes POST, not GET/],
    ['GET', 'nothing-here', undefined, 404, /No control endpoint \/_mock\/nothing-here/],
    ['GET', '__proto__', undefined, 404, /No control endpoint/],
  ];

  it.each(cases)('%s /_mock/%s %j → %i naming the problem, world unchanged', async (method, path, body, status, names) => {
    // Time stands still, so that any difference between the snapshots is the request's doing.
    const { server } = await kit.start({ scenario: 'healthy', clock: frozenClock() });
    const before = server.mock.snapshot();
    const answer = await control(server.url, method, path, body);
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.json.error).toMatch(names);
    expect(server.mock.snapshot()).toEqual(before);
  });

  // Bodies whose text does not list a table (world actions, scenarios), so a new entry leaves them as they are.
  it('an error body is one JSON object naming the field and what it must be', async () => {
    const { server } = await kit.start({ scenario: 'healthy' });
    const answers = [
      await control(server.url, 'POST', 'act', { type: 'log-out-kmsuser' }),
      await control(server.url, 'POST', 'act', { type: 'log-out-kmsuser', clusterId: WORLD_IDS.clusterId, extra: 1 }),
      await control(server.url, 'POST', 'act', {
        type: 'set-proxy-latency',
        uriEndpoint: WORLD_IDS.xksEndpoint,
        latencyMs: 'slow',
      }),
      await control(server.url, 'POST', 'fault', { kind: 'throttling', times: 0 }),
      await control(server.url, 'GET', 'act'),
    ];
    expect(answers.map(({ status, json }) => ({ status, json }))).toMatchInlineSnapshot(`
      [
        {
          "json": {
            "error": "Missing "clusterId".",
          },
          "status": 400,
        },
        {
          "json": {
            "error": "Unknown field "extra" in a "log-out-kmsuser" action; allowed: clusterId.",
          },
          "status": 400,
        },
        {
          "json": {
            "error": ""latencyMs" must be a number, got "slow".",
          },
          "status": 400,
        },
        {
          "json": {
            "error": ""times" must be between 1 and 1000000, got 0.",
          },
          "status": 400,
        },
        {
          "json": {
            "error": "/_mock/act takes POST, not GET.",
          },
          "status": 405,
        },
      ]
    `);
  });

  it('a server without a resolver says it cannot switch scenario', async () => {
    const server = await kit.serve({ resolveScenario: undefined as never });
    const answer = await control(server.url, 'POST', 'scenario', { id: 'healthy' });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(/without resolveScenario/);
  });
});
