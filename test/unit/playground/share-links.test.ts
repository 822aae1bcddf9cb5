import { describe, expect, it } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { decodeCodeHash, encodeCodeHash } from '../../../src/playground/share/code-hash';
import { createDraftStore } from '../../../src/playground/share/drafts';

const program = `import { KMSClient, DescribeCustomKeyStoresCommand } from "@aws-sdk/client-kms";
const kms = new KMSClient({ region: "eu-west-1" });
// Ünïcode, emoji 🔑 and symbols & = # + survive the trip
console.log(await kms.send(new DescribeCustomKeyStoresCommand({})));
`;

describe('code in the URL hash', () => {
  it('is #code= followed by the lz-string payload, and round-trips', () => {
    const hash = encodeCodeHash(program);
    expect(hash).toBe(`#code=${compressToEncodedURIComponent(program)}`);
    expect(decodeCodeHash(hash)).toEqual({ kind: 'code', code: program });
  });

  it('reads the code among other hash parameters', () => {
    expect(decodeCodeHash(`#other=1&code=${compressToEncodedURIComponent('console.log(1)')}`)).toEqual({
      kind: 'code',
      code: 'console.log(1)',
    });
  });

  it('survives percent-encoding and + turned into spaces by other tools', () => {
    const listing = Array.from({ length: 40 }, (_, i) => `line ${i} value=${i * i}`).join('\n');
    const hash = encodeCodeHash(listing);
    const mangled = hash.replace(/\+/g, ' ').replace('D', '%44');
    expect(mangled).toContain(' ');
    expect(decodeCodeHash(mangled)).toEqual({ kind: 'code', code: listing });
  });

  it('never loads part of a program from a link cut short, wherever the cut falls', () => {
    const hash = encodeCodeHash(program);
    for (let cut = '#code='.length; cut < hash.length; cut++) {
      expect(decodeCodeHash(hash.slice(0, cut)), `cut at ${cut}`).toMatchObject({
        kind: 'error',
        reason: expect.stringMatching(/no code|incomplete or damaged/),
      });
    }
  });

  it('reports damaged payloads', () => {
    const hash = encodeCodeHash(program);
    for (const at of [10, 40, hash.length - 1]) {
      const damaged = hash.slice(0, at) + (hash[at] === 'A' ? 'B' : 'A') + hash.slice(at + 1);
      expect(decodeCodeHash(damaged), `changed at ${at}`).toMatchObject({ kind: 'error' });
    }
    expect(decodeCodeHash('#code=<script>alert(1)</script>')).toMatchObject({
      kind: 'error',
      reason: expect.stringMatching(/damaged/),
    });
  });

  it('ignores hashes that carry no code, like heading anchors', () => {
    expect(decodeCodeHash('')).toEqual({ kind: 'none' });
    expect(decodeCodeHash('#output')).toEqual({ kind: 'none' });
  });
});

describe('drafts', () => {
  function memoryStorage() {
    const items = new Map<string, string>();
    return {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    };
  }

  it('keeps one draft per scenario', () => {
    const drafts = createDraftStore(memoryStorage());
    drafts.save('user-locked-out', 'a');
    drafts.save('healthy', 'b');
    expect(drafts.load('user-locked-out')).toBe('a');
    drafts.discard('user-locked-out');
    expect(drafts.load('user-locked-out')).toBeUndefined();
    expect(drafts.load('healthy')).toBe('b');
  });

  it('does without storage when it is missing or refuses writes', () => {
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(() => createDraftStore(full).save('healthy', 'x')).not.toThrow();
    expect(createDraftStore(undefined).load('healthy')).toBeUndefined();
  });
});
