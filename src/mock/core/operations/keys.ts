/**
 * KMS key management: CreateKey (AWS_KMS, AWS_CLOUDHSM and EXTERNAL_KEY_STORE origins),
 * DescribeKey, ListKeys, EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion.
 */
import { problemAt, subjectOfStore } from '../backing.ts';
import { keyIsListed, keyStateAsSeen } from '../consistency.ts';
import { defineOperation, epochSeconds, getKey, getStore, keyArn, randomUuid, type EngineContext } from '../context.ts';
import { kmsError, validationError } from '../errors.ts';
import { addKey, setKeyState } from '../key-state.ts';
import type { KeyOrigin, KmsKey } from '../model.ts';
import { guardState } from '../transitions.ts';
import { GRANT_TOKENS, KEY_ID } from '../validation.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

function keyMetadata(context: EngineContext, key: KmsKey): Record<string, unknown> {
  const { world } = context;
  const state = keyStateAsSeen(context, key);
  return {
    AWSAccountId: world.accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: epochSeconds(key.creationDate),
    Enabled: state === 'Enabled',
    Description: key.description,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: state,
    Origin: key.origin,
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
    // Only with the state they belong to (a stale answer shows the key as it was before).
    ...(state === 'PendingDeletion' && key.deletionDate !== undefined ? { DeletionDate: epochSeconds(key.deletionDate) } : {}),
    ...(state === 'PendingDeletion' && key.pendingWindowInDays !== undefined
      ? { PendingDeletionWindowInDays: key.pendingWindowInDays }
      : {}),
    ...(key.customKeyStoreId ? { CustomKeyStoreId: key.customKeyStoreId } : {}),
    ...(key.cloudHsmClusterId ? { CloudHsmClusterId: key.cloudHsmClusterId } : {}),
    ...(key.xksKeyId ? { XksKeyConfiguration: { Id: key.xksKeyId } } : {}),
  };
}

/** Checks a custom key store can hold a new key right now; returns the fields the key records. */
function placeInCustomKeyStore(context: EngineContext, origin: KeyOrigin, storeId: string, xksKeyId: string | undefined) {
  const { world } = context;
  const store = getStore(context, storeId);
  const expectedOrigin = store.type === 'AWS_CLOUDHSM' ? 'AWS_CLOUDHSM' : 'EXTERNAL_KEY_STORE';
  if (origin !== expectedOrigin) {
    throw kmsError(
      'UnsupportedOperationException',
      `Custom key store ${store.id} is of type ${store.type}; create its keys with Origin ${expectedOrigin}.`,
    );
  }
  if (store.type === 'EXTERNAL_KEY_STORE' && !xksKeyId) {
    throw validationError([
      "Value null at 'xksKeyId' failed to satisfy constraint: Member must not be null when Origin is EXTERNAL_KEY_STORE",
    ]);
  }
  guardState(context, 'CreateKey', store);

  const subject = subjectOfStore(world, store);
  const problem = subject && problemAt(subject, 'createKey');
  if (subject?.type === 'AWS_CLOUDHSM') {
    if (problem) throw kmsError(problem.exception, problem.message);
    return { customKeyStoreId: store.id, cloudHsmClusterId: subject.clusterId };
  }

  // External key stores: KMS asks the proxy during CreateKey; a proxy that cannot answer makes
  // CreateKey fail with CustomKeyStoreInvalidStateException even though the store is CONNECTED.
  if (problem) throw kmsError(problem.exception, problem.message);
  const externalKey = subject?.proxy?.externalKeys.find((k) => k.id === xksKeyId);
  if (!externalKey) {
    throw kmsError(
      'XksKeyNotFoundException',
      'The external key store proxy rejected the request because it could not find the external key.',
    );
  }
  if (externalKey.spec !== 'AES_256') {
    throw kmsError(
      'XksKeyInvalidConfigurationException',
      `The key spec of the external key must be AES_256. The key spec of specified external key is ${externalKey.spec}.`,
    );
  }
  if (externalKey.status !== 'ENABLED') {
    throw kmsError(
      'XksKeyInvalidConfigurationException',
      `The status of the external key must be ENABLED. The status of specified external key is ${externalKey.status}.`,
    );
  }
  if (!externalKey.usage.includes('ENCRYPT') || !externalKey.usage.includes('DECRYPT')) {
    // How AWS lists the usage in <key-usage> is not documented; the mock joins it with commas.
    throw kmsError(
      'XksKeyInvalidConfigurationException',
      `The key usage of the external key must include ENCRYPT and DECRYPT. The key use of specified external key is ${externalKey.usage.join(', ')}.`,
    );
  }
  const taken = world.keys.find((k) => k.customKeyStoreId === store.id && k.xksKeyId === xksKeyId);
  if (taken) {
    throw kmsError(
      'XksKeyAlreadyInUseException',
      `External key ${xksKeyId} is already associated with KMS key ${taken.arn} in this external key store.`,
    );
  }
  return { customKeyStoreId: store.id, xksKeyId: externalKey.id };
}

