import {
  CreateKeyCommand,
  CustomKeyStoreInvalidStateException,
  type ConnectionStateType,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { describeStore } from './describe-store';

export type CreateKeyResult =
  { created: true; keyId: string } | { created: false; connectionState: ConnectionStateType | undefined; message: string };

/**
 * Creates a KMS key in a CloudHSM key store. Act first, then explain: CreateKey is the check.
 * Asking for the state first and creating the key after is a race (the state can change in
 * between), and CONNECTED would not prove the call will work anyway. Only when KMS refuses do
 * we look at the state, to say why.
 */
export async function createKeyInStore(kms: KMSClient, customKeyStoreId: string): Promise<CreateKeyResult> {
  try {
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({
        Origin: 'AWS_CLOUDHSM',
        CustomKeyStoreId: customKeyStoreId,
        Description: 'created by createKeyInStore',
      }),
    );
    return { created: true, keyId: KeyMetadata?.KeyId ?? '' };
  } catch (error) {
    if (!(error instanceof CustomKeyStoreInvalidStateException)) throw error;
    const store = await describeStore(kms, customKeyStoreId);
    return { created: false, connectionState: store?.ConnectionState, message: error.message };
  }
}
