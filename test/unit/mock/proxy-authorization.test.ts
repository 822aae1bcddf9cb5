/**
 * A proxy whose authorization rules deny KMS: the XKS Proxy API specification exempts the health
 * check (GetHealthStatus) from authorization, so a store reconnects while its keys keep failing,
 * with the message AWS documents. Only rules that also cover the health check fail the connection.
 */
import { ConnectCustomKeyStoreCommand, DisconnectCustomKeyStoreCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { expect, it } from 'vitest';
import { WORLD_IDS as ids } from 'kms-custom-key-store-mock/core';
import { describeStore } from 'kms-custom-key-store-mock/driver';
import { caught } from '../../support/kms-client';
import { useMockBehindMsw } from '../../support/mock-behind-msw';

const kit = useMockBehindMsw();
const DENIED =
  'The external key store proxy denied access to the operation. Verify that the user and the external key are both authorized for this operation, and try the request again.';
const encrypt = new EncryptCommand({ KeyId: ids.xksKeyId, Plaintext: new Uint8Array([1, 2, 3]) });

it('a store whose proxy denies key operations reconnects, and its keys keep failing with AWS’s words', async () => {
  const { client, mock } = kit.start({ scenario: 'xks-proxy-denies-access-while-connected' });
  expect((await caught(client.send(encrypt))).message).toBe(DENIED);

  await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.xksStoreId }));
  mock.advanceTime(60_000);
  await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.xksStoreId }));
  mock.advanceTime(10 * 60_000);

  expect((await describeStore(client, ids.xksStoreId))?.ConnectionState).toBe('CONNECTED');
  const error = await caught(client.send(encrypt));
  expect(error.name).toBe('KMSInvalidStateException');
  expect(error.message).toBe(DENIED);
});

it('rules that also cover the health check fail the connection with XKS_PROXY_ACCESS_DENIED', async () => {
  const { client, mock } = kit.start({ scenario: 'xks-proxy-access-denied' });
  await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.xksStoreId }));
  mock.advanceTime(10 * 60_000);
  const store = await describeStore(client, ids.xksStoreId);
  expect([store?.ConnectionState, store?.ConnectionErrorCode]).toEqual(['FAILED', 'XKS_PROXY_ACCESS_DENIED']);
});
