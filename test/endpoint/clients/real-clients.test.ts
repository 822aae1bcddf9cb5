/**
 * Programs written for real AWS clients, run against the mock's HTTP endpoint: the USER_LOCKED_OUT
 * fix end to end with boto3 and with the AWS CLI, and the pages' handling program
 * (connect-and-diagnose) with the CLI, boto3 and the Go SDK v2, all from Debian, and the TypeScript
 * one in Node. The programs are the files the "use the mock from any language" guide and the
 * scenario pages show. The handling program must never cost kmsuser a login it cannot win.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DisconnectCustomKeyStoreCommand, UpdateCustomKeyStoreCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { WORLD_IDS } from 'kms-custom-key-store-mock/core';
import type { KmsMockServer } from 'kms-custom-key-store-mock/node';
import { getScenario, sampleEnvironment } from 'kms-custom-key-store-mock/scenarios';
import {
  CLIENTS_DIR,
  GO,
  GOCODE,
  PYTHON,
  REPO_ROOT,
  clientEnvironment,
  goEnvironment,
  goUnavailableReason,
  run,
  temporaryDirectory,
  test,
} from './aws-clients';
import { fastClient } from '../../support/kms-client';

const program = (name: string) => join(CLIENTS_DIR, 'programs', name);
const FAST_POLLS = { KMS_POLL_SECONDS: '0.1' };
const TYPESCRIPT_PROGRAM = join(REPO_ROOT, 'src/samples/connect-and-diagnose.ts');

/** DisconnectCustomKeyStore through the endpoint, then the mock's clock past the disconnection. */
async function disconnectStore(endpoint: KmsMockServer) {
  await fastClient({ endpoint: endpoint.url }).send(
    new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: WORLD_IDS.cloudHsmStoreId }),
  );
  endpoint.mock.advanceTime(10 * 60_000);
}

function storeInWorld(server: KmsMockServer) {
  const store = server.mock.snapshot().stores.find((s) => s.id === WORLD_IDS.cloudHsmStoreId);
  if (!store) throw new Error('The CloudHSM key store is gone from the world');
  return store;
}

