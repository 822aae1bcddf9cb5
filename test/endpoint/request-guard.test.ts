/**
 * The endpoint on a developer's machine, as a hostile web page would try it: the requests a browser
 * sends for a cross-site page (an Origin, a text/plain "simple" POST, a rebound host name) are
 * refused, and the world is exactly as it was. SDK-shaped requests (no Origin, JSON) still work.
 */
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { WORLD_IDS } from 'kms-custom-key-store-mock/core';
import { frozenClock } from '../support/mock-options';
import { useKmsHttpServer } from '../support/mock-over-http';

const kit = useKmsHttpServer();

interface Crafted {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One request with exactly these headers (fetch would not let a test set Host or Origin). */
function send(
  port: number,
  { method = 'POST', path, headers = {}, body }: Crafted,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}), ...headers },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const LOG_OUT = JSON.stringify({ type: 'log-out-kmsuser', clusterId: WORLD_IDS.clusterId });
const EVIL = 'https://evil.example';
const FOREIGN_PAGE = { origin: EVIL, 'content-type': 'text/plain' };
const DISCONNECT_STORE = { CustomKeyStoreId: WORLD_IDS.cloudHsmStoreId };
/** An AWS JSON 1.1 call to the KMS/CloudHSM endpoint with these extra headers. */
const awsCall = (target: string, body: unknown, headers: Record<string, string>): Crafted => ({
  path: '/',
  headers: { 'x-amz-target': target, ...headers },
  body: JSON.stringify(body),
});

// Each would change the world if it got through (the scenario has kmsuser logged in, a CONNECTED store).
const crafted: Array<[what: string, status: number, says: RegExp, request: Crafted]> = [
  [
    'a foreign page POSTs text/plain to /_mock/act',
    403,
    /evil\.example may not call/,
    { path: '/_mock/act', headers: { origin: EVIL, 'content-type': 'text/plain' }, body: LOG_OUT },
  ],
  [
    'a foreign page POSTs text/plain to /_mock/reset',
    403,
    /may not call/,
    { path: '/_mock/reset', headers: { origin: EVIL, 'content-type': 'text/plain' }, body: '' },
  ],
  [
    'a foreign page POSTs JSON (its preflight would fail anyway)',
    403,
    /may not call/,
    { path: '/_mock/act', headers: { origin: EVIL, 'content-type': 'application/json' }, body: LOG_OUT },
  ],
  [
    'a sandboxed frame (Origin: null) POSTs to /_mock/act',
    403,
    /null may not call/,
    { path: '/_mock/act', headers: { origin: 'null', 'content-type': 'application/json' }, body: LOG_OUT },
  ],
  [
    'a text/plain POST with no Origin to /_mock/act',
    415,
    /application\/json/,
    { path: '/_mock/act', headers: { 'content-type': 'text/plain' }, body: LOG_OUT },
  ],
  [
    'a form POST with no Origin to /_mock/scenario',
    415,
    /application\/json/,
    { path: '/_mock/scenario', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'id=healthy' },
  ],
  ['a bodiless POST with no content type to /_mock/reset', 415, /application\/json/, { path: '/_mock/reset' }],
  [
    'a rebound host name with JSON to /_mock/act',
    403,
    /DNS rebinding/,
    { path: '/_mock/act', headers: { host: 'attacker.example:4599', 'content-type': 'application/json' }, body: LOG_OUT },
  ],
  [
    'a rebound host name to the KMS endpoint',
    403,
    /DNS rebinding/,
    awsCall('TrentService.DisconnectCustomKeyStore', DISCONNECT_STORE, {
      host: 'attacker.example',
      'content-type': 'application/x-amz-json-1.1',
    }),
  ],
  [
    'a foreign page calls DisconnectCustomKeyStore',
    403,
    /may not call/,
    awsCall('TrentService.DisconnectCustomKeyStore', DISCONNECT_STORE, FOREIGN_PAGE),
  ],
  [
    'a foreign page calls CloudHSM DeleteHsm',
    403,
    /may not call/,
    awsCall('BaldrApiService.DeleteHsm', { ClusterId: WORLD_IDS.clusterId, HsmId: 'hsm-example2abcd' }, FOREIGN_PAGE),
  ],
  [
    'a text/plain POST with no Origin to the unsigned AWS endpoint /_mock/aws/',
    415,
    /application\/x-amz-json-1\.1/,
    {
      ...awsCall('TrentService.DisconnectCustomKeyStore', DISCONNECT_STORE, { 'content-type': 'text/plain' }),
      path: '/_mock/aws/',
    },
  ],
  [
    'a foreign page calls DisconnectCustomKeyStore on the unsigned AWS endpoint /_mock/aws/',
    403,
    /may not call/,
    { ...awsCall('TrentService.DisconnectCustomKeyStore', DISCONNECT_STORE, FOREIGN_PAGE), path: '/_mock/aws/' },
  ],
  [
    'a foreign page asks to preflight /_mock/act',
    403,
    /may not call/,
    {
      method: 'OPTIONS',
      path: '/_mock/act',
      headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    },
  ],
];

