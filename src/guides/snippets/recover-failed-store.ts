import {
  ConnectCustomKeyStoreCommand,
  DisconnectCustomKeyStoreCommand,
  type ConnectionErrorCodeType,
  type CustomKeyStoresListEntry,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { describeStore } from './describe-store';
import { waitForConnectionState, type WaitOptions } from './wait-for-state';

/**
 * Brings a FAILED store back: read the error code, disconnect, repair the cause, connect, wait.
 * `repair` is your part outside KMS (log kmsuser out, add an HSM, fix the proxy, …), and may
 * call UpdateCustomKeyStore, which only works once the store is DISCONNECTED.
 */
export async function recoverFailedStore(
  kms: KMSClient,
  customKeyStoreId: string,
  repair: (code: ConnectionErrorCodeType | undefined) => Promise<void>,
  wait: WaitOptions = {},
): Promise<CustomKeyStoresListEntry> {
  const store = await describeStore(kms, customKeyStoreId);
  if (store?.ConnectionState !== 'FAILED') {
    throw new Error(`${customKeyStoreId} is ${store?.ConnectionState ?? 'not found'}, not FAILED`);
  }
  // Read the code now: KMS stops reporting it once the store leaves FAILED.
  const code = store.ConnectionErrorCode;

  // Right after each call, reads may still show the state before it (eventual consistency).
  await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: customKeyStoreId }));
  await waitForConnectionState(kms, customKeyStoreId, 'DISCONNECTED', wait, 'FAILED');
  await repair(code);
  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: customKeyStoreId }));
  return waitForConnectionState(kms, customKeyStoreId, 'CONNECTED', wait, 'DISCONNECTED');
}