describe.each([
  { client: 'boto3', file: PYTHON, args: [program('fix_user_locked_out.py')] },
  { client: 'the AWS CLI', file: '/bin/bash', args: [program('fix-user-locked-out.sh')] },
])('the USER_LOCKED_OUT fix with $client', ({ file, args }) => {
  test(
    'confirms, disconnects, resets kmsuser through the control API, updates, connects and ends CONNECTED',
    { timeout: 300_000 },
    async ({ scenarioEndpoint }) => {
      const server = await scenarioEndpoint('user-locked-out');
      expect(storeInWorld(server)).toMatchObject({ connectionState: 'FAILED', connectionErrorCode: 'USER_LOCKED_OUT' });

      const result = await run(file, args, { ...clientEnvironment(server.url), ...FAST_POLLS });

      expect(result.stderr).not.toMatch(/Traceback|error occurred/);
      expect(result.exitCode).toBe(0);
      const steps = result.stdout.split('\n').filter((line) => /^\d\. /.test(line));
      expect(steps.map((line) => line.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.', '5.']);
      expect(steps[0]).toContain(
        `kmsuser in ${WORLD_IDS.clusterId} is locked out (${WORLD_IDS.cloudHsmStoreId} is FAILED USER_LOCKED_OUT)`,
      );
      expect(result.stdout.trimEnd().endsWith('CONNECTED')).toBe(true);
      // The world agrees: the store is connected, and kmsuser has the new password and is unlocked.
      expect(storeInWorld(server)).toMatchObject({ connectionState: 'CONNECTED', keyStorePassword: 'kmsPswd-2025' });
      expect(server.mock.snapshot().clusters[0]!.kmsUser).toMatchObject({ password: 'kmsPswd-2025', lockedOut: false });
    },
  );

  test(
    'reads the lockout from the cluster: it also fixes a store already disconnected, which reports no code',
    { timeout: 300_000 },
    async ({ scenarioEndpoint }) => {
      const server = await scenarioEndpoint('user-locked-out');
      // As a reader leaves it who disconnected it by hand: DISCONNECTED, with no code to read.
      await disconnectStore(server);
      expect(storeInWorld(server)).toMatchObject({ connectionState: 'DISCONNECTED' });

      const result = await run(file, args, { ...clientEnvironment(server.url), ...FAST_POLLS });

      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain(
        `kmsuser in ${WORLD_IDS.clusterId} is locked out (${WORLD_IDS.cloudHsmStoreId} is DISCONNECTED)`,
      );
      expect(storeInWorld(server)).toMatchObject({ connectionState: 'CONNECTED', keyStorePassword: 'kmsPswd-2025' });
    },
  );

  test(
    'refuses a cluster whose kmsuser is not locked out, and changes nothing',
    { timeout: 120_000 },
    async ({ scenarioEndpoint }) => {
      const server = await scenarioEndpoint('user-logged-in');
      const result = await run(file, args, { ...clientEnvironment(server.url), ...FAST_POLLS });
      expect(result.exitCode).not.toBe(0);
      expect(result.stdout + result.stderr).toContain('kmsuser is not locked out: this is not the fix for it.');
      expect(storeInWorld(server)).toMatchObject({ connectionState: 'FAILED', connectionErrorCode: 'USER_LOGGED_IN' });
    },
  );
});

const goSkipReason = goUnavailableReason();
if (goSkipReason) console.warn(`Skipping the Go SDK program: ${goSkipReason}. Run scripts/install-aws-clients.sh as root.`);
const gopath = temporaryDirectory('kms-mock-gopath-');
const goBinary = join(gopath, 'connect-and-diagnose');
afterAll(() => rmSync(gopath, { recursive: true, force: true }));

beforeAll(async () => {
  if (goSkipReason) return;
  const env = { ...clientEnvironment(''), ...goEnvironment(gopath) };
  const build = await run(GO, ['build', '-o', goBinary, program('connect_and_diagnose.go')], env, 240_000);
  if (build.exitCode !== 0) throw new Error(`go build failed offline against ${GOCODE}:\n${build.stderr}`);
}, 300_000);

const kmsUserInWorld = (server: KmsMockServer) =>
  server.mock.snapshot().clusters.find((c) => c.id === WORLD_IDS.clusterId)!.kmsUser;

describe.each([
  { client: 'the AWS CLI', file: () => '/bin/bash', args: [program('connect-and-diagnose.sh')], skip: undefined },
  { client: 'boto3', file: () => PYTHON, args: [program('connect_and_diagnose.py')], skip: undefined },
  { client: 'the Go SDK v2', file: () => goBinary, args: [], skip: goSkipReason },
  // The scenario pages' TypeScript program as a reader runs it in Node (24 runs TypeScript as it is),
  // pointed at the endpoint by AWS_ENDPOINT_URL, which the JavaScript SDK reads.
  { client: 'the JavaScript SDK (TypeScript)', file: () => process.execPath, args: [TYPESCRIPT_PROGRAM], skip: undefined },
])('the handling program with $client', ({ file, args, skip }) => {
  /** The program's environment in `scenarioId`, as the playground and the sample tests give it: the scenario's store. */
  const environment = (server: KmsMockServer, scenarioId: string) => ({
    ...clientEnvironment(server.url),
    AWS_ENDPOINT_URL: server.url,
    ...FAST_POLLS,
    ...sampleEnvironment(getScenario(scenarioId)),
  });

  test.skipIf(skip !== undefined)(
    'run five times in invalid-credentials, it never reconnects: kmsuser is not locked out, the store stays FAILED',
    { timeout: 300_000 },
    async ({ scenarioEndpoint }) => {
      const server = await scenarioEndpoint('invalid-credentials');
      const attemptsBefore = kmsUserInWorld(server).failedLoginAttempts;
      for (let attempt = 1; attempt <= 5; attempt++) {
        const result = await run(file(), args, environment(server, 'invalid-credentials'));
        expect(result.stderr).toBe('');
        expect(result.exitCode).toBe(0);
        expect(result.stdout).toContain('FAILED: INVALID_CREDENTIALS');
        expect(result.stdout).toContain('Not reconnecting: that would be one more failed kmsuser login');
      }
      expect(kmsUserInWorld(server)).toMatchObject({ lockedOut: false, failedLoginAttempts: attemptsBefore });
      expect(storeInWorld(server)).toMatchObject({ connectionState: 'FAILED', connectionErrorCode: 'INVALID_CREDENTIALS' });
    },
  );

  test.skipIf(skip !== undefined)(
    'reports USER_LOCKED_OUT and leaves the store FAILED; after disconnect, reset and update, the next run connects',
    { timeout: 300_000 },
    async ({ scenarioEndpoint }) => {
      const server = await scenarioEndpoint('user-locked-out');

      const first = await run(file(), args, environment(server, 'user-locked-out'));
      expect(first.stderr).toBe('');
      expect(first.exitCode).toBe(0);
      expect(first.stdout).toContain(`${WORLD_IDS.cloudHsmStoreId} (${WORLD_IDS.cloudHsmStoreName}, AWS_CLOUDHSM): FAILED`);
      expect(first.stdout).toContain('FAILED: USER_LOCKED_OUT');
      expect(first.stdout).not.toContain('Connecting');
      expect(storeInWorld(server)).toMatchObject({ connectionState: 'FAILED', connectionErrorCode: 'USER_LOCKED_OUT' });

      // The documented fix: disconnect, a crypto officer resets kmsuser, KMS is told the new password.
      await disconnectStore(server);
      const reset = await fetch(`${server.url}/_mock/act`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'set-kmsuser-password', clusterId: WORLD_IDS.clusterId, password: 'kmsPswd-2025' }),
      });
      expect(reset.status).toBe(200);
      await fastClient({ endpoint: server.url }).send(
        new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: WORLD_IDS.cloudHsmStoreId, KeyStorePassword: 'kmsPswd-2025' }),
      );

      const second = await run(file(), args, environment(server, 'user-locked-out'));
      expect(second.exitCode).toBe(0);
      expect(second.stdout).toContain('Connecting (the 200 response only means it started)...');
      expect(second.stdout.trimEnd().endsWith('CONNECTED')).toBe(true);
      expect(storeInWorld(server).connectionState).toBe('CONNECTED');
    },
  );
});
