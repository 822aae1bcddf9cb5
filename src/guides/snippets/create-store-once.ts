import {
  CreateCustomKeyStoreCommand,
  KMSClient,
  LimitExceededException,
  type CreateCustomKeyStoreCommandInput,
  type KMSClientConfig,
} from '@aws-sdk/client-kms';

/**
 * The SDK treats LimitExceededException as throttling and retries it (3 attempts by default).
 * KMS also uses that name for quotas that no wait will lift, such as the custom key store quota per
 * account and Region (10 by default, adjustable on request). Send such calls through a client that
 * does not retry.
 */
export function clientWithoutRetries(config: KMSClientConfig): KMSClient {
  return new KMSClient({ ...config, maxAttempts: 1 });
}

export class CustomKeyStoreQuotaError extends Error {
  override name = 'CustomKeyStoreQuotaError';
}

/** Creates a custom key store; a full quota becomes an error that says what to do about it. */
export async function createCustomKeyStoreOnce(
  kms: KMSClient,
  input: CreateCustomKeyStoreCommandInput,
): Promise<string | undefined> {
  try {
    const { CustomKeyStoreId } = await kms.send(new CreateCustomKeyStoreCommand(input));
    return CustomKeyStoreId;
  } catch (error) {
    if (!(error instanceof LimitExceededException)) throw error;
    throw new CustomKeyStoreQuotaError(
      'This Region already has as many custom key stores as its quota allows (10 by default): delete one you no longer use, or request a higher quota in Service Quotas.',
      { cause: error },
    );
  }
}
