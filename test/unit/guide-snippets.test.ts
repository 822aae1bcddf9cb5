/**
 * Runs every TypeScript snippet the guide pages show (src/guides/snippets/) against the mock KMS
 * in the scenario its page talks about, and asserts the outcome the page describes. A snippet
 * without a test here fails the last test in this file.
 */
import { readdir, readFile } from 'node:fs/promises';
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CustomKeyStoreHasCMKsException,
  DeleteCustomKeyStoreCommand,
  EncryptCommand,
  KMSClient,
  KMSInvalidStateException,
  LimitExceededException,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { afterAll, describe, expect, it, type RunnerTestSuite } from 'vitest';
import { createKmsMock } from 'kms-custom-key-store-mock';
import { CONNECTION_ERROR_CODES, WORLD_IDS as ids } from 'kms-custom-key-store-mock/core';
import { NEXT_STEP, explainStore } from '~/guides/snippets/connection-error-advice';
import { createKeyInStore } from '~/guides/snippets/create-key-in-store';
import { clientWithoutRetries, createCustomKeyStoreOnce, CustomKeyStoreQuotaError } from '~/guides/snippets/create-store-once';
import { describeStore } from '~/guides/snippets/describe-store';
import { CONNECTED_STORE_CAUSES, diagnoseCryptoFailure } from '~/guides/snippets/diagnose-crypto-failure';
import { keysInStore } from '~/guides/snippets/keys-in-store';
import { recoverFailedStore } from '~/guides/snippets/recover-failed-store';
import { StoreFailedError, waitForConnectionState } from '~/guides/snippets/wait-for-state';
import { consistencyModes } from '../support/consistency-modes';
import { TEST_CLIENT_CONFIG } from '../support/kms-client';
import { useMockBehindMsw } from '../support/mock-behind-msw';
import type { TestMockOptions } from '../support/mock-options';

const SNIPPETS_DIR = new URL('../../src/guides/snippets/', import.meta.url);
/** Snippets that are deliberately partial say so on their first line and only need to type-check. */
const PARTIAL_MARKER = '// Partial snippet';

/** Stores settle in 50 ms, and the snippets poll every few ms. */
const QUICK_TIMING = { connectMs: { AWS_CLOUDHSM: 50, EXTERNAL_KEY_STORE: 50 }, disconnectMs: 50 };
const QUICK_WAIT = { firstDelayMs: 5, maxDelayMs: 20, deadlineMs: 5_000, staleGraceMs: 1_000 };
/** The lag of the eventual-consistency mode: twice a connect, well inside QUICK_WAIT's grace. */
const SNIPPET_LAG_MS = 100;

const tested = new Set<string>();
const kit = useMockBehindMsw();

function snippet(name: string): string {
  tested.add(name);
  return `${name}.ts`;
}

