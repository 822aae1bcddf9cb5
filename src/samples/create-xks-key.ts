// Create a KMS key in an external key store (XKS), backed by a key in your external key manager.
// Before it creates the key, KMS asks the external key store proxy about the external key. If the
// proxy cannot be reached, answers too slowly or rejects KMS, CreateKey fails with
// CustomKeyStoreInvalidStateException even though the store says CONNECTED. If the proxy finds the
// external key but it does not fit (not AES-256, disabled, or lacking a usage), the error is
// XksKeyInvalidConfigurationException.
import {
  CreateKeyCommand,
  CustomKeyStoreInvalidStateException,
  DescribeCustomKeyStoresCommand,
  KMSClient,
  XksKeyAlreadyInUseException,
  XksKeyInvalidConfigurationException,
  XksKeyNotFoundException,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({ region: 'eu-west-1' });
const storeId = 'cks-0fedcba9876543210'; // ledger-xks-store
const externalKeyId = 'ext-key-0002'; // the key's id in the external key manager
const maxAttempts = 3; // a proxy that timed out once may answer the next time

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function describeStore() {
  const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }));
  return CustomKeyStores?.[0];
}

for (let attempt = 1; attempt <= maxAttempts; attempt++) {
  try {
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId: storeId, XksKeyId: externalKeyId }),
    );
    console.log(`Created KMS key ${KeyMetadata?.KeyId}, backed by ${externalKeyId} in ${storeId}.`);
    break;
  } catch (err) {
    if (err instanceof XksKeyInvalidConfigurationException) {
      // The proxy found the key, but KMS can use only an enabled 256-bit AES key that can encrypt and decrypt.
      console.error(`${err.name}: ${err.message}`);
      console.error(
        'Use a 256-bit AES key with ENCRYPT and DECRYPT usage, enabled in the key manager (a key spec cannot change).',
      );
      break;
    }
    if (err instanceof XksKeyAlreadyInUseException || err instanceof XksKeyNotFoundException) {
      console.error(`${err.name}: ${err.message} Pick another external key.`);
      break;
    }
    if (!(err instanceof CustomKeyStoreInvalidStateException)) throw err;

    const store = await describeStore();
    if (store?.ConnectionState !== 'CONNECTED') {
      console.error(`CreateKey was refused (${err.name}): ${storeId} is ${store?.ConnectionState}. Connect it first.`);
      break;
    }
    const proxy = store.XksProxyConfiguration;
    console.warn(`CreateKey was refused (${err.name}) although ${storeId} is CONNECTED: the proxy check failed.`);
    console.warn(`KMS said: ${err.message}`);
    if (attempt === maxAttempts) {
      console.error(
        `Check the proxy at ${proxy?.UriEndpoint}${proxy?.UriPath}: is it up, reachable on port 443, answering within 250 ms,`,
      );
      console.error("and accepting the store's credential? See /scenarios/xks-create-key-proxy-unreachable/.");
      break;
    }
    const delayMs = 5_000 * attempt;
    console.log(`Retrying in ${delayMs / 1000} s...`);
    await sleep(delayMs);
  }
}
