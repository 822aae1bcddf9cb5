/**
 * Store and key lifecycles through the real SDK: creation and its exceptions, paging, the
 * asynchronous connect and disconnect, keys that become Unavailable and come back, deletion,
 * cryptography that round-trips and refuses tampering.
 */
import {
  CancelKeyDeletionCommand,
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateRandomCommand,
  ListKeysCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  paginateDescribeCustomKeyStores,
  type CreateCustomKeyStoreCommandInput,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createSimulatedClock, WORLD_IDS as ids } from 'kms-custom-key-store-mock/core';
import { waitForState } from 'kms-custom-key-store-mock/driver';
import { caught } from '../../support/kms-client';
import { useMockBehindMsw } from '../../support/mock-behind-msw';

const kit = useMockBehindMsw();
const TRUST_ANCHOR = '-----BEGIN CERTIFICATE-----\nMIIDhjCCAm6gAwIBAgIJAP9Example\n-----END CERTIFICATE-----';
const hsmStoreInput = (overrides: Partial<CreateCustomKeyStoreCommandInput> = {}): CreateCustomKeyStoreCommandInput => ({
  CustomKeyStoreName: 'orders-hsm',
  CloudHsmClusterId: ids.clusterId,
  TrustAnchorCertificate: TRUST_ANCHOR,
  KeyStorePassword: ids.kmsUserPassword,
  ...overrides,
});
const bytes = (text: string) => new TextEncoder().encode(text);

describe('creating custom key stores', () => {
  it('creates a CloudHSM store DISCONNECTED, and re-creating it identically returns the same id', async () => {
    const { client } = kit.start();
    const first = await client.send(new CreateCustomKeyStoreCommand(hsmStoreInput()));
    const again = await client.send(new CreateCustomKeyStoreCommand(hsmStoreInput()));
    expect(again.CustomKeyStoreId).toBe(first.CustomKeyStoreId);
    const { CustomKeyStores } = await client.send(
      new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: first.CustomKeyStoreId! }),
    );
    expect(CustomKeyStores?.[0]).toMatchObject({
      CustomKeyStoreName: 'orders-hsm',
      CustomKeyStoreType: 'AWS_CLOUDHSM',
      ConnectionState: 'DISCONNECTED',
      CloudHsmClusterId: ids.clusterId,
      TrustAnchorCertificate: TRUST_ANCHOR,
    });
    expect(CustomKeyStores?.[0]?.CreationDate).toBeInstanceOf(Date);
    expect(CustomKeyStores?.[0]).not.toHaveProperty('ConnectionErrorCode');
    expect(JSON.stringify(CustomKeyStores)).not.toContain(ids.kmsUserPassword);
  });

  it('creates an external key store with a proxy configuration and never returns the secret', async () => {
    const { client } = kit.start();
    const { CustomKeyStoreId } = await client.send(
      new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: 'ledger-xks',
        CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
        XksProxyConnectivity: 'PUBLIC_ENDPOINT',
        XksProxyUriEndpoint: ids.xksEndpoint,
        XksProxyUriPath: ids.xksPath,
        XksProxyAuthenticationCredential: { AccessKeyId: ids.xksAccessKeyId, RawSecretAccessKey: ids.xksSecret },
      }),
    );
    const { CustomKeyStores } = await client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: 'ledger-xks' }));
    expect(CustomKeyStores?.[0]).toMatchObject({
      CustomKeyStoreId,
      ConnectionState: 'DISCONNECTED',
      XksProxyConfiguration: {
        Connectivity: 'PUBLIC_ENDPOINT',
        AccessKeyId: ids.xksAccessKeyId,
        UriEndpoint: ids.xksEndpoint,
        UriPath: ids.xksPath,
      },
    });
    expect(JSON.stringify(CustomKeyStores)).not.toContain(ids.xksSecret);
  });

  it.each([
    ['an unknown cluster', { CloudHsmClusterId: 'cluster-zzzzzzzzzzz' }, 'CloudHsmClusterNotFoundException'],
    ['the wrong trust anchor', { TrustAnchorCertificate: 'not-the-anchor' }, 'IncorrectTrustAnchorException'],
  ])('refuses %s with %s', async (_label, overrides, expected) => {
    const { client } = kit.start();
    expect((await caught(client.send(new CreateCustomKeyStoreCommand(hsmStoreInput(overrides))))).name).toBe(expected);
  });

  it('refuses a cluster that is not active, badly configured, or already used', async () => {
    const { client } = kit.start({ scenario: 'healthy' });
    const used = await caught(client.send(new CreateCustomKeyStoreCommand(hsmStoreInput())));
    expect(used.name).toBe('CloudHsmClusterInUseException');
    const name = await caught(
      client.send(new CreateCustomKeyStoreCommand(hsmStoreInput({ CustomKeyStoreName: ids.cloudHsmStoreName }))),
    );
    expect(name.name).toBe('CustomKeyStoreNameInUseException');

    const fresh = kit.start();
    fresh.mock.act({ type: 'remove-all-hsms', clusterId: ids.clusterId });
    expect((await caught(fresh.client.send(new CreateCustomKeyStoreCommand(hsmStoreInput())))).name).toBe(
      'CloudHsmClusterInvalidConfigurationException',
    );
    fresh.mock.act({ type: 'add-hsm', clusterId: ids.clusterId });
    fresh.mock.act({ type: 'add-hsm', clusterId: ids.clusterId });
    const world = fresh.mock.snapshot();
    world.clusters[0]!.state = 'UNINITIALIZED';
    const inactive = kit.start({ world });
    expect((await caught(inactive.client.send(new CreateCustomKeyStoreCommand(hsmStoreInput())))).name).toBe(
      'CloudHsmClusterNotActiveException',
    );
  });

  it('refuses an unreachable public proxy at creation with XksProxyUriUnreachableException', async () => {
    const { client, mock } = kit.start();
    mock.act({ type: 'set-proxy-latency', uriEndpoint: ids.xksEndpoint, latencyMs: 900 });
    const error = await caught(
      client.send(
        new CreateCustomKeyStoreCommand({
          CustomKeyStoreName: 'slow-xks',
          CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
          XksProxyConnectivity: 'PUBLIC_ENDPOINT',
          XksProxyUriEndpoint: ids.xksEndpoint,
          XksProxyUriPath: ids.xksPath,
          XksProxyAuthenticationCredential: { AccessKeyId: ids.xksAccessKeyId, RawSecretAccessKey: ids.xksSecret },
        }),
      ),
    );
    expect(error.name).toBe('XksProxyUriUnreachableException');
  });

  it('names the missing members of a CloudHSM store', async () => {
    const { client } = kit.start();
    const error = await caught(client.send(new CreateCustomKeyStoreCommand({ CustomKeyStoreName: 'incomplete' })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/3 validation errors.*'cloudHsmClusterId'.*'trustAnchorCertificate'.*'keyStorePassword'/);
  });
});

