import type { ConnectionStateType, CustomKeyStoresListEntry, KMSClient } from '@aws-sdk/client-kms';
import { describeStore } from './describe-store';

export interface WaitOptions {
  /** First pause between polls. */
  firstDelayMs?: number;
  /** The pause doubles up to this. */
  maxDelayMs?: number;
  /** Give up after this long. A CloudHSM key store can take 20 minutes to connect. */
  deadlineMs?: number;
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
 * to `maxDelayMs` (with jitter, so many waiting clients do not poll in step). Throws
 * StoreFailedError when the store fails instead, and an Error at the deadline.
 */
export async function waitForConnectionState(
  kms: KMSClient,
  customKeyStoreId: string,
  wanted: ConnectionStateType,
  { firstDelayMs = 5_000, maxDelayMs = 30_000, deadlineMs = 25 * 60_000 }: WaitOptions = {},
): Promise<CustomKeyStoresListEntry> {
  const giveUpAt = Date.now() + deadlineMs;
  for (let delayMs = firstDelayMs; ; delayMs = Math.min(delayMs * 2, maxDelayMs)) {
    const store = await describeStore(kms, customKeyStoreId);
    if (!store) throw new Error(`No custom key store ${customKeyStoreId} in this account and Region`);
    if (store.ConnectionState === wanted) return store;
    if (store.ConnectionState === 'FAILED') throw new StoreFailedError(store);
    const pauseMs = delayMs / 2 + Math.random() * (delayMs / 2);
    if (Date.now() + pauseMs > giveUpAt) {
      throw new Error(`${customKeyStoreId} is still ${store.ConnectionState} after ${deadlineMs} ms (wanted ${wanted})`);
    }
    await sleep(pauseMs);
  }
}