/**
 * What a custom key store cannot hold: it holds only single-Region symmetric encryption keys
 * (Developer Guide, "Key type reference"; API reference, CreateKey's KeySpec and MultiRegion).
 */
function unsupportedInCustomKeyStore(spec: string, usage: string, multiRegion: boolean): string | undefined {
  if (spec !== 'SYMMETRIC_DEFAULT') return `KeySpec ${spec}`;
  if (usage !== 'ENCRYPT_DECRYPT') return `KeyUsage ${usage}`;
  return multiRegion ? 'a multi-Region key' : undefined;
}

const createKey = defineOperation({
  input: {
    Policy: { type: 'string', min: 1, max: 32768 },
    Description: { type: 'string', min: 0, max: 8192 },
    KeyUsage: { type: 'string', enum: ['SIGN_VERIFY', 'ENCRYPT_DECRYPT', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'] },
    CustomerMasterKeySpec: { type: 'string', min: 1, max: 64 },
    KeySpec: { type: 'string', min: 1, max: 64 },
    Origin: { type: 'string', enum: ['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] },
    CustomKeyStoreId: { type: 'string', min: 1, max: 64 },
    BypassPolicyLockoutSafetyCheck: { type: 'boolean' },
    Tags: { type: 'any' },
    MultiRegion: { type: 'boolean' },
    XksKeyId: { type: 'string', min: 1, max: 128, pattern: /^[a-zA-Z0-9-_.]+$/ },
  },
  run(context, input) {
    const { world } = context;
    const origin = input.Origin ?? 'AWS_KMS';
    const storeId = input.CustomKeyStoreId;
    const spec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
    const usage = input.KeyUsage ?? 'ENCRYPT_DECRYPT';
    if (origin === 'EXTERNAL') {
      throw kmsError('MockNotImplementedException', 'The KMS mock does not simulate imported key material (Origin EXTERNAL).');
    }
    const unsupported = unsupportedInCustomKeyStore(spec, usage, input.MultiRegion === true);
    if (unsupported && (storeId || origin !== 'AWS_KMS')) {
      throw kmsError(
        'UnsupportedOperationException',
        `KMS keys in custom key stores must be single-Region symmetric encryption keys (KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT); the request asks for ${unsupported}.`,
      );
    }
    if (unsupported) {
      throw kmsError(
        'MockNotImplementedException',
        `The KMS mock simulates only single-Region symmetric encryption keys; the request asks for ${unsupported}.`,
      );
    }
    if ((origin === 'AWS_CLOUDHSM' || origin === 'EXTERNAL_KEY_STORE') && !storeId) {
      throw validationError([
        `Value null at 'customKeyStoreId' failed to satisfy constraint: Member must not be null when Origin is ${origin}`,
      ]);
    }
    if (storeId && origin === 'AWS_KMS') {
      throw kmsError(
        'UnsupportedOperationException',
        'To create a KMS key in a custom key store, set Origin to AWS_CLOUDHSM or EXTERNAL_KEY_STORE.',
      );
    }
    const placement = storeId ? placeInCustomKeyStore(context, origin, storeId, input.XksKeyId) : {};
    const keyId = randomUuid(context);
    const key: KmsKey = {
      keyId,
      arn: keyArn(world, keyId),
      creationDate: context.now(),
      description: input.Description ?? '',
      origin,
      keyState: 'Enabled',
      material: randomUuid(context),
      materialPresent: true,
      ...placement,
    };
    addKey(context, key);
    return { KeyMetadata: keyMetadata(context, key) };
  },
});

const describeKey = defineOperation({
  input: { KeyId: KEY_ID, GrantTokens: GRANT_TOKENS },
  run: (context, input) => ({ KeyMetadata: keyMetadata(context, getKey(context, input.KeyId)) }),
});

const listKeys = defineOperation({
  input: { Limit: { type: 'integer', min: 1, max: 1000 }, Marker: { type: 'string', min: 1, max: 1024 } },
  run(context, input) {
    const marker = input.Marker;
    let offset = 0;
    if (marker !== undefined) {
      const match = /^key-marker-([0-9a-z]+)$/.exec(marker);
      if (!match?.[1])
        throw kmsError(
          'InvalidMarkerException',
          'The request was rejected because the marker that specifies where pagination should next begin is not valid.',
        );
      offset = parseInt(match[1], 36);
    }
    const limit = input.Limit ?? 100;
    const listed = context.world.keys.filter((k) => keyIsListed(context, k));
    const keys = listed.slice(offset, offset + limit);
    const truncated = offset + limit < listed.length;
    return {
      Keys: keys.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })),
      Truncated: truncated,
      ...(truncated ? { NextMarker: `key-marker-${(offset + limit).toString(36)}` } : {}),
    };
  },
});

function assertNotPendingDeletion(key: KmsKey) {
  if (key.keyState === 'PendingDeletion') throw kmsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
}

// Enable/DisableKey on an Unavailable key succeed; the new state shows once the store reconnects.
const enableKey = defineOperation({
  input: { KeyId: KEY_ID },
  run(context, input) {
    const key = getKey(context, input.KeyId);
    assertNotPendingDeletion(key);
    setKeyState(context, key, { keyState: 'Enabled' });
    return {};
  },
});

const disableKey = defineOperation({
  input: { KeyId: KEY_ID },
  run(context, input) {
    const key = getKey(context, input.KeyId);
    assertNotPendingDeletion(key);
    setKeyState(context, key, { keyState: 'Disabled' });
    return {};
  },
});

const scheduleKeyDeletion = defineOperation({
  input: { KeyId: KEY_ID, PendingWindowInDays: { type: 'integer', min: 7, max: 30 } },
  run(context, input) {
    const key = getKey(context, input.KeyId);
    assertNotPendingDeletion(key);
    const days = input.PendingWindowInDays ?? 30;
    const deletionDate = context.now() + days * DAY_MS;
    setKeyState(context, key, { keyState: 'PendingDeletion', pendingWindowInDays: days, deletionDate });
    return {
      KeyId: key.arn,
      DeletionDate: epochSeconds(deletionDate),
      KeyState: 'PendingDeletion',
      PendingWindowInDays: days,
    };
  },
});

const cancelKeyDeletion = defineOperation({
  input: { KeyId: KEY_ID },
  run(context, input) {
    const key = getKey(context, input.KeyId);
    if (key.keyState !== 'PendingDeletion') throw kmsError('KMSInvalidStateException', `${key.arn} is not pending deletion.`);
    // A key whose deletion is canceled comes back Disabled.
    setKeyState(context, key, { keyState: 'Disabled' });
    return { KeyId: key.arn };
  },
});

export const KEY_OPERATIONS = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  ListKeys: listKeys,
  EnableKey: enableKey,
  DisableKey: disableKey,
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
};