// Every snippet runs without lag, and with the mock's eventual consistency (reads right after a
// call may show the state before it, for up to SNIPPET_LAG_MS), for a few seeds.
describe.each(consistencyModes(SNIPPET_LAG_MS))('$name', (mode) => {
  let staleAnswers = 0;
  /** A mock in a scenario's world (or with the options given) behind msw, and a client that talks to it. */
  const kmsIn = (setup: string | TestMockOptions) => {
    const options = typeof setup === 'string' ? { scenario: setup } : setup;
    const { mock, client } = kit.start({
      timing: QUICK_TIMING,
      ...options,
      ...(mode.consistency ? { consistency: mode.consistency } : {}),
    });
    mock.subscribe((event) => {
      if (event.type === 'request' && event.record.staleView) staleAnswers += 1;
    });
    return { mock, kms: client };
  };

  // The lag mode must really show snippets stale answers, and the other mode never: checked once
  // every snippet test of the mode has run (a filtered run, which skips some, checks nothing).
  afterAll(({}, suite) => {
    if (!everyTestRan(suite)) return;
    if (mode.consistency) expect(staleAnswers, 'stale answers the snippets met').toBeGreaterThan(0);
    else expect(staleAnswers, 'stale answers the snippets met').toBe(0);
  });

  describe(snippet('describe-store'), () => {
    it('returns the entry of a store asked for by ID', async () => {
      const { kms } = kmsIn('healthy');
      const store = await describeStore(kms, ids.cloudHsmStoreId);
      expect(store).toMatchObject({ CustomKeyStoreId: ids.cloudHsmStoreId, ConnectionState: 'CONNECTED' });
    });

    it('returns undefined for an ID no store has, instead of throwing CustomKeyStoreNotFoundException', async () => {
      const { kms } = kmsIn('store-not-found');
      expect(await describeStore(kms, 'cks-1234567890abcdef9')).toBeUndefined();
    });
  });

  describe(snippet('wait-for-state'), () => {
    it('waits through CONNECTING until the store is CONNECTED', async () => {
      const { mock, kms } = kmsIn('create-key-while-disconnected');
      // CONNECTING lasts until the test moves the clock, however slow the machine: the snippet must
      // first read CONNECTING, keep polling, and return once the connection completes.
      mock.setTiming({ connectMs: { AWS_CLOUDHSM: 3_600_000 } });
      await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
      const describes = () => mock.requests.filter((r) => r.operation === 'DescribeCustomKeyStores').length;
      const waiting = waitForConnectionState(kms, ids.cloudHsmStoreId, 'CONNECTED', { ...QUICK_WAIT, deadlineMs: 60_000 });
      await expect.poll(describes, { timeout: 30_000 }).toBeGreaterThan(1);
      expect(mock.snapshot().stores.find((s) => s.id === ids.cloudHsmStoreId)?.connectionState).toBe('CONNECTING');
      mock.advanceTime(3_600_000);
      const store = await waiting;
      expect(store.ConnectionState).toBe('CONNECTED');
    });

    it('throws StoreFailedError carrying the ConnectionErrorCode when the store fails', async () => {
      const { kms } = kmsIn('user-logged-in');
      await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
      const failure = await waitForConnectionState(kms, ids.cloudHsmStoreId, 'CONNECTED', QUICK_WAIT).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(StoreFailedError);
      expect((failure as StoreFailedError).store.ConnectionErrorCode).toBe('USER_LOGGED_IN');
    });

    it('gives up at the deadline', async () => {
      const { mock, kms } = kmsIn('create-key-while-disconnected');
      mock.setTiming({ connectMs: { AWS_CLOUDHSM: 60_000 } });
      await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
      await expect(
        waitForConnectionState(kms, ids.cloudHsmStoreId, 'CONNECTED', { ...QUICK_WAIT, deadlineMs: 200 }),
      ).rejects.toThrow(/still CONNECTING/);
    });
  });

  describe(snippet('recover-failed-store'), () => {
    it('disconnects a FAILED store, runs the repair with the code it had, and reconnects it', async () => {
      const { mock, kms } = kmsIn('user-logged-in');
      await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
      await waitForConnectionState(kms, ids.cloudHsmStoreId, 'FAILED', QUICK_WAIT);

      const codesSeen: unknown[] = [];
      const store = await recoverFailedStore(
        kms,
        ids.cloudHsmStoreId,
        async (code) => {
          codesSeen.push(code);
          mock.act({ type: 'log-out-kmsuser', clusterId: ids.clusterId });
        },
        QUICK_WAIT,
      );
      expect(codesSeen).toEqual(['USER_LOGGED_IN']);
      expect(store.ConnectionState).toBe('CONNECTED');
      expect(mock.requests.map((r) => r.operation)).toContain('DisconnectCustomKeyStore');
    });

    it('refuses a store that is not FAILED', async () => {
      const { kms } = kmsIn('healthy');
      await expect(recoverFailedStore(kms, ids.cloudHsmStoreId, async () => {}, QUICK_WAIT)).rejects.toThrow(
        /is CONNECTED, not FAILED/,
      );
    });
  });

  describe(snippet('create-key-in-store'), () => {
    it('reports the state KMS refused CreateKey in, instead of checking first', async () => {
      const { kms } = kmsIn('create-key-while-disconnected');
      const result = await createKeyInStore(kms, ids.cloudHsmStoreId);
      expect(result).toMatchObject({ created: false, connectionState: 'DISCONNECTED' });
    });

    it('creates the key in a CONNECTED store', async () => {
      const { kms } = kmsIn('healthy');
      const result = await createKeyInStore(kms, ids.cloudHsmStoreId);
      expect(result.created).toBe(true);
    });
  });

  describe(snippet('create-store-once'), () => {
    /** A healthy account filled up to the quota of 10 custom key stores. */
    function fullAccount(): TestMockOptions {
      const world = createKmsMock({ scenario: 'healthy' }).snapshot();
      const template = world.stores.find((store) => store.type === 'EXTERNAL_KEY_STORE')!;
      for (let i = 0; world.stores.length < 10; i++) {
        world.stores.push({ ...structuredClone(template), id: `cks-00000000000000${i}a0`, name: `filler-store-${i}` });
      }
      return { world };
    }
    const newStore = {
      CustomKeyStoreName: 'one-too-many',
      CustomKeyStoreType: 'EXTERNAL_KEY_STORE' as const,
      XksProxyConnectivity: 'PUBLIC_ENDPOINT' as const,
      XksProxyUriEndpoint: 'https://xks2.example.com',
      XksProxyUriPath: '/example/kms/xks/v1',
      XksProxyAuthenticationCredential: { AccessKeyId: 'AKIAXKSEXAMPLEKEY2345', RawSecretAccessKey: 'a'.repeat(43) },
    };

    it('the SDK retries LimitExceededException by default: the quota error is sent 3 times', async () => {
      const { kms } = kmsIn(fullAccount());
      const error = await kms.send(new CreateCustomKeyStoreCommand(newStore)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LimitExceededException);
      expect((error as LimitExceededException).$metadata.attempts).toBe(3);
    });

    it('a client without retries asks once, and the error says what to do', async () => {
      const { mock } = kmsIn(fullAccount());
      const kms = clientWithoutRetries(TEST_CLIENT_CONFIG);
      const error = await createCustomKeyStoreOnce(kms, newStore).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CustomKeyStoreQuotaError);
      expect((error as Error).message).toMatch(/as many custom key stores as its quota allows.*request a higher quota/);
      expect(mock.requests.filter((r) => r.operation === 'CreateCustomKeyStore')).toHaveLength(1);
    });
  });

  describe(snippet('connection-error-advice'), () => {
    it('has advice for every ConnectionErrorCode the mock (and KMS) knows', () => {
      expect(Object.keys(NEXT_STEP).sort()).toEqual([...CONNECTION_ERROR_CODES].sort());
    });

    it.each(['user-logged-in', 'xks-proxy-timed-out'])(
      'explains the FAILED store of %s with its code and next step',
      async (scenario) => {
        const { mock, kms } = kmsIn(scenario);
        const storeId = mock.snapshot().stores[0]!.id;
        await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
        const store = await waitForConnectionState(kms, storeId, 'FAILED', QUICK_WAIT);
        const code = store.ConnectionErrorCode!;
        expect(explainStore(store)).toContain(code);
        expect(explainStore(store)).toContain(NEXT_STEP[code]);
      },
    );
  });

  describe(snippet('keys-in-store'), () => {
    it('lists the keys that block DeleteCustomKeyStore, pending deletion included', async () => {
      const { mock, kms } = kmsIn('delete-with-keys');
      await expect(kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }))).rejects.toBeInstanceOf(
        CustomKeyStoreHasCMKsException,
      );
      const before = await keysInStore(kms, ids.cloudHsmStoreId);
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: ids.cloudHsmKeyId, PendingWindowInDays: 7 }));
      const pendingDeletion = [{ keyId: ids.cloudHsmKeyId, keyState: 'PendingDeletion', deletionDate: expect.any(Date) }];
      // With the lag, the key may still read as it did before for a moment.
      const rightAway = await keysInStore(kms, ids.cloudHsmStoreId);
      expect(rightAway).toEqual(mode.consistency && rightAway[0]?.keyState !== 'PendingDeletion' ? before : pendingDeletion);
      mock.advanceTime(SNIPPET_LAG_MS);
      expect(await keysInStore(kms, ids.cloudHsmStoreId)).toEqual(pendingDeletion);
    });

    it('is empty once the waiting period is over, and the store can be deleted', async () => {
      const { mock, kms } = kmsIn('delete-with-keys');
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: ids.cloudHsmKeyId, PendingWindowInDays: 7 }));
      mock.advanceTime(7 * 86_400_000 + 60_000);
      expect(await keysInStore(kms, ids.cloudHsmStoreId)).toEqual([]);
      await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: ids.cloudHsmStoreId }));
      expect(await describeStore(kms, ids.cloudHsmStoreId)).toBeUndefined();
    });
  });

  describe(snippet('diagnose-crypto-failure'), () => {
    const encrypt = (kms: KMSClient, keyId: string = ids.cloudHsmKeyId) =>
      kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: new TextEncoder().encode('4111') })).then(
        () => undefined,
        (e: unknown) => e as Error,
      );

    it('a CONNECTED store whose key still fails: lists the causes AWS names and passes the message on', async () => {
      const { kms } = kmsIn('connection-loss');
      const error = await encrypt(kms);
      expect(error).toBeInstanceOf(KMSInvalidStateException);
      expect(await diagnoseCryptoFailure(kms, ids.cloudHsmKeyId, error!)).toEqual({
        cause: 'connected-store-cannot-use-key',
        customKeyStoreId: ids.cloudHsmStoreId,
        possibleCauses: CONNECTED_STORE_CAUSES.AWS_CLOUDHSM,
        message: error!.message,
      });
    });

    it('deleted key material: the message is what tells it apart from a network problem', async () => {
      const { kms } = kmsIn('key-material-deleted');
      const error = await encrypt(kms);
      const diagnosis = await diagnoseCryptoFailure(kms, ids.cloudHsmKeyId, error!);
      expect(diagnosis).toMatchObject({
        cause: 'connected-store-cannot-use-key',
        message: expect.stringContaining('key material'),
      });
      expect(diagnosis.cause === 'connected-store-cannot-use-key' && diagnosis.possibleCauses.join(' ')).toContain(
        'material was deleted from the cluster',
      );
    });

    it('an external key disabled in the key manager: the external key store causes', async () => {
      const { kms } = kmsIn('xks-external-key-disabled');
      const error = await encrypt(kms, ids.xksKeyId);
      expect(await diagnoseCryptoFailure(kms, ids.xksKeyId, error!)).toMatchObject({
        cause: 'connected-store-cannot-use-key',
        customKeyStoreId: ids.xksStoreId,
        possibleCauses: CONNECTED_STORE_CAUSES.EXTERNAL_KEY_STORE,
        message: expect.stringContaining('external key is not enabled in the external key manager'),
      });
    });

    it('KMSInternalException on a key of a busy cluster: back off and retry', async () => {
      const { kms } = kmsIn('pkcs11-sessions-exhausted');
      const error = await encrypt(kms);
      expect(error?.name).toBe('KMSInternalException');
      expect(await diagnoseCryptoFailure(kms, ids.cloudHsmKeyId, error!)).toEqual({
        cause: 'back-off-and-retry',
        customKeyStoreId: ids.cloudHsmStoreId,
      });
    });

    it('a key in a DISCONNECTED store: connect the store', async () => {
      const { kms } = kmsIn('crypto-on-unavailable-key');
      const error = await encrypt(kms);
      expect(error).toBeInstanceOf(KMSInvalidStateException);
      expect(await diagnoseCryptoFailure(kms, ids.cloudHsmKeyId, error!)).toMatchObject({
        cause: 'store-not-connected',
        connectionState: 'DISCONNECTED',
      });
    });
  });
});

describe('the snippets folder', () => {
  it('every runnable snippet is exercised above; partial ones are marked', async () => {
    const files = (await readdir(SNIPPETS_DIR)).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    const untested: string[] = [];
    for (const file of files) {
      const name = file.replace(/\.ts$/, '');
      const partial = (await readFile(new URL(file, SNIPPETS_DIR), 'utf8')).startsWith(PARTIAL_MARKER);
      if (!tested.has(name) && !partial) untested.push(file);
    }
    expect(untested, 'snippets shown on pages but never run').toEqual([]);
  });
});

/** Whether every test in `suite` ran: none skipped or filtered out (`-t`, `.only`). */
function everyTestRan(suite: Readonly<RunnerTestSuite>): boolean {
  return suite.tasks.every((task) =>
    task.type === 'suite' ? everyTestRan(task) : task.mode === 'run' && task.result?.state !== undefined,
  );
}
