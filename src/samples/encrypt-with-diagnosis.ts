// Encrypt with a KMS key in a custom key store, and explain a KMSInvalidStateException: it is the
// error every cryptographic call gets when the key's store cannot be used, whatever the reason.
import {
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  EncryptCommand,
  KMSClient,
  KMSInvalidStateException,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({ region: 'eu-west-1' });
const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab'; // a key in payments-hsm-store
const maxAttempts = 3; // KMS may recover from a lost cluster connection by itself: retry a few times first

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Works out why the key cannot be used. Returns advice, and whether waiting might help. */
async function diagnose(): Promise<{ advice: string; transient: boolean }> {
  const { KeyMetadata: key } = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  // A key scheduled for deletion refuses every cryptographic call whatever its store's state, and
  // waiting will not change that (Developer Guide: Key states of AWS KMS keys).
  if (key?.KeyState === 'PendingDeletion') {
    return {
      advice:
        `The key is scheduled for deletion on ${key.DeletionDate?.toISOString() ?? 'a date DescribeKey does not show'}. ` +
        'If that is a mistake, cancel the deletion (CancelKeyDeletion; the key is then Disabled) and enable the key (EnableKey).',
      transient: false,
    };
  }
  const storeId = key?.CustomKeyStoreId;
  if (!storeId) return { advice: `The key is ${key?.KeyState}; see the key state table in the KMS guide.`, transient: false };

  const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }));
  const state = CustomKeyStores?.[0]?.ConnectionState;
  console.log(`Key state: ${key?.KeyState}. Its custom key store ${storeId} is ${state}.`);

  if (state === 'CONNECTED') {
    return {
      advice:
        `${storeId} still reports CONNECTED, so KMS is connected but cannot use the backing key store. Read the message ` +
        'above: the network path (security groups, NACLs, routes), a cluster without active HSMs or deleted, key material ' +
        'deleted from the cluster, or no free PKCS #11 sessions (/guides/troubleshooting/).',
      transient: true,
    };
  }
  if (state === 'FAILED') {
    const code = CustomKeyStores?.[0]?.ConnectionErrorCode;
    return {
      advice: `The store is FAILED with ${code}: fix that, then disconnect and reconnect it (/scenarios/connect-while-failed/).`,
      transient: false,
    };
  }
  return {
    advice: `The key is unavailable because ${storeId} is ${state}. Ask an operator to connect the store, then retry (/scenarios/crypto-on-unavailable-key/).`,
    transient: false,
  };
}

const plaintext = new TextEncoder().encode('card-token 4111-0000-0000-1111');
for (let attempt = 1; attempt <= maxAttempts; attempt++) {
  try {
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
    console.log(`Encrypted ${plaintext.length} bytes with ${keyId}: ${CiphertextBlob?.length} bytes of ciphertext.`);
    break;
  } catch (err) {
    if (!(err instanceof KMSInvalidStateException)) throw err;
    console.warn(`Encrypt failed (${err.name}, HTTP ${err.$metadata.httpStatusCode}): ${err.message}`);
    const { advice, transient } = await diagnose();
    if (!transient || attempt === maxAttempts) {
      console.error(advice);
      break;
    }
    const delayMs = 2_000 * 2 ** attempt;
    console.log(`Retrying in ${delayMs / 1000} s (attempt ${attempt + 1} of ${maxAttempts}).`);
    await sleep(delayMs);
  }
}
