/**
 * The two ways every sample and guide snippet runs in CI: against a mock that answers with the
 * world as it is, and against one that simulates KMS's eventual consistency (a few fixed seeds, so
 * a failure names the seed that replays it: `createKmsMock({ consistency: { lagMs, seed } })`).
 */
import type { ConsistencyOptions } from 'kms-custom-key-store-mock/core';

export interface ConsistencyMode {
  /** For test titles: "without lag" or "with lag ≤ 120000 ms, seed 11". */
  name: string;
  consistency?: ConsistencyOptions;
}

/** Seeds for the lag mode; each one is a full extra run of the suite that uses it. */
const LAG_SEEDS = [11, 29];

export function consistencyModes(lagMs: number): ConsistencyMode[] {
  return [
    { name: 'without lag' },
    ...LAG_SEEDS.map((seed) => ({ name: `with lag ≤ ${lagMs} ms, seed ${seed}`, consistency: { lagMs, seed } })),
  ];
}
