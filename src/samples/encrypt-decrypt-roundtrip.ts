// Encrypt and decrypt with a key in each kind of custom key store: a CloudHSM key store and an
// external key store. Both calls work only while the key's store is CONNECTED and its backing
// key store (the cluster, or the proxy and external key manager) answers.
import { DecryptCommand, DisabledException, EncryptCommand, KMSClient, KMSInvalidStateException } from '@aws-sdk/client-kms';

const kms = new KMSClient({ region: 'eu-west-1' });
const keys = [
  { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', store: 'payments-hsm-store (CloudHSM)' },
  { keyId: '0987dcba-09fe-87dc-65ba-ab0987654321', store: 'ledger-xks-store (external)' },
];
const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function roundTrip(keyId: string, message: string): Promise<boolean> {
  const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: encoder.encode(message) }));
  // Naming the key on Decrypt makes KMS refuse ciphertext that was made under any other key.
  const { Plaintext } = await kms.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob }));
  return decoder.decode(Plaintext) === message;
}

for (const { keyId, store } of keys) {
  try {
    const ok = await roundTrip(keyId, `ledger entry for ${store}`);
    console.log(`${store}: round trip ${ok ? 'OK' : 'returned different bytes!'} with key ${keyId}.`);
  } catch (err) {
    if (err instanceof KMSInvalidStateException) {
      // The one error crypto calls get when the store is disconnected or its backing key store is down.
      console.error(`${store}: ${err.name}: ${err.message}`);
      console.error('  Is the store CONNECTED? See /scenarios/crypto-on-unavailable-key/ and /scenarios/connection-loss/.');
    } else if (err instanceof DisabledException) {
      console.error(`${store}: the key is disabled (${err.message}); enable it with EnableKey.`);
    } else {
      throw err;
    }
  }
}
