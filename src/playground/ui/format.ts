/** Human-readable durations and times for the status line, request log and World panel. */

const UNITS: ReadonlyArray<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
  ['s', 1_000],
];

/** `252_000` → `4 min 12 s`; `850` → `850 ms`; `1_500` → `1.5 s`; at most two units. */
export function formatDuration(ms: number): string {
  const rounded = Math.max(0, Math.round(ms));
  if (rounded < 1000) return `${rounded} ms`;
  if (rounded < 10_000 && rounded % 1000 !== 0) return `${(rounded / 1000).toFixed(1)} s`;
  const index = UNITS.findIndex(([, size]) => rounded >= size);
  const [unit, size] = UNITS[index]!;
  const whole = `${Math.floor(rounded / size)} ${unit}`;
  const next = UNITS[index + 1];
  const remainder = next ? Math.floor((rounded % size) / next[1]) : 0;
  return next && remainder > 0 ? `${whole} ${remainder} ${next[0]}` : whole;
}

/** `2026-11-28 09:04:12 UTC`: simulated wall-clock time. */
export function formatSimulatedTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