describe('describing custom key stores', () => {
  it('pages with Limit and Marker, the way the SDK paginator expects', async () => {
    const { client } = kit.start({ scenario: 'healthy' });
    const pages = [];
    for await (const page of paginateDescribeCustomKeyStores({ client, pageSize: 1 }, {})) pages.push(page);
    expect(pages.map((p) => p.CustomKeyStores?.map((s) => s.CustomKeyStoreId))).toEqual([
      [ids.cloudHsmStoreId],
      [ids.xksStoreId],
    ]);
    expect(pages[0]).toMatchObject({ Truncated: true });
    expect(pages[1]?.Truncated).toBe(false);
  });

  it('refuses a marker it did not issue, and an unknown id or name', async () => {
    const { client } = kit.start({ scenario: 'healthy' });
    expect((await caught(client.send(new DescribeCustomKeyStoresCommand({ Marker: 'bogus' })))).name).toBe(
      'InvalidMarkerException',
    );
    expect((await caught(client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: 'nope' })))).name).toBe(
      'CustomKeyStoreNotFoundException',
    );
  });
});

describe('connecting and disconnecting', () => {
  it('Connect returns at once; the store is CONNECTING, then CONNECTED within 2 s when polled every 100 ms', async () => {
    const { client } = kit.start({ scenario: 'creation-failure' });
    const output = await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
    expect(output.$metadata.httpStatusCode).toBe(200);
    const states: string[] = [];
    const started = Date.now();
    while (Date.now() - started < 2000) {
      const { CustomKeyStores } = await client.send(
        new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }),
      );
      states.push(CustomKeyStores![0]!.ConnectionState!);
      if (states.at(-1) === 'CONNECTED') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(states[0]).toBe('CONNECTING');
    expect(states.at(-1)).toBe('CONNECTED');
  });

  it('Disconnect goes through DISCONNECTING to DISCONNECTED and clears ConnectionErrorCode', async () => {
    const { client } = kit.start({ scenario: 'connect-while-failed' });
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
    const { CustomKeyStores } = await client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
    expect(CustomKeyStores?.[0]?.ConnectionState).toBe('DISCONNECTING');
    expect(CustomKeyStores?.[0]?.ConnectionErrorCode).toBeUndefined();
    await waitForState(client, ids.cloudHsmStoreId, 'DISCONNECTED');
  });

  it('fails quickly on an inactive cluster or a bad security group, leaving the store DISCONNECTED', async () => {
    const world = kit.start({ scenario: 'creation-failure' }).mock.snapshot();
    world.clusters[0]!.state = 'INITIALIZED';
    const inactive = kit.start({ world });
    const error = await caught(inactive.client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId })));
    expect(error.name).toBe('CloudHsmClusterNotActiveException');
    expect(inactive.mock.snapshot().stores[0]!.connectionState).toBe('DISCONNECTED');

    world.clusters[0]!.state = 'ACTIVE';
    world.clusters[0]!.securityGroupValid = false;
    const badGroup = kit.start({ world });
    const groupError = await caught(
      badGroup.client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId })),
    );
    expect(groupError.name).toBe('CloudHsmClusterInvalidConfigurationException');
  });

  it('locks kmsuser out after five connection attempts with the wrong password', async () => {
    const { client, mock } = kit.start({ scenario: 'invalid-credentials', clock: createSimulatedClock({ speed: 20 }) });
    const codes: Array<string | undefined> = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
      codes.push((await waitForState(client, ids.cloudHsmStoreId, 'FAILED')).ConnectionErrorCode);
      await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
      await waitForState(client, ids.cloudHsmStoreId, 'DISCONNECTED');
    }
    expect(codes).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'USER_LOCKED_OUT',
    ]);
    expect(mock.snapshot().clusters[0]!.kmsUser.lockedOut).toBe(true);
  });
});