describe('crafted browser requests change nothing', () => {
  it.each(crafted)('%s → %i', async (_what, status, says, craft) => {
    // Time stands still, so any difference between the snapshots is the request's doing.
    const { server } = await kit.start({ scenario: 'user-logged-in', clock: frozenClock() });
    const before = server.mock.snapshot();
    const answer = await send(server.port, craft);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.text).error).toMatch(says);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(server.mock.snapshot()).toEqual(before);
    expect(server.mock.requests).toEqual([]);
  });
});

describe('what still works', () => {
  it('a JSON POST from curl or the CLI (no Origin, Host 127.0.0.1 or localhost) changes the world', async () => {
    const { server } = await kit.start({ scenario: 'user-logged-in' });
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`]) {
      await send(server.port, { path: '/_mock/reset', headers: { host, 'content-type': 'application/json' }, body: '{}' });
      const answer = await send(server.port, {
        path: '/_mock/act',
        headers: { host, 'content-type': 'application/json; charset=utf-8' },
        body: LOG_OUT,
      });
      expect(answer.status).toBe(200);
      expect(server.mock.snapshot().clusters[0]!.kmsUser.loggedInElsewhere).toBe(false);
    }
  });

  it("the server's own origin may call it (a page served from the endpoint itself)", async () => {
    const { server } = await kit.start({ scenario: 'healthy' });
    const answer = await send(server.port, {
      path: '/',
      headers: { origin: `http://127.0.0.1:${server.port}`, 'x-amz-target': 'TrentService.DescribeCustomKeyStores' },
      body: '{}',
    });
    expect(answer.status).toBe(200);
  });

  it('an origin passed with allowOrigins gets CORS headers, on the preflight and the call', async () => {
    const app = 'http://localhost:3000';
    const { server } = await kit.start({ scenario: 'healthy', allowOrigins: [app] });
    const preflight = await send(server.port, {
      method: 'OPTIONS',
      path: '/',
      headers: {
        origin: app,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-amz-target,authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': app,
      'access-control-allow-headers': 'x-amz-target,authorization',
    });
    const call = await send(server.port, {
      path: '/',
      headers: { origin: app, 'x-amz-target': 'TrentService.DescribeCustomKeyStores' },
      body: '{}',
    });
    expect(call.status).toBe(200);
    expect(call.headers['access-control-allow-origin']).toBe(app);
    expect(call.headers['access-control-expose-headers']).toContain('x-amzn-requestid');
  });

  it('a host name passed with allowHosts is accepted (a container reaching the host)', async () => {
    const { server } = await kit.start({ scenario: 'healthy', allowHosts: ['host.docker.internal'] });
    const answer = await send(server.port, {
      path: '/',
      headers: { host: `host.docker.internal:${server.port}`, 'x-amz-target': 'TrentService.DescribeCustomKeyStores' },
      body: '{}',
    });
    expect(answer.status).toBe(200);
  });
});
