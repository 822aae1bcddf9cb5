// Report automatic key rotation for every KMS key in the account and Region, as inventory and
// compliance tools do, without crashing on keys in custom key stores. KMS cannot rotate those
// (nor keys with imported material): GetKeyRotationStatus on them throws
// UnsupportedOperationException ("<key ARN> origin is AWS_CLOUDHSM which is not valid for this
// operation"). So read KeyMetadata.Origin first and ask for rotation only where it applies.
import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  UnsupportedOperationException,
  paginateListKeys,
  type KeyMetadata,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({ region: 'eu-west-1' });

/** Why KMS cannot rotate this key automatically, or undefined when it can be asked. */
function rotationDoesNotApply(key: KeyMetadata): string | undefined {
  if (key.Origin === 'AWS_CLOUDHSM' || key.Origin === 'EXTERNAL_KEY_STORE') {
    return `in custom key store ${key.CustomKeyStoreId} (Origin ${key.Origin}): rotate by creating a new KMS key`;
  }
  if (key.Origin === 'EXTERNAL') return 'imported key material (Origin EXTERNAL): rotate on demand by importing new material';
  if (key.KeySpec !== 'SYMMETRIC_DEFAULT') return `${key.KeySpec} key: only symmetric encryption keys rotate automatically`;
  return undefined;
}

const customKeyStoreKeys: string[] = [];
for await (const page of paginateListKeys({ client: kms }, {})) {
  for (const { KeyId } of page.Keys ?? []) {
    const { KeyMetadata: key } = await kms.send(new DescribeKeyCommand({ KeyId }));
    if (!key) continue;
    const reason = rotationDoesNotApply(key);
    if (reason) {
      console.log(`${key.KeyId}: rotation does not apply, ${reason}.`);
      if (key.CustomKeyStoreId) customKeyStoreKeys.push(key.KeyId!);
      continue;
    }
    try {
      const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
      console.log(`${key.KeyId}: KeyRotationEnabled ${status.KeyRotationEnabled}.`);
    } catch (err) {
      // A key type this check does not know yet: report it and go on with the other keys.
      if (!(err instanceof UnsupportedOperationException)) throw err;
      console.warn(`${key.KeyId}: rotation does not apply (${err.name}: ${err.message})`);
    }
  }
}

// What a tool that skips the Origin check meets (read-only; delete this part in your own code).
const [example] = customKeyStoreKeys;
if (example) {
  try {
    await kms.send(new GetKeyRotationStatusCommand({ KeyId: example }));
  } catch (err) {
    if (!(err instanceof UnsupportedOperationException)) throw err;
    console.log(`Without the check, GetKeyRotationStatus on ${example} fails: ${err.name}: ${err.message}`);
  }
}
