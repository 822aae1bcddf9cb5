/**
 * recover-failed-store disconnects a FAILED store and connects it again. On a store FAILED with a
 * credentials code, every new attempt is one more failed kmsuser login, so it must not try unless
 * the reader says the password is fixed: running it again and again must not lock kmsuser out.
 */
import { describe, expect, it } from 'vitest';
import { WORLD_IDS as ids } from 'kms-custom-key-store-mock/core';
import { SAMPLE_TIMEOUT_MS, cloudHsmStoreOf, kmsUserOf, withSampleWorld, type SampleWorld } from '../support/run-sample';

const connectCalls = (world: SampleWorld) => world.mock.requests.filter((r) => r.operation === 'ConnectCustomKeyStore');

/** Brings the world's store to FAILED: the scenario's own failed connection attempt, made once. */
async function failStore(world: SampleWorld) {
  await world.run('connect-and-diagnose');
  expect(cloudHsmStoreOf(world).connectionState).toBe('FAILED');
}

describe('recover-failed-store on a store FAILED with a credentials code', () => {
  it.each(['invalid-credentials', 'user-locked-out'])(
    'in %s, five runs log no one in and change nothing, and say how to go on',
    { timeout: SAMPLE_TIMEOUT_MS },
    async (scenario) => {
      await withSampleWorld(scenario, {}, async (world) => {
        await failStore(world);
        const attemptsBefore = connectCalls(world).length;
        const kmsUserBefore = kmsUserOf(world);
        for (let run = 1; run <= 5; run++) {
          const { output, error } = await world.run('recover-failed-store');
          expect(error, output).toBeUndefined();
          expect(output).toContain('Not reconnecting');
          expect(output).toContain('PASSWORD_FIXED=yes');
        }
        expect(world.mock.requests.filter((r) => r.operation === 'DisconnectCustomKeyStore')).toHaveLength(0);
        // Each run's ConnectCustomKeyStore is refused at once (a FAILED store must be disconnected
        // first): KMS does not log in as kmsuser for it.
        expect(connectCalls(world).length - attemptsBefore).toBe(5);
        expect(kmsUserOf(world)).toEqual(kmsUserBefore);
        expect(cloudHsmStoreOf(world).connectionState).toBe('FAILED');
      });
    },
  );

  it(
    'with PASSWORD_FIXED=yes, once kmsuser has the password KMS holds, one run brings the store to CONNECTED',
    { timeout: SAMPLE_TIMEOUT_MS },
    async () => {
      await withSampleWorld('invalid-credentials', { environment: { PASSWORD_FIXED: 'yes' } }, async (world) => {
        await failStore(world);
        // The fix on the cluster side: kmsuser gets the password KMS already holds for the store.
        const passwordKmsHolds = cloudHsmStoreOf(world).keyStorePassword!;
        world.mock.act({ type: 'set-kmsuser-password', clusterId: ids.clusterId, password: passwordKmsHolds });
        const { output, error } = await world.run('recover-failed-store');
        expect(error, output).toBeUndefined();
        expect(output).toContain('Disconnecting first');
        expect(output).toContain('is CONNECTED');
        expect(cloudHsmStoreOf(world).connectionState).toBe('CONNECTED');
        expect(kmsUserOf(world)).toMatchObject({ lockedOut: false });
      });
    },
  );
});
