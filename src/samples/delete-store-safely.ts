// Retire a custom key store. KMS deletes only a store that is DISCONNECTED and holds no KMS keys.
// Keys go first: schedule their deletion while the store is still connected, so that KMS can also
// remove their key material from the cluster when the waiting period ends. Run this again after
// that date to disconnect and delete the store.
// Deleting a KMS key makes everything encrypted under it unrecoverable: run this only to retire.
import {
  CustomKeyStoreHasCMKsException,
  CustomKeyStoreInvalidStateException,
  CustomKeyStoreNotFoundException,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisconnectCustomKeyStoreCommand,
  KMSClient,
  ScheduleKeyDeletionCommand,
  paginateListKeys,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({ region: 'eu-west-1' });
const storeId = 'cks-1234567890abcdef0'; // payments-hsm-store
const pendingWindowInDays = 7; // the shortest waiting period KMS allows

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function connectionState() {
  const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }));
  return CustomKeyStores?.[0]?.ConnectionState;
}

/** Schedules deletion of the store's keys; returns when the last of them will be gone (undefined: none left). */
async function scheduleDeletionOfKeysInStore(): Promise<Date | undefined> {
  let lastDeletion: Date | undefined;
  for await (const page of paginateListKeys({ client: kms }, {})) {
    for (const { KeyId } of page.Keys ?? []) {
      const { KeyMetadata: key } = await kms.send(new DescribeKeyCommand({ KeyId }));
      if (key?.CustomKeyStoreId !== storeId) continue;
      let deletionDate = key.DeletionDate;
      if (key.KeyState !== 'PendingDeletion') {
        ({ DeletionDate: deletionDate } = await kms.send(
          new ScheduleKeyDeletionCommand({ KeyId, PendingWindowInDays: pendingWindowInDays }),
        ));
        console.log(`Scheduled deletion of key ${KeyId} on ${deletionDate?.toISOString()}.`);
      }
      if (deletionDate && (!lastDeletion || deletionDate > lastDeletion)) lastDeletion = deletionDate;
    }
  }
  return lastDeletion;
}

async function disconnectAndWait() {
  if ((await connectionState()) !== 'DISCONNECTING') {
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
  }
  const giveUpAt = Date.now() + 10 * 60_000;
  while ((await connectionState()) !== 'DISCONNECTED') {
    if (Date.now() > giveUpAt) throw new Error(`${storeId} did not reach DISCONNECTED in 10 minutes.`);
    await sleep(10_000);
  }
  console.log(`${storeId} is DISCONNECTED.`);
}

const deleteStore = async () => {
  await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
  console.log(`Deleted custom key store ${storeId}.`);
};

/** After a refused delete: schedules the keys' deletion, or (once they are gone) disconnects and deletes. */
async function clearTheWay(refusal: CustomKeyStoreInvalidStateException | CustomKeyStoreHasCMKsException) {
  const state = await connectionState();
  const reason =
    refusal instanceof CustomKeyStoreHasCMKsException ? 'KMS keys still live in it' : `it is ${state}, not DISCONNECTED`;
  console.warn(`DeleteCustomKeyStore was refused (${refusal.name}): ${reason}.`);

  const keysGoneAt = await scheduleDeletionOfKeysInStore();
  if (keysGoneAt) {
    if (state !== 'CONNECTED')
      console.warn(
        'The store is not connected, so KMS cannot remove the key material from the cluster: delete it there by hand.',
      );
    console.log(`Run this program again after ${keysGoneAt.toISOString()}, when the keys are gone.`);
    return;
  }
  if (state !== 'DISCONNECTED') await disconnectAndWait();
  await deleteStore();
}

try {
  await deleteStore();
} catch (err) {
  if (err instanceof CustomKeyStoreInvalidStateException || err instanceof CustomKeyStoreHasCMKsException) await clearTheWay(err);
  else if (err instanceof CustomKeyStoreNotFoundException)
    console.log(`${storeId} does not exist (any more): nothing to delete.`);
  else throw err;
}
