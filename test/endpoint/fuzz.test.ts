/**
 * HTTP fuzz, loopback only and bounded (a few thousand requests, 16 at a time): bad JSON, wrong
 * types, huge bodies, bad targets, bad methods and paths, malformed control bodies, garbage that is
 * not even HTTP. None of it may crash the server or change the world; afterwards the server still
 * answers the SDK correctly. Seeded, so a failure reproduces.
 */
import { connect } from 'node:net';
import { DescribeCustomKeyStoresCommand } from '@aws-sdk/client-kms';
import { expect, it } from 'vitest';
import { seededRandom, WORLD_IDS } from 'kms-custom-key-store-mock/core';
import { useKmsHttpServer } from '../support/mock-over-http';
import { frozenClock } from '../support/mock-options';

const REQUESTS = 3_000;
const CONCURRENCY = 16;
const RAW_SOCKETS = 60;

const random = seededRandom(20_261_202);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const junkString = (length: number) => Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 0xd7ff))).join('');

const TARGETS = [
  'TrentService.Encrypt',
  'TrentService.CreateKey',
  'TrentService.ConnectCustomKeyStore',
  'TrentService.DisconnectCustomKeyStore',
  'TrentService.DeleteCustomKeyStore',
  'TrentService.UpdateCustomKeyStore',
  'TrentService.CreateCustomKeyStore',
  'TrentService.ScheduleKeyDeletion',
  'TrentService.DescribeCustomKeyStores',
  'TrentService.NoSuchThing',
  'BaldrApiService.CreateHsm',
  'BaldrApiService.DeleteHsm',
  'BaldrApiService.DescribeClusters',
  'BaldrApiService.',
  'TrentService.',
  'trentservice.encrypt',
  '',
  '../../etc/passwd',
  'TrentService.__proto__',
  'BaldrApiService.constructor',
];
/** Members the operations read, each given a value of the wrong JSON type. */
const MEMBERS = [
  'CustomKeyStoreId',
  'KeyId',
  'Plaintext',
  'ClusterId',
  'HsmId',
  'AvailabilityZone',
  'CustomKeyStoreName',
  'CloudHsmClusterId',
  'KeyStorePassword',
  'PendingWindowInDays',
  'Description',
  'Filters',
  'Limit',
  'Marker',
  'Origin',
  'KeyUsage',
  'KeySpec',
];
const WRONG_TYPES: unknown[] = [42, -1, 1e308, true, false, [], [1, 'a'], { nested: { deeper: [] } }, 'x'.repeat(5_000)];
const WRONG_BY_MEMBER: Record<string, unknown[]> = {
  // These take numbers or maps: a string or a list is their wrong type.
  PendingWindowInDays: ['7', [], {}],
  Limit: ['ten', {}],
  Filters: ['clusterIds', 7, [['a']]],
};

function wrongTypedObject(): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const member of MEMBERS)
    if (random() < 0.7 || Object.keys(object).length === 0) object[member] = pick(WRONG_BY_MEMBER[member] ?? WRONG_TYPES);
  return object;
}

function awsBody(): string {
  switch (Math.floor(random() * 6)) {
    case 0:
      return '{"CustomKeyStoreId": "cks-1234567890abcdef0"'; // truncated JSON
    case 1:
      return junkString(1 + Math.floor(random() * 200));
    case 2:
      return JSON.stringify(pick([null, 0, 'text', [], [{}], true]));
    case 3:
      return '{'.repeat(2_000) + '}'.repeat(2_000);
    default:
      return JSON.stringify(wrongTypedObject());
  }
}

/** A control body that is malformed in some way (so that nothing may change). */
function badControl(): { path: string; body: string } {
  const path = pick(['act', 'fault', 'advance', 'scenario']);
  const bodies: Record<string, () => unknown> = {
    act: () =>
      pick([
        { type: junkString(8) },
        { type: 'log-out-kmsuser', clusterId: pick(WRONG_TYPES) },
        { type: 'set-proxy-latency', uriEndpoint: WORLD_IDS.xksEndpoint, latencyMs: pick(['1', -5, 1e12, null]) },
        { type: 'create-kmsuser', clusterId: WORLD_IDS.clusterId },
        { type: 'log-out-kmsuser', clusterId: WORLD_IDS.clusterId, sneaky: true },
        { type: '__proto__' },
        [],
      ]),
    fault: () =>
      pick([
        { kind: junkString(5) },
        { kind: 'throttling', times: pick([0, -1, 2.5, '3', 1e12]) },
        { kind: 'latency', latencyMs: pick([-1, 'x', 1e9]) },
        { kind: 'throttling', operation: pick([7, '', 'a b', '../x']) },
        { kind: 'throttling', extra: 1 },
      ]),
    advance: () => pick([{ ms: pick([-1, '5m', null, [], {}, 1e300]) }, { minutes: 5 }, 5]),
    scenario: () => pick([{ id: junkString(12) }, { id: pick(WRONG_TYPES) }, {}]),
  };
  return { path, body: random() < 0.2 ? junkString(30) : JSON.stringify(bodies[path]!()) };
}

