import { describe, expect, it } from 'vitest';
import { formatArguments, inspect, preview, type InspectNode } from '../../../src/playground/runner';

class FakeServiceException extends Error {
  override name = 'CustomKeyStoreInvalidStateException';
  readonly $fault = 'client';
  readonly $metadata = { httpStatusCode: 400, requestId: 'req-1', attempts: 1 };
}

describe('inspect', () => {
  it('keeps name, message, $fault and $metadata of SDK errors up front', () => {
    const node = inspect(new FakeServiceException('The store is not connected.'));
    expect(node).toMatchObject({
      kind: 'error',
      name: 'CustomKeyStoreInvalidStateException',
      message: 'The store is not connected.',
    });
    const fields = node.kind === 'error' ? node.fields : [];
    expect(fields.map((f) => f.key).slice(0, 2)).toEqual(['$fault', '$metadata']);
    expect(preview(fields[1]!.value)).toBe('{ httpStatusCode: 400, requestId: "req-1", attempts: 1 }');
  });

  it('marks cycles instead of recursing forever', () => {
    const store: Record<string, unknown> = { id: 'cks-1' };
    store.self = store;
    expect(preview(inspect(store))).toBe('{ id: "cks-1", self: [Circular] }');
  });

  it('stops at the depth limit and counts entries it leaves out', () => {
    const deep = { a: { b: { c: { d: 1 } } } };
    expect(preview(inspect(deep, { maxDepth: 2, maxEntries: 100, maxStringLength: 100 }))).toBe('{ a: { b: [Object] } }');
    const node = inspect(
      Array.from({ length: 250 }, (_, i) => i),
      { maxDepth: 5, maxEntries: 100, maxStringLength: 100 },
    );
    expect(node).toMatchObject({ kind: 'collection', label: 'Array(250)', omittedEntries: 150 });
  });

  it('never runs getters', () => {
    let calls = 0;
    const object = {
      get expensive() {
        calls += 1;
        return 1;
      },
    };
    expect(preview(inspect(object))).toBe('{ expensive: [Getter] }');
    expect(calls).toBe(0);
  });

  it('describes class instances, maps, sets, dates, typed arrays and functions', () => {
    class KMSClient {
      config = { region: 'eu-west-1' };
    }
    const values: Array<[unknown, string]> = [
      [new KMSClient(), 'KMSClient { config: { region: "eu-west-1" } }'],
      [new Map([['state', 'FAILED']]), 'Map(1) { state: "FAILED" }'],
      [new Set([1, 2]), 'Set(2) [ 1, 2 ]'],
      [new Date(Date.UTC(2026, 0, 2)), '2026-01-02T00:00:00.000Z'],
      [new Uint8Array([1, 2, 3]), 'Uint8Array(3) [ 1, 2, 3 ]'],
      [function describeStores() {}, '[Function: describeStores]'],
      [KMSClient, '[class KMSClient]'],
      [10n, '10n'],
      [[undefined, null, 'x'], '[ undefined, null, "x" ]'],
    ];
    for (const [value, text] of values) expect(preview(inspect(value))).toBe(text);
  });

  it('cuts long strings and says how much is missing', () => {
    const node = inspect('x'.repeat(50), { maxDepth: 5, maxEntries: 100, maxStringLength: 10 });
    expect(node).toEqual<InspectNode>({ kind: 'string', value: 'x'.repeat(10), omittedChars: 40 });
  });
});

describe('formatArguments', () => {
  it('applies printf-style directives like Node', () => {
    const nodes = formatArguments(['%s is %d%% %o', 'cks-1', 99.5, { state: 'FAILED' }, 'extra']);
    expect(nodes.map((n) => preview(n))).toEqual(['cks-1 is 99.5% { state: "FAILED" }', 'extra']);
  });

  it('inspects each argument when there is no format string', () => {
    expect(formatArguments([1, 'two', { three: 3 }]).map((n) => preview(n))).toEqual(['1', 'two', '{ three: 3 }']);
  });
});
