import type { ConnectionErrorCodeType, CustomKeyStoresListEntry } from '@aws-sdk/client-kms';

/**
 * What to do for each ConnectionErrorCode. Typed as a Record over the SDK's own union, so the
 * compiler reports a missing code when a new SDK version adds one.
 */
export const NEXT_STEP: Record<ConnectionErrorCodeType, string> = {
  CLUSTER_NOT_FOUND:
    'Restore a cluster from a backup, point the store at it with UpdateCustomKeyStore CloudHsmClusterId, connect.',
  INSUFFICIENT_CLOUDHSM_HSMS: 'Add at least one HSM to the cluster (CloudHSM CreateHsm), then connect.',
  INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET: 'Free an IP address in every cluster subnet (remove unused ENIs), then connect.',
  INTERNAL_ERROR: 'A transient KMS error: disconnect, then connect again.',
  INVALID_CREDENTIALS:
    'Make the kmsuser password (or the XKS proxy credential) match what KMS has with UpdateCustomKeyStore, then connect.',
  NETWORK_ERRORS: 'Usually transient: wait a few minutes and connect again; if it persists, check the network path.',
  SUBNET_NOT_FOUND: 'A cluster subnet was deleted: restore a cluster from a backup into new subnets and update the store.',
  USER_LOCKED_OUT: 'Reset the kmsuser password in the cluster, update KeyStorePassword, connect.',
  USER_LOGGED_IN: 'Log kmsuser out of the cluster, then connect.',
  USER_NOT_FOUND: 'Create the kmsuser crypto user, update KeyStorePassword, connect.',
  XKS_PROXY_ACCESS_DENIED: "Allow KMS in the proxy's authorization rules, then connect.",
  XKS_PROXY_INVALID_CONFIGURATION: 'Fix XksProxyUriPath (UpdateCustomKeyStore), then connect.',
  XKS_PROXY_INVALID_RESPONSE: 'The proxy does not follow the XKS proxy API: contact its vendor.',
  XKS_PROXY_INVALID_TLS_CONFIGURATION:
    "Serve TLS 1.2+ with a valid certificate for the endpoint from a trusted CA (if the proxy still checks client certificates, a deprecated mTLS setup, it must accept KMS's), then connect.",
  XKS_PROXY_NOT_REACHABLE: 'Check the proxy endpoint, path, port 443 and that its key manager is up, then connect.',
  XKS_PROXY_TIMED_OUT:
    'The proxy answers too slowly (KMS waits 250 ms): retry; if it persists, move the proxy closer to its key manager.',
  XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION:
    'Bring the VPC endpoint service up to the external key store requirements, then connect.',
  XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND:
    'Check the endpoint service name and add cks.kms.<region>.amazonaws.com to its allowed principals.',
};

/** One line about a store's state and what to do next. */
export function explainStore(store: CustomKeyStoresListEntry): string {
  const id = store.CustomKeyStoreId ?? 'The store';
  switch (store.ConnectionState) {
    case 'FAILED': {
      const code = store.ConnectionErrorCode;
      const advice = code ? NEXT_STEP[code] : 'KMS gave no ConnectionErrorCode.';
      return `${id} is FAILED (${code ?? 'no code'}). Disconnect it first. ${advice}`;
    }
    case 'CONNECTING':
      return `${id} is CONNECTING: wait (up to 20 minutes for CloudHSM, about 5 for an external key store).`;
    case 'DISCONNECTING':
      return `${id} is DISCONNECTING: wait for DISCONNECTED before connecting or changing it.`;
    case 'DISCONNECTED':
      return `${id} is DISCONNECTED: connect it before creating or using keys.`;
    case 'CONNECTED':
      return `${id} is CONNECTED. If cryptographic calls still fail, the cluster or proxy behind it is the problem.`;
    default:
      return `${id} reports no known ConnectionState (${String(store.ConnectionState)}).`;
  }
}