async function fuzzOne(url: string): Promise<number | 'dropped'> {
  const roll = random();
  let request: [string, RequestInit];
  if (roll < 0.55) {
    request = [
      `${url}/`,
      {
        method: 'POST',
        headers: {
          'x-amz-target': pick(TARGETS),
          'content-type': pick(['application/x-amz-json-1.1', 'text/plain', 'application/json']),
        },
        body: awsBody(),
      },
    ];
  } else if (roll < 0.7) {
    const { path, body } = badControl();
    request = [
      `${url}/_mock/${path}`,
      { method: 'POST', headers: { 'content-type': pick(['application/json', 'text/plain']) }, body },
    ];
  } else if (roll < 0.85) {
    const method = pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
    const path = pick([
      '/',
      '/_mock/',
      '/_mock/world/extra',
      '/_mock/act',
      '/_mock/reset',
      '/_mock/faults/clear',
      `/${junkString(3)}`,
      '/%00',
      '/..%2f..%2f',
      '/?x=1',
    ]);
    const body = method === 'GET' || method === 'HEAD' ? undefined : awsBody();
    request = [`${url}${encodeURI(path).replaceAll('%25', '%')}`, { method, ...(body ? { body } : {}) }];
  } else if (roll < 0.998) {
    request = [
      `${url}/${pick(['', 'not-root', '_mock'])}`,
      { method: 'POST', headers: { 'x-amz-target': junkString(40).replace(/[^\x20-\x7e]/g, 'x') }, body: awsBody() },
    ];
  } else {
    // A body far over the limit: 413, or the connection closed mid-upload.
    request = [
      `${url}/`,
      { method: 'POST', headers: { 'x-amz-target': 'TrentService.Encrypt' }, body: 'x'.repeat(3 * 1024 * 1024) },
    ];
  }
  try {
    const response = await fetch(...request);
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'dropped';
  }
}

/** Bytes that are not HTTP at all, straight onto a socket; resolves when the server has answered or hung up. */
function rawGarbage(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end(
        pick([
          'GARBAGE\r\n\r\n',
          'GET / HTTP/9.9\r\n\r\n',
          `POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n`,
          `${junkString(64)}\r\n\r\n`,
          'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
        ]),
      );
    });
    socket.on('data', () => {});
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    socket.setTimeout(5_000, () => socket.destroy());
  });
}

const kit = useKmsHttpServer();

it(
  `survives ${REQUESTS} malformed requests and ${RAW_SOCKETS} non-HTTP connections with the world unchanged`,
  { timeout: 120_000 },
  async () => {
    const { server, client } = await kit.start({ scenario: 'healthy', clock: frozenClock() });
    const before = server.mock.snapshot();
    const statuses = new Map<number | 'dropped', number>();
    let sent = 0;
    const worker = async () => {
      while (sent < REQUESTS) {
        sent += 1;
        const status = await fuzzOne(server.url);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all([
      ...Array.from({ length: CONCURRENCY }, worker),
      ...Array.from({ length: RAW_SOCKETS }, () => rawGarbage(server.port)),
    ]);

    // Nothing failed inside the server (a 500 is the server's own failure; no fault was injected).
    expect(statuses.has(500), JSON.stringify([...statuses])).toBe(false);
    expect([...statuses.keys()].every((s) => s === 'dropped' || (s >= 200 && s < 600))).toBe(true);
    expect(server.mock.snapshot()).toEqual(before);
    expect(server.mock.requests.length).toBeLessThanOrEqual(1_000);

    const { CustomKeyStores } = await client.send(new DescribeCustomKeyStoresCommand({}));
    expect(CustomKeyStores?.map((s) => [s.CustomKeyStoreId, s.ConnectionState])).toEqual(
      before.stores.map((s) => [s.id, 'CONNECTED']),
    );
    console.log(
      `Fuzz: ${REQUESTS} requests + ${RAW_SOCKETS} raw sockets; answers by status: ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  },
);
