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

/** Causes AWS names for a failing key in a connected external key store, and words of the message that point at each. */
const EXTERNAL_CAUSES: ReadonlyArray<{ messageSays: RegExp; advice: string }> = [
  { messageSays: /could not find the external key/i, advice: 'The external key is missing from the external key manager: restore it from the key manager’s backup.' },
  { messageSays: /external key .* is disabled/i, advice: 'The external key is disabled in the external key manager: enable it there (EnableKey in KMS does not help).' },
  { messageSays: /does not support the requested/i, advice: 'The external key does not allow this operation: it needs both ENCRYPT and DECRYPT usage.' },
  { messageSays: /denied|authoriz/i, advice: 'The proxy denied KMS access: check its authorization rules.' },
  { messageSays: /ciphertext/i, advice: 'The proxy reported the ciphertext as invalid: it was not produced by this external key.' },
  { messageSays: /reach|respond|timed out/i, advice: 'KMS cannot reach the proxy in time: check the proxy, its network path and its latency.' },
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
