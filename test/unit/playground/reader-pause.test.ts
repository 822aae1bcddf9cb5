/**
 * When Monaco's evaluation may take the main thread: once the reader has left the playground
 * alone for the quiet time, counted again from each click or key, and never later than the limit.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenReaderPauses } from '../../../src/playground/editor/reader-pause';

const QUIET_MS = 600;
const AT_MOST_MS = 3000;

describe('whenReaderPauses', () => {
  let playground: EventTarget;
  let paused: boolean;
  const readerUses = (type: string) => playground.dispatchEvent(new Event(type));
  const watch = () => void whenReaderPauses(playground, { quietMs: QUIET_MS, atMostMs: AT_MOST_MS }).then(() => (paused = true));

  beforeEach(() => {
    vi.useFakeTimers();
    playground = new EventTarget();
    paused = false;
  });
  afterEach(() => vi.useRealTimers());

  it('resolves once the reader has done nothing for the quiet time', async () => {
    watch();
    await vi.advanceTimersByTimeAsync(QUIET_MS - 1);
    expect(paused).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(paused).toBe(true);
  });

  it.each(['pointerdown', 'keydown', 'input', 'compositionupdate'])('counts the quiet again from a %s', async (type) => {
    watch();
    await vi.advanceTimersByTimeAsync(QUIET_MS - 100);
    readerUses(type);
    await vi.advanceTimersByTimeAsync(QUIET_MS - 1);
    expect(paused).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(paused).toBe(true);
  });

  it('is not held up by what is not the reader using the playground (scrolling, moving the pointer)', async () => {
    watch();
    await vi.advanceTimersByTimeAsync(QUIET_MS - 100);
    readerUses('scroll');
    readerUses('pointermove');
    await vi.advanceTimersByTimeAsync(100);
    expect(paused).toBe(true);
  });

  it('resolves at the limit for a reader who types without a pause', async () => {
    watch();
    for (let elapsed = 0; elapsed < AT_MOST_MS - 200; elapsed += 200) {
      await vi.advanceTimersByTimeAsync(200);
      readerUses('keydown');
    }
    expect(paused).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(paused).toBe(true);
  });

  it('stops listening once resolved', async () => {
    const removed = vi.spyOn(playground, 'removeEventListener');
    watch();
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(removed.mock.calls.map(([type]) => type).sort()).toEqual(['compositionupdate', 'input', 'keydown', 'pointerdown']);
  });
});
