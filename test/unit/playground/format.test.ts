import { describe, expect, it } from 'vitest';
import { formatDuration, formatSimulatedTime } from '../../../src/playground/ui/format';

describe('formatDuration', () => {
  it('reads like a person would say it, with at most two units', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1_500)).toBe('1.5 s');
    expect(formatDuration(30_000)).toBe('30 s');
    expect(formatDuration(4 * 60_000 + 12_000)).toBe('4 min 12 s');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(7 * 86_400_000 + 3 * 3_600_000 + 5 * 60_000)).toBe('7 d 3 h');
  });
});

describe('formatSimulatedTime', () => {
  it('shows UTC to the second', () => {
    expect(formatSimulatedTime(Date.UTC(2026, 10, 28, 9, 4, 12, 999))).toBe('2026-11-28 09:04:12 UTC');
  });
});