describe('keys in custom key stores', () => {
  it('become Unavailable while the store is disconnected and keep their own state for when it returns', async () => {
    const { client } = kit.start({ scenario: 'healthy' });
    const keyState = async () => (await client.send(new DescribeKeyCommand({ KeyId: ids.cloudHsmKeyId }))).KeyMetadata?.KeyState;
    expect(await keyState()).toBe('Enabled');
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
    await waitForState(client, ids.cloudHsmStoreId, 'DISCONNECTED');
    expect(await keyState()).toBe('Unavailable');
    await client.send(new DisableKeyCommand({ KeyId: ids.cloudHsmKeyId }));
    expect(await keyState()).toBe('Unavailable');
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
    await waitForState(client, ids.cloudHsmStoreId, 'CONNECTED');
    expect(await keyState()).toBe('Disabled');
    expect((await caught(client.send(new EncryptCommand({ KeyId: ids.cloudHsmKeyId, Plaintext: bytes('x') })))).name).toBe(
      'DisabledException',
    );
    await client.send(new EnableKeyCommand({ KeyId: ids.cloudHsmKeyId }));
    expect(await keyState()).toBe('Enabled');
  });

  it('describes a key in a store with its store, cluster and external key', async () => {
    const { client } = kit.start({ scenario: 'healthy' });
    const hsm = (await client.send(new DescribeKeyCommand({ KeyId: ids.cloudHsmKeyId }))).KeyMetadata;
    expect(hsm).toMatchObject({
      Origin: 'AWS_CLOUDHSM',
      CustomKeyStoreId: ids.cloudHsmStoreId,
      CloudHsmClusterId: ids.clusterId,
      KeyState: 'Enabled',
    });
    const xks = (await client.send(new DescribeKeyCommand({ KeyId: `arn:aws:kms:eu-west-1:111122223333:key/${ids.xksKeyId}` })))
      .KeyMetadata;
    expect(xks).toMatchObject({ Origin: 'EXTERNAL_KEY_STORE', XksKeyConfiguration: { Id: ids.externalKeyId } });
    const missing = await caught(client.send(new DescribeKeyCommand({ KeyId: '00000000-0000-0000-0000-000000000000' })));
    expect(missing.name).toBe('NotFoundException');
    expect(missing.message).toBe(
      "Key 'arn:aws:kms:eu-west-1:111122223333:key/00000000-0000-0000-0000-000000000000' does not exist",
    );
  });

  it('creates keys in CONNECTED stores (CloudHSM and external) and lists them', async () => {
    const { client } = kit.start({ scenario: 'healthy' });
    const hsm = await client.send(new CreateKeyCommand({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: ids.cloudHsmStoreId }));
    expect(hsm.KeyMetadata).toMatchObject({ KeyState: 'Enabled', CustomKeyStoreId: ids.cloudHsmStoreId });
    const xks = await client.send(
      new CreateKeyCommand({ Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId: ids.xksStoreId, XksKeyId: 'ext-key-0002' }),
    );
    expect(xks.KeyMetadata?.XksKeyConfiguration?.Id).toBe('ext-key-0002');
    const reuse = await caught(
      client.send(
        new CreateKeyCommand({ Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId: ids.xksStoreId, XksKeyId: 'ext-key-0002' }),
      ),
    );
    expect(reuse.name).toBe('XksKeyAlreadyInUseException');
    const unknown = await caught(
      client.send(
        new CreateKeyCommand({ Origin: 'EXTERNAL_KEY_STORE', CustomKeyStoreId: ids.xksStoreId, XksKeyId: 'ext-key-9999' }),
      ),
    );
    expect(unknown.name).toBe('XksKeyNotFoundException');
    const { Keys } = await client.send(new ListKeysCommand({}));
    expect(Keys?.map((k) => k.KeyId)).toEqual(
      expect.arrayContaining([hsm.KeyMetadata?.KeyId, xks.KeyMetadata?.KeyId, ids.cloudHsmKeyId, ids.awsKmsKeyId]),
    );
  });

  it('scheduled deletion: PendingDeletion survives a disconnect, can be cancelled, and the key is gone after the window', async () => {
    const { client, mock } = kit.start({ scenario: 'healthy' });
    const scheduled = await client.send(new ScheduleKeyDeletionCommand({ KeyId: ids.cloudHsmKeyId, PendingWindowInDays: 7 }));
    expect(scheduled).toMatchObject({ KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
    await waitForState(client, ids.cloudHsmStoreId, 'DISCONNECTED');
    expect((await client.send(new DescribeKeyCommand({ KeyId: ids.cloudHsmKeyId }))).KeyMetadata?.KeyState).toBe(
      'PendingDeletion',
    );
    expect((await caught(client.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId })))).name).toBe(
      'CustomKeyStoreHasCMKsException',
    );
    await client.send(new CancelKeyDeletionCommand({ KeyId: ids.cloudHsmKeyId }));
    expect((await client.send(new DescribeKeyCommand({ KeyId: ids.cloudHsmKeyId }))).KeyMetadata?.KeyState).toBe('Unavailable');
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: ids.cloudHsmKeyId, PendingWindowInDays: 7 }));
    mock.advanceTime(7 * 86_400_000 + 1);
    expect((await caught(client.send(new DescribeKeyCommand({ KeyId: ids.cloudHsmKeyId })))).name).toBe('NotFoundException');
    await client.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
    const gone = await caught(client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId })));
    expect(gone.name).toBe('CustomKeyStoreNotFoundException');
  });
});

