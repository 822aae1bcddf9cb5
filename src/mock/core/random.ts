/**
 * The mock's one seeded generator (mulberry32: small, well mixed, its whole state one 32-bit
 * integer), for everything that must replay: consistency lags, deterministic ids in reproductions
 * and fuzz inputs.
 */

/** One step: the next number in [0, 1) and the generator's next state. */
export function mulberry32(state: number): { value: number; state: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 2 ** 32, state: next };
}

/** A `Math.random` stand-in that gives the same numbers for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    const step = mulberry32(state);
    state = step.state;
    return step.value;
  };
}
