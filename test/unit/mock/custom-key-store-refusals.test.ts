/**
 * What KMS refuses for keys in custom key stores, as the SDK surfaces it: rotation, imported key
 * material, data key pairs and CreateKey with what a custom key store cannot hold. Outside custom
 * key stores the mock says plainly what it does not simulate.
 */
import {
  CreateKeyCommand,
  DisableKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EnableKeyRotationCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GetKeyRotationStatusCommand,
  GetParametersForImportCommand,
  ListKeyRotationsCommand,
  RotateKeyOnDemandCommand,
  DisableKeyRotationCommand,
  DeleteImportedKeyMaterialCommand,
  ImportKeyMaterialCommand,
  UnsupportedOperationException,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { WORLD_IDS as ids } from 'kms-custom-key-store-mock/core';
import { caught } from '../../support/kms-client';
import { useMockBehindMsw } from '../../support/mock-behind-msw';

const kit = useMockBehindMsw();
const cloudHsmKeyArn = `arn:aws:kms:eu-west-1:111122223333:key/${ids.cloudHsmKeyId}`;
const xksKeyArn = `arn:aws:kms:eu-west-1:111122223333:key/${ids.xksKeyId}`;

const refusedCalls = (KeyId: string) => [
  new GetKeyRotationStatusCommand({ KeyId }),
  new EnableKeyRotationCommand({ KeyId }),
  new DisableKeyRotationCommand({ KeyId }),
  new RotateKeyOnDemandCommand({ KeyId }),
  new ListKeyRotationsCommand({ KeyId }),
  new GetParametersForImportCommand({ KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_4096' }),
  new ImportKeyMaterialCommand({ KeyId, ImportToken: new Uint8Array([1]), EncryptedKeyMaterial: new Uint8Array([2]) }),
  new DeleteImportedKeyMaterialCommand({ KeyId }),
  new GenerateDataKeyPairCommand({ KeyId, KeyPairSpec: 'ECC_NIST_P256' }),
  new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId, KeyPairSpec: 'RSA_2048' }),
];

describe('keys in custom key stores', () => {
  it.each([
    ['AWS_CLOUDHSM', ids.cloudHsmKeyId, cloudHsmKeyArn],
    ['EXTERNAL_KEY_STORE', ids.xksKeyId, xksKeyArn],
  ])(
    '%s: rotation, import and data key pair calls are refused with UnsupportedOperationException naming the origin',
    async (origin, keyId, arn) => {
      const { client } = kit.start({ scenario: 'healthy' });
      for (const command of refusedCalls(keyId)) {
        const error = await caught(client.send(command as never));
        expect(error, command.constructor.name).toBeInstanceOf(UnsupportedOperationException);
        expect(error.$metadata['httpStatusCode']).toBe(400);
        expect(error.message).toBe(`${arn} origin is ${origin} which is not valid for this operation.`);
      }
    },
  );

  it('rotation is refused in every key state, even while the store is disconnected', async () => {
    const { client } = kit.start({ scenario: 'healthy' });
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
    const error = await caught(client.send(new GetKeyRotationStatusCommand({ KeyId: ids.cloudHsmKeyId })));
    expect(error).toBeInstanceOf(UnsupportedOperationException);
  });

  it('a data key pair checks the key state first, as the key state table says', async () => {
    const { client } = kit.start({ scenario: 'healthy' });
    await client.send(new DisableKeyCommand({ KeyId: ids.cloudHsmKeyId }));
    const error = await caught(
      client.send(new GenerateDataKeyPairCommand({ KeyId: ids.cloudHsmKeyId, KeyPairSpec: 'RSA_2048' })),
    );
    expect(error.name).toBe('DisabledException');
  });

  it.each([
    [{ KeySpec: 'RSA_2048' as const }, 'KeySpec RSA_2048'],
    [{ KeyUsage: 'SIGN_VERIFY' as const }, 'KeyUsage SIGN_VERIFY'],
    [{ MultiRegion: true }, 'a multi-Region key'],
  ])('CreateKey in a custom key store with %o is refused', async (input, named) => {
    const { client } = kit.start({ scenario: 'healthy' });
    const error = await caught(
      client.send(new CreateKeyCommand({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: ids.cloudHsmStoreId, ...input })),
    );
    expect(error).toBeInstanceOf(UnsupportedOperationException);
    expect(error.message).toContain(named);
  });
});

describe('keys outside custom key stores', () => {
  it('GetKeyRotationStatus answers (never enabled: the mock does not rotate)', async () => {
    const { client } = kit.start({ scenario: 'healthy' });
    const status = await client.send(new GetKeyRotationStatusCommand({ KeyId: ids.awsKmsKeyId }));
    expect(status.KeyRotationEnabled).toBe(false);
  });

  it('the other calls and key types the mock does not simulate are a 501 saying so, not a KMS refusal', async () => {
    const { client } = kit.start({ scenario: 'healthy' });
    const rotation = await caught(client.send(new EnableKeyRotationCommand({ KeyId: ids.awsKmsKeyId })));
    expect(rotation.name).toBe('MockNotImplementedException');
    expect(rotation.$metadata['httpStatusCode']).toBe(501);
    const asymmetric = await caught(client.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' })));
    expect(asymmetric.name).toBe('MockNotImplementedException');
    expect(asymmetric.message).toContain('KeySpec RSA_2048');
  });
});

describe('CreateKey in a CONNECTED CloudHSM key store whose cluster KMS cannot reach', () => {
  it('is refused: the key material is created in the cluster (the exception is the mock’s choice, see the assumptions page)', async () => {
    const { client } = kit.start({ scenario: 'connection-loss' });
    const error = await caught(
      client.send(new CreateKeyCommand({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: ids.cloudHsmStoreId })),
    );
    expect(error.name).toBe('CustomKeyStoreInvalidStateException');
    expect(error.message).toContain('Network errors stopped KMS from reaching the CloudHSM cluster');
  });
});
