/**
 * Every scenario page shows a handling program under "Handle it in code". These tests run each
 * one, unchanged, against the mock in its scenario's world:
 *  - the first run meets the problem and prints what the catalog says it shows (`sampleShows`);
 *  - after the reader repairs the world outside KMS (the fix's world actions and waits), running
 *    it again still ends cleanly, and reaches the fixed state when the program makes every KMS
 *    call the fix needs. That is how the playground uses them: run, repair, run again.
 * Each runs twice over: without lag, and with the mock's eventual consistency on (a few seeds),
 * where reads right after a call may still show the state before it.
 * A sample that stops matching the mock fails here.
 */
import {
  ConnectCustomKeyStoreCommand,
  DisconnectCustomKeyStoreCommand,
  ScheduleKeyDeletionCommand,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { WORLD_IDS as ids, effectiveKeyState, type WorldState } from 'kms-custom-key-store-mock/core';
import { scenarios } from 'kms-custom-key-store-mock/scenarios';
import type { FixedState, Scenario } from 'kms-custom-key-store-mock/scenarios';
import { consistencyModes, type ConsistencyMode } from '../support/consistency-modes';
import { fastClient } from '../support/kms-client';
import { SAMPLE_LAG_MS, openSampleWorld, sampleSource, type SampleWorld } from '../support/run-sample';

// Simulated minutes of polling take well under a second of real time per run (see SAMPLE_CLOCK_SPEED).
const SAMPLE_TIMEOUT_MS = 20_000;

async function withSampleWorld(scenario: Scenario, mode: ConsistencyMode, use: (world: SampleWorld) => Promise<void>) {
  const world = openSampleWorld(scenario.id, mode.consistency ? { consistency: mode.consistency } : {});
  try {
    await use(world);
  } finally {
    world.close();
  }
}

/** Applies the steps of the fix a reader takes outside KMS: world actions and waiting periods. */
function repairOutsideKms(world: SampleWorld, scenario: Scenario) {
  for (const step of scenario.fix) {
    if (step.kind === 'world') world.mock.act(step.action);
    if (step.kind === 'advance-time') world.mock.advanceTime(step.ms);
  }
}

/** The fix's KMS calls are all made by the sample, so the sample alone can finish the repair. */
function sampleMakesEveryKmsCallOfTheFix(scenario: Scenario): boolean {
  const source = sampleSource(scenario.sample);
  return scenario.fix.every((step) => step.kind !== 'kms' || source.includes(`new ${step.operation}Command(`));
}

/** What the world shows for each field that `fixed` names. */
function observe(world: WorldState, fixed: FixedState): Record<string, unknown> {
  const store = world.stores.find((s) => s.id === fixed.storeId);
  const key = world.keys.find((k) => k.keyId === fixed.keyId);
  const observed: Record<string, unknown> = {};
  if (fixed.storeId !== undefined) observed['storeId'] = fixed.storeId;
  if (fixed.storeDeleted !== undefined) observed['storeDeleted'] = store === undefined;
  if (fixed.connectionState !== undefined) observed['connectionState'] = store?.connectionState;
  if (fixed.keyId !== undefined) observed['keyId'] = fixed.keyId;
  if (fixed.keyState !== undefined) observed['keyState'] = key && effectiveKeyState(world, key);
  return observed;
}

describe.each(consistencyModes(SAMPLE_LAG_MS))('handling programs, $name', (mode) => {
  let staleAnswers = 0;
  for (const scenario of scenarios) {
    const reachesFixed = sampleMakesEveryKmsCallOfTheFix(scenario);
    const afterRepair = reachesFixed ? 'reaches the fixed state' : 'ends cleanly';
    const title = `${scenario.sample} in ${scenario.id}: prints the documented outcome, then ${afterRepair} after the repairs`;

    it(title, { timeout: SAMPLE_TIMEOUT_MS }, () =>
      withSampleWorld(scenario, mode, async (world) => {
        const first = await world.run(scenario.sample);
        expect(first.error, `uncaught error; output so far:\n${first.output}`).toBeUndefined();
        expect(scenario.sampleShows.length, `${scenario.id} documents no sample output`).toBeGreaterThan(0);
        for (const text of scenario.sampleShows) expect(first.output).toContain(text);
        // The program must have talked to KMS, not printed its way to the expected words.
        expect(world.mock.requests.length).toBeGreaterThan(0);

        repairOutsideKms(world, scenario);
        const second = await world.run(scenario.sample);
        expect(second.error, `uncaught error on the second run:\n${second.output}`).toBeUndefined();
        if (reachesFixed) expect(observe(world.mock.snapshot(), scenario.fixed), second.output).toEqual(scenario.fixed);
        staleAnswers += world.mock.requests.filter((r) => r.staleView).length;
      }),
    );
  }

  // The lag mode is only a test if the samples met old answers in it; without lag they never do.
  // Tests in a file run in order: this one counts what the ones above met.
  it(mode.consistency ? 'the samples above met stale answers' : 'the samples above met no stale answer', () => {
    if (mode.consistency) expect(staleAnswers).toBeGreaterThan(0);
    else expect(staleAnswers).toBe(0);
  });
});

describe('connect-and-diagnose acts on the one store it is given', () => {
  it(
    'connects the store in CUSTOM_KEY_STORE_ID and leaves another disconnected store alone',
    { timeout: SAMPLE_TIMEOUT_MS },
    async () => {
      const world = openSampleWorld('healthy');
      try {
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
      } finally {
        world.close();
      }
    },
  );

  it('without CUSTOM_KEY_STORE_ID, stops before any KMS call and says what to set', async () => {
    const world = openSampleWorld('network-errors', { environment: { CUSTOM_KEY_STORE_ID: undefined } });
    try {
      const run = await world.run('connect-and-diagnose');
      expect(String(run.error)).toMatch(/Set CUSTOM_KEY_STORE_ID to the ID of the custom key store to connect/);
      expect(world.mock.requests).toEqual([]);
    } finally {
      world.close();
    }
  });
});

describe('connect-and-diagnose run again and again on a credentials failure', () => {
  const kmsUserOf = (world: SampleWorld) => world.mock.snapshot().clusters.find((c) => c.id === ids.clusterId)!.kmsUser;
  const storeOf = (world: SampleWorld) => world.mock.snapshot().stores.find((s) => s.id === ids.cloudHsmStoreId)!;

  it(
    'five runs in invalid-credentials make one login attempt: kmsuser is not locked out, the store stays FAILED',
    { timeout: SAMPLE_TIMEOUT_MS },
    async () => {
      const world = openSampleWorld('invalid-credentials');
      try {
        for (let run = 1; run <= 5; run++) {
          const { output, error } = await world.run('connect-and-diagnose');
          expect(error, output).toBeUndefined();
          expect(output).toContain('FAILED: INVALID_CREDENTIALS');
          expect(output).toContain('Not reconnecting');
          expect(storeOf(world)).toMatchObject({ connectionState: 'FAILED', connectionErrorCode: 'INVALID_CREDENTIALS' });
        }
        // The first run found the store DISCONNECTED and connected it once: that is the only failed login.
        expect(world.mock.requests.filter((r) => r.operation === 'ConnectCustomKeyStore')).toHaveLength(1);
        expect(kmsUserOf(world)).toMatchObject({ lockedOut: false, failedLoginAttempts: 1 });
      } finally {
        world.close();
      }
    },
  );

  it(
    'after the documented fix (disconnect, reset kmsuser, UpdateCustomKeyStore), the next run connects',
    { timeout: SAMPLE_TIMEOUT_MS },
    async () => {
      const world = openSampleWorld('invalid-credentials');
      try {
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
        expect(storeOf(world).connectionState).toBe('CONNECTED');
      } finally {
        world.close();
      }
    },
  );

  it('in user-locked-out it makes no attempt at all', { timeout: SAMPLE_TIMEOUT_MS }, async () => {
    const world = openSampleWorld('user-locked-out');
    try {
      await fastClient().send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
      world.mock.advanceTime(10 * 60_000);
      const { output } = await world.run('connect-and-diagnose');
      expect(output).toContain('FAILED: USER_LOCKED_OUT');
      expect(world.mock.requests.filter((r) => r.operation === 'ConnectCustomKeyStore')).toHaveLength(1);
      expect(storeOf(world)).toMatchObject({ connectionState: 'FAILED', connectionErrorCode: 'USER_LOCKED_OUT' });
    } finally {
      world.close();
    }
  });
});

describe('encrypt-with-diagnosis on a key scheduled for deletion in a CONNECTED store', () => {
  it('does not retry: it says to cancel the deletion if it was a mistake', { timeout: SAMPLE_TIMEOUT_MS }, async () => {
    const world = openSampleWorld('healthy');
    try {
      await fastClient().send(new ScheduleKeyDeletionCommand({ KeyId: ids.cloudHsmKeyId, PendingWindowInDays: 7 }));
      const run = await world.run('encrypt-with-diagnosis');
      expect(run.error, run.output).toBeUndefined();
      expect(run.output).toContain('The key is scheduled for deletion on');
      expect(run.output).toContain('cancel the deletion (CancelKeyDeletion');
      expect(run.output).not.toContain('Retrying');
      expect(world.mock.requests.filter((r) => r.operation === 'Encrypt')).toHaveLength(1);
    } finally {
      world.close();
    }
  });
});
