import type { ConnectionStateType, CustomKeyStoresListEntry, KMSClient } from '@aws-sdk/client-kms';
import { describeStore } from './describe-store';

export interface WaitOptions {
  /** First pause between polls. */
  firstDelayMs?: number;
  /** The pause doubles up to this. */
  maxDelayMs?: number;
  /** Give up after this long. A CloudHSM key store can take 20 minutes to connect. */
  deadlineMs?: number;
  /**
   * How long reads may still show the state from before the call you wait on. KMS is eventually
   * consistent: a change can take from seconds to several minutes to show.
   */
  staleGraceMs?: number;
}

/** The store reached FAILED while we waited for another state. */
export class StoreFailedError extends Error {
  override name = 'StoreFailedError';
  constructor(readonly store: CustomKeyStoresListEntry) {
    super(`${store.CustomKeyStoreId} is FAILED with ConnectionErrorCode ${store.ConnectionErrorCode}`);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls DescribeCustomKeyStores until the store is in `wanted`, backing off from `firstDelayMs`
 * to `maxDelayMs` (with jitter, so many waiting clients do not poll in step). `stateBeforeCall`
 * is the state the store was in before the call you wait on (Connect, Disconnect): reads may
 * still show it for `staleGraceMs`, and are waited through, even FAILED. Throws StoreFailedError
 * when the store fails instead, an Error when the old state outlasts the grace period, and an
 * Error at the deadline.
 */
export async function waitForConnectionState(
  kms: KMSClient,
  customKeyStoreId: string,
  wanted: ConnectionStateType,
  { firstDelayMs = 5_000, maxDelayMs = 30_000, deadlineMs = 25 * 60_000, staleGraceMs = 5 * 60_000 }: WaitOptions = {},
  stateBeforeCall?: ConnectionStateType,
): Promise<CustomKeyStoresListEntry> {
  const startedAt = Date.now();
  const giveUpAt = startedAt + deadlineMs;
  for (let delayMs = firstDelayMs; ; delayMs = Math.min(delayMs * 2, maxDelayMs)) {
    const askedAt = Date.now();
    const store = await describeStore(kms, customKeyStoreId);
    if (!store) throw new Error(`No custom key store ${customKeyStoreId} in this account and Region`);
    const state = store.ConnectionState;
    if (state === wanted) return store;
    const stale = state === stateBeforeCall;
    // Measured from when we asked: a slow answer is no staler than its question.
    if (stale && askedAt - startedAt >= staleGraceMs) {
      throw new Error(`${customKeyStoreId} still reads ${state} ${staleGraceMs} ms after the call: KMS did not act on it`);
    }
    if (state === 'FAILED' && !stale) throw new StoreFailedError(store);
    const pauseMs = delayMs / 2 + Math.random() * (delayMs / 2);
    if (Date.now() + pauseMs > giveUpAt) {
      throw new Error(`${customKeyStoreId} is still ${store.ConnectionState} after ${deadlineMs} ms (wanted ${wanted})`);
    }
    await sleep(pauseMs);
  }
}