describe('cryptography', () => {
  it('Decrypt returns what Encrypt was given, for each kind of key, and ReEncrypt moves it between keys', async () => {
    const { client } = kit.start({ scenario: 'healthy' });
    for (const keyId of [ids.cloudHsmKeyId, ids.xksKeyId, ids.awsKmsKeyId]) {
      const context = { tenant: 'acme', purpose: 'card' };
      const { CiphertextBlob } = await client.send(
        new EncryptCommand({ KeyId: keyId, Plaintext: bytes('4111-1111'), EncryptionContext: context }),
      );
      const reordered = { purpose: 'card', tenant: 'acme' };
      const { Plaintext, KeyId } = await client.send(
        new DecryptCommand({ CiphertextBlob: CiphertextBlob!, EncryptionContext: reordered }),
      );
      expect(new TextDecoder().decode(Plaintext)).toBe('4111-1111');
      expect(KeyId).toBe(`arn:aws:kms:eu-west-1:111122223333:key/${keyId}`);
    }
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: ids.cloudHsmKeyId, Plaintext: bytes('move me') }));
    const moved = await client.send(new ReEncryptCommand({ CiphertextBlob: CiphertextBlob!, DestinationKeyId: ids.xksKeyId }));
    const back = await client.send(new DecryptCommand({ CiphertextBlob: moved.CiphertextBlob! }));
    expect(new TextDecoder().decode(back.Plaintext)).toBe('move me');
  });

  it('refuses tampered ciphertext, a different encryption context, and the wrong key', async () => {
    const { client } = kit.start({ scenario: 'healthy' });
    const { CiphertextBlob } = await client.send(
      new EncryptCommand({ KeyId: ids.cloudHsmKeyId, Plaintext: bytes('secret'), EncryptionContext: { a: '1' } }),
    );
    const tampered = Uint8Array.from(CiphertextBlob!);
    tampered[tampered.length - 20]! ^= 0x01;
    const flipped = await caught(client.send(new DecryptCommand({ CiphertextBlob: tampered, EncryptionContext: { a: '1' } })));
    expect(flipped.name).toBe('InvalidCiphertextException');
    expect(flipped.$metadata['httpStatusCode']).toBe(400);
    expect(
      (await caught(client.send(new DecryptCommand({ CiphertextBlob: CiphertextBlob!, EncryptionContext: { a: '2' } })))).name,
    ).toBe('InvalidCiphertextException');
    expect((await caught(client.send(new DecryptCommand({ CiphertextBlob: bytes('garbage') })))).name).toBe(
      'InvalidCiphertextException',
    );
    const wrongKey = await caught(
      client.send(new DecryptCommand({ CiphertextBlob: CiphertextBlob!, EncryptionContext: { a: '1' }, KeyId: ids.xksKeyId })),
    );
    expect(wrongKey.name).toBe('IncorrectKeyException');
  });

  it('generates data keys whose ciphertext decrypts to the plaintext key', async () => {
    const { client } = kit.start({ scenario: 'healthy' });
    const dataKey = await client.send(new GenerateDataKeyCommand({ KeyId: ids.cloudHsmKeyId, KeySpec: 'AES_256' }));
    expect(dataKey.Plaintext).toHaveLength(32);
    const { Plaintext } = await client.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob! }));
    expect(Plaintext).toEqual(dataKey.Plaintext);
    const withoutPlaintext = await client.send(
      new GenerateDataKeyWithoutPlaintextCommand({ KeyId: ids.xksKeyId, NumberOfBytes: 16 }),
    );
    expect(withoutPlaintext).not.toHaveProperty('Plaintext');
    expect((await client.send(new DecryptCommand({ CiphertextBlob: withoutPlaintext.CiphertextBlob! }))).Plaintext).toHaveLength(
      16,
    );
    const random = await client.send(new GenerateRandomCommand({ NumberOfBytes: 64, CustomKeyStoreId: ids.cloudHsmStoreId }));
    expect(random.Plaintext).toHaveLength(64);
  });

  it('an external key store with a broken proxy fails crypto with KMSInvalidStateException naming the cause', async () => {
    const { client, mock } = kit.start({ scenario: 'healthy' });
    mock.act({ type: 'set-proxy-latency', uriEndpoint: ids.xksEndpoint, latencyMs: 600 });
    const error = await caught(client.send(new EncryptCommand({ KeyId: ids.xksKeyId, Plaintext: bytes('x') })));
    expect(error.name).toBe('KMSInvalidStateException');
    expect(error.message).toContain('external key store proxy did not respond in time');
    const { CustomKeyStores } = await client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: ids.xksStoreId }));
    expect(CustomKeyStores?.[0]?.ConnectionState).toBe('CONNECTED');
  });
});

describe('scenario worlds that start mid-transition', () => {
  it('stay DISCONNECTING for a full disconnect from the first request, however late it comes', async () => {
    const { client } = kit.start({ scenario: 'connect-while-disconnecting' });
    await new Promise((resolve) => setTimeout(resolve, 300)); // longer than the whole 200 ms disconnect
    const error = await caught(client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId })));
    expect(error.name).toBe('CustomKeyStoreInvalidStateException');
    await waitForState(client, ids.cloudHsmStoreId, 'DISCONNECTED');
  });
});
