// Encrypt with a KMS key in an external key store, and explain a KMSInvalidStateException. Every
// cryptographic failure in an external key store has that one class; only the message tells the
// causes apart. When the store is CONNECTED and the key Enabled, the cause is outside KMS: the
// proxy, or the external key behind the KMS key.
import {
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  EncryptCommand,
  KMSClient,
  KMSInvalidStateException,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({ region: 'eu-west-1' });
const keyId = '0987dcba-09fe-87dc-65ba-ab0987654321'; // a key in ledger-xks-store

/**
 * The messages AWS documents for a failing key in a connected external key store (Developer
 * Guide, "Troubleshooting external key stores"), each with what to do. Order matters: the proxy's
 * "does not support the requested cryptographic operation" comes before the external key's
 * "does not support the requested operation".
 */
const EXTERNAL_CAUSES: ReadonlyArray<{ messageSays: RegExp; advice: string }> = [
  {
    messageSays: /does not support the requested cryptographic operation/i,
    advice: 'The proxy does not implement this operation of the XKS Proxy API: tell its administrator or vendor.',
  },
  {
    messageSays: /could not find the external key/i,
    advice: 'The external key is missing from the external key manager: restore it from the key manager’s backup.',
  },
  {
    messageSays: /external key is not enabled/i,
    advice: 'The external key is disabled in the external key manager: enable it there (EnableKey in KMS does not help).',
  },
  {
    messageSays: /external key does not support the requested operation/i,
    advice: 'The external key does not allow this operation: it needs both ENCRYPT and DECRYPT usage.',
  },
  { messageSays: /denied access/i, advice: 'The proxy denied KMS access: check its authorization rules.' },
  {
    messageSays: /could not authenticate/i,
    advice: 'The proxy rejected the store’s proxy credential: update the credential in KMS or on the proxy.',
  },
  {
    messageSays: /ciphertext/i,
    advice:
      'The ciphertext or encryption context was reported invalid: this can be a transient fault in transit, so retry; if it persists, check that the ciphertext is unaltered and the encryption context matches.',
  },
  {
    messageSays: /did not respond in time|cannot communicate|unhealthy state/i,
    advice: 'KMS cannot reach the proxy in time: retry; if it persists, check the proxy, its network path and its latency.',
  },
  {
    messageSays: /cannot interpret the response|invalid URI path|TLS/i,
    advice: 'The proxy or its configuration is broken: check the proxy against the XKS Proxy API and the store’s settings.',
  },
];

const plaintext = new TextEncoder().encode('ledger entry 2026-11-28 #4471');
try {
  const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
  console.log(`Encrypted ${plaintext.length} bytes with ${keyId}: ${CiphertextBlob?.length} bytes of ciphertext.`);
} catch (err) {
  if (!(err instanceof KMSInvalidStateException)) throw err;
  console.warn(`Encrypt failed (${err.name}): ${err.message}`);

  const { KeyMetadata: key } = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  const storeId = key?.CustomKeyStoreId;
  const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }));
  const state = CustomKeyStores?.[0]?.ConnectionState;
  console.log(`Key state: ${key?.KeyState}. Its external key store ${storeId} is ${state}.`);

  if (state !== 'CONNECTED' || key?.KeyState !== 'Enabled') {
    console.error('KMS itself refuses the key: connect the store, or fix the key state (/scenarios/crypto-on-unavailable-key/).');
  } else {
    const cause = EXTERNAL_CAUSES.find(({ messageSays }) => messageSays.test(err.message));
    console.error(cause?.advice ?? 'The message above names the cause; see /guides/troubleshooting/ for the list AWS gives.');
  }
}
