import { expect, it } from 'vitest';
import { createScaledTimers, createSimulatedClock } from 'kms-custom-key-store-mock/core';
import { concatBytes, fromBase64, open, peekKeyId, seal, toBase64, utf8 } from 'kms-custom-key-store-mock/testing';

it('base64 round-trips every length and agrees with the platform encoder', () => {
  for (let length = 0; length < 40; length += 1) {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
    const encoded = toBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(fromBase64(encoded)).toEqual(bytes);
  }
  expect(fromBase64('not base64!')).toBeUndefined();
  expect(fromBase64('abc')).toBeUndefined();
});

it('utf8 agrees with the platform encoder, ASCII or not', () => {
  for (const text of ['', 'key-1', '1234abcd-12ab-34cd-56ef-1234567890ab', 'é1', 'a€b', 'emoji 🔑 key', '\u0000\u007f\u0080']) {
    expect(utf8(text)).toEqual(new TextEncoder().encode(text));
  }
  expect(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3));
  expect(fromBase64('QU\u00e9D')).toBeUndefined();
  expect(fromBase64('QU🔑')).toBeUndefined();
});

it('the envelope opens only with the same material and encryption context', () => {
  const plaintext = new TextEncoder().encode('hello');
  const blob = seal('key-1', 'material-a', plaintext, { b: '2', a: '1' }, new Uint8Array(12).fill(7));
  expect(peekKeyId(blob)).toBe('key-1');
  expect(open(blob, 'material-a', { a: '1', b: '2' })).toEqual(plaintext);
  expect(open(blob, 'material-b', { a: '1', b: '2' })).toBeUndefined();
  expect(open(blob, 'material-a', { a: '1' })).toBeUndefined();
  expect(new TextDecoder().decode(blob)).not.toContain('hello');
});

it('a scaled clock runs simulated time faster, and its timers agree with it', async () => {
  let real = 1_000;
  const clock = createSimulatedClock({ realNow: () => real, speed: 100, start: 0 });
  real += 50;
  expect(clock.now()).toBe(5_000);
  clock.advance(60_000);
  expect(clock.elapsed()).toBe(65_000);

  const live = createSimulatedClock({ speed: 1000 });
  const timers = createScaledTimers(live);
  const started = Date.now();
  await timers.sleep(30_000);
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(live.elapsed()).toBeGreaterThanOrEqual(29_000);

  const frozen = createScaledTimers(createSimulatedClock({ realNow: () => 5, speed: 10, start: 1_700_000_000_000 }));
  expect(new frozen.Date().getTime()).toBe(1_700_000_000_000);
  expect(frozen.Date.now()).toBe(1_700_000_000_000);
  expect(new frozen.Date(0).getTime()).toBe(0);
});
