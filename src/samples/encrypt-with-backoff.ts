// Encrypt under load. When KMS throttles (or, for a busy CloudHSM cluster with no free PKCS #11 session,
// fails with KMSInternalException), the SDK already retries (3 attempts in all by default); if the error
// still reaches you, slow down: back off with jitter, try again, and give up at a deadline.
import { EncryptCommand, KMSClient, KMSServiceException } from '@aws-sdk/client-kms';

const kms = new KMSClient({ region: 'eu-west-1' });
const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
// Long enough for several rounds of backoff; shorter for a request that a user is waiting on.
const deadlineMs = 5 * 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
// ThrottlingException is not a modeled KMS error class: the SDK throws a KMSServiceException with that name.
// KMSInternalException is a server fault that passes: it calls for the same backoff.
const worthBackingOff = (err: unknown): err is KMSServiceException =>
  err instanceof KMSServiceException && (err.name === 'ThrottlingException' || err.name === 'KMSInternalException');

async function encryptWithBackoff(plaintext: Uint8Array): Promise<Uint8Array | undefined> {
  const giveUpAt = Date.now() + deadlineMs;
  for (let round = 1; ; round++) {
    try {
      const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
      return CiphertextBlob;
    } catch (err) {
      if (!worthBackingOff(err)) throw err;
      // Full jitter: a random delay up to 2, 4, 8 ... seconds, so throttled clients do not retry in step.
      const delayMs = Math.round(Math.random() * 1_000 * 2 ** round);
      console.warn(`${err.name} after ${err.$metadata.attempts} attempts by the SDK (round ${round}).`);
      if (Date.now() + delayMs > giveUpAt) {
        console.error(`Still ${err.name} at the deadline: lower the request rate, or ask for a higher quota.`);
        throw err;
      }
      console.log(`Backing off for ${(delayMs / 1000).toFixed(1)} s before trying again.`);
      await sleep(delayMs);
    }
  }
}

const plaintext = new TextEncoder().encode('order 8812: 3 x espresso');
const ciphertext = await encryptWithBackoff(plaintext);
console.log(`Encrypted ${plaintext.length} bytes with ${keyId}: ${ciphertext?.length} bytes of ciphertext.`);
