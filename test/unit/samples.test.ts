/**
 * Handling programs in the situations their pages and the playground put them in, beyond the sweep
 * over every scenario (test/unit/samples/, one file per consistency mode).
 */
import { readdirSync } from 'node:fs';
import {
  ConnectCustomKeyStoreCommand,
  DisconnectCustomKeyStoreCommand,
  ScheduleKeyDeletionCommand,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { WORLD_IDS as ids } from 'kms-custom-key-store-mock/core';
import { consistencyModes } from '../support/consistency-modes';
import { fastClient } from '../support/kms-client';
import { SAMPLE_LAG_MS, SAMPLE_TIMEOUT_MS, cloudHsmStoreOf, kmsUserOf, withSampleWorld } from '../support/run-sample';

describe('the sweep over every scenario', () => {
  it('has a test file for each consistency mode', () => {
    const files = readdirSync(new URL('./samples/', import.meta.url)).filter((file) => file.endsWith('.test.ts'));
    const expected = consistencyModes(SAMPLE_LAG_MS).map((mode) =>
      mode.consistency ? `with-lag-seed-${mode.consistency.seed}.test.ts` : 'without-lag.test.ts',
    );
    expect(files.sort()).toEqual(expected.sort());
  });
});

describe('connect-and-diagnose acts on the one store it is given', () => {
  it(
    'connects the store in CUSTOM_KEY_STORE_ID and leaves another disconnected store alone',
    { timeout: SAMPLE_TIMEOUT_MS },
    async () => {
      await withSampleWorld('healthy', {}, async (world) => {
        const kms = fastClient();
        for (const id of [ids.cloudHsmStoreId, ids.xksStoreId])
          await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
        world.mock.advanceTime(10 * 60_000);
        const run = await world.run('connect-and-diagnose');
        expect(run.error, run.output).toBeUndefined();
        expect(run.output).toContain(`${ids.cloudHsmStoreId} (`);
        expect(run.output).not.toContain(ids.xksStoreId);
        const states = Object.fromEntries(world.mock.snapshot().stores.map((store) => [store.id, store.connectionState]));
        expect(states).toEqual({ [ids.cloudHsmStoreId]: 'CONNECTED', [ids.xksStoreId]: 'DISCONNECTED' });
      });
    },
  );

  it('without CUSTOM_KEY_STORE_ID, stops before any KMS call and says what to set', async () => {
    await withSampleWorld('network-errors', { environment: { CUSTOM_KEY_STORE_ID: undefined } }, async (world) => {
      const run = await world.run('connect-and-diagnose');
      expect(String(run.error)).toMatch(/Set CUSTOM_KEY_STORE_ID to the ID of the custom key store to connect/);
      expect(world.mock.requests).toEqual([]);
    });
  });
});

describe('connect-and-diagnose run again and again on a credentials failure', () => {
  it(
    'five runs in invalid-credentials make one login attempt: kmsuser is not locked out, the store stays FAILED',
    { timeout: SAMPLE_TIMEOUT_MS },
    async () => {
      await withSampleWorld('invalid-credentials', {}, async (world) => {
        for (let run = 1; run <= 5; run++) {
          const { output, error } = await world.run('connect-and-diagnose');
          expect(error, output).toBeUndefined();
          expect(output).toContain('FAILED: INVALID_CREDENTIALS');
          expect(output).toContain('Not reconnecting');
          expect(cloudHsmStoreOf(world)).toMatchObject({ connectionState: 'FAILED', connectionErrorCode: 'INVALID_CREDENTIALS' });
        }
        // The first run found the store DISCONNECTED and connected it once: that is the only failed login.
        expect(world.mock.requests.filter((r) => r.operation === 'ConnectCustomKeyStore')).toHaveLength(1);
        expect(kmsUserOf(world)).toMatchObject({ lockedOut: false, failedLoginAttempts: 1 });
      });
    },
  );

  it(
    'after the documented fix (disconnect, reset kmsuser, UpdateCustomKeyStore), the next run connects',
    { timeout: SAMPLE_TIMEOUT_MS },
    async () => {
      await withSampleWorld('invalid-credentials', {}, async (world) => {
        await world.run('connect-and-diagnose');
        const kms = fastClient();
        await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
        world.mock.advanceTime(10 * 60_000);
        world.mock.act({ type: 'set-kmsuser-password', clusterId: ids.clusterId, password: 'kmsPswd-2025' });
        await kms.send(
          new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId, KeyStorePassword: 'kmsPswd-2025' }),
        );
        const { output, error } = await world.run('connect-and-diagnose');
        expect(error, output).toBeUndefined();
        expect(output.trimEnd().endsWith('CONNECTED')).toBe(true);
        expect(cloudHsmStoreOf(world).connectionState).toBe('CONNECTED');
      });
    },
  );

  it('in user-locked-out it makes no attempt at all', { timeout: SAMPLE_TIMEOUT_MS }, async () => {
    await withSampleWorld('user-locked-out', {}, async (world) => {
      await fastClient().send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
      world.mock.advanceTime(10 * 60_000);
      const { output } = await world.run('connect-and-diagnose');
      expect(output).toContain('FAILED: USER_LOCKED_OUT');
      expect(world.mock.requests.filter((r) => r.operation === 'ConnectCustomKeyStore')).toHaveLength(1);
      expect(cloudHsmStoreOf(world)).toMatchObject({ connectionState: 'FAILED', connectionErrorCode: 'USER_LOCKED_OUT' });
    });
  });
});

describe('encrypt-with-diagnosis on a key scheduled for deletion in a CONNECTED store', () => {
  it('does not retry: it says to cancel the deletion if it was a mistake', { timeout: SAMPLE_TIMEOUT_MS }, async () => {
    await withSampleWorld('healthy', {}, async (world) => {
      await fastClient().send(new ScheduleKeyDeletionCommand({ KeyId: ids.cloudHsmKeyId, PendingWindowInDays: 7 }));
      const run = await world.run('encrypt-with-diagnosis');
      expect(run.error, run.output).toBeUndefined();
      expect(run.output).toContain('The key is scheduled for deletion on');
      expect(run.output).toContain('cancel the deletion (CancelKeyDeletion');
      expect(run.output).not.toContain('Retrying');
      expect(world.mock.requests.filter((r) => r.operation === 'Encrypt')).toHaveLength(1);
    });
  });
});
