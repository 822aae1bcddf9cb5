/**
 * Programs written for real AWS clients, run against the mock's HTTP endpoint: the USER_LOCKED_OUT
 * fix end to end with boto3 and with the AWS CLI, and the pages' handling program
 * (connect-and-diagnose) with the CLI, boto3 and the Go SDK v2, all from Debian. The programs are
 * the files the "use the mock from any language" guide shows.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WORLD_IDS } from 'kms-custom-key-store-mock/core';
import type { KmsMockServer } from 'kms-custom-key-store-mock/node';
import { getScenario, sampleEnvironment } from 'kms-custom-key-store-mock/scenarios';
import {
  CLIENTS_DIR,
  GO,
  GOCODE,
  PYTHON,
  clientEnvironment,
  goUnavailableReason,
  requireCliAndBoto3,
  run,
  startScenarioEndpoint,
  temporaryDirectory,
} from './aws-clients';

const program = (name: string) => join(CLIENTS_DIR, 'programs', name);
const FAST_POLLS = { KMS_POLL_SECONDS: '0.1' };

let server: KmsMockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function storeInWorld() {
  const store = server!.mock.snapshot().stores.find((s) => s.id === WORLD_IDS.cloudHsmStoreId);
  if (!store) throw new Error('The CloudHSM key store is gone from the world');
  return store;
}

describe.each([
  { client: 'boto3', file: PYTHON, args: [program('fix_user_locked_out.py')] },
  { client: 'the AWS CLI', file: '/bin/bash', args: [program('fix-user-locked-out.sh')] },
])('the USER_LOCKED_OUT fix with $client', ({ file, args }) => {
  it(
    'confirms, disconnects, resets kmsuser through the control API, updates, connects and ends CONNECTED',
    { timeout: 300_000 },
    async () => {
      requireCliAndBoto3();
      server = await startScenarioEndpoint('user-locked-out');
      expect(storeInWorld()).toMatchObject({ connectionState: 'FAILED', connectionErrorCode: 'USER_LOCKED_OUT' });

      const result = await run(file, args, { ...clientEnvironment(server.url), ...FAST_POLLS });

      expect(result.stderr).not.toMatch(/Traceback|error occurred/);
      expect(result.exitCode).toBe(0);
      const steps = result.stdout.split('\n').filter((line) => /^\d\. /.test(line));
      expect(steps.map((line) => line.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.', '5.']);
      expect(steps[0]).toContain(`${WORLD_IDS.cloudHsmStoreId} is FAILED USER_LOCKED_OUT`);
      expect(result.stdout.trimEnd().endsWith('CONNECTED')).toBe(true);
      // The world agrees: the store is connected, and kmsuser has the new password and is unlocked.
      expect(storeInWorld()).toMatchObject({ connectionState: 'CONNECTED', keyStorePassword: 'kmsPswd-2025' });
      expect(server.mock.snapshot().clusters[0]!.kmsUser).toMatchObject({ password: 'kmsPswd-2025', lockedOut: false });
    },
  );

  it('refuses a store that is not locked out, and changes nothing', { timeout: 120_000 }, async () => {
    requireCliAndBoto3();
    server = await startScenarioEndpoint('user-logged-in');
    const result = await run(file, args, { ...clientEnvironment(server.url), ...FAST_POLLS });
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('Not FAILED with USER_LOCKED_OUT');
    expect(storeInWorld()).toMatchObject({ connectionState: 'FAILED', connectionErrorCode: 'USER_LOGGED_IN' });
  });
});

const goSkipReason = goUnavailableReason();
if (goSkipReason) console.warn(`Skipping the Go SDK program: ${goSkipReason}. Run scripts/install-aws-clients.sh as root.`);
const gopath = temporaryDirectory('kms-mock-gopath-');
const goBinary = join(gopath, 'connect-and-diagnose');
afterAll(() => rmSync(gopath, { recursive: true, force: true }));

beforeAll(async () => {
  if (goSkipReason) return;
  // GOPATH mode against Debian's sources only: no modules, no proxy, no toolchain download.
  const env = {
    ...clientEnvironment(''),
    GO111MODULE: 'off',
    GOPATH: `${GOCODE}:${gopath}`,
    GOCACHE: join(gopath, 'cache'),
    GOPROXY: 'off',
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
  };
  const build = await run(GO, ['build', '-o', goBinary, program('connect_and_diagnose.go')], env, 240_000);
  if (build.exitCode !== 0) throw new Error(`go build failed offline against ${GOCODE}:\n${build.stderr}`);
}, 300_000);

describe.each([
  { client: 'the AWS CLI', file: () => '/bin/bash', args: [program('connect-and-diagnose.sh')], skip: undefined },
  { client: 'boto3', file: () => PYTHON, args: [program('connect_and_diagnose.py')], skip: undefined },
  { client: 'the Go SDK v2', file: () => goBinary, args: [], skip: goSkipReason },
])('the handling program with $client', ({ file, args, skip }) => {
  it.skipIf(skip !== undefined)(
    'reports USER_LOCKED_OUT and disconnects; after the repair, a second run connects',
    { timeout: 300_000 },
    async () => {
      requireCliAndBoto3();
      server = await startScenarioEndpoint('user-locked-out');
      // The store to connect, as the playground and the sample tests give it: the scenario's.
      const env = { ...clientEnvironment(server.url), ...FAST_POLLS, ...sampleEnvironment(getScenario('user-locked-out')) };

      const first = await run(file(), args, env);
      expect(first.stderr).toBe('');
      expect(first.exitCode).toBe(0);
      expect(first.stdout).toContain(`${WORLD_IDS.cloudHsmStoreId} (${WORLD_IDS.cloudHsmStoreName}, AWS_CLOUDHSM): FAILED`);
      expect(first.stdout).toContain('FAILED earlier with USER_LOCKED_OUT; disconnecting before reconnecting');
      expect(first.stdout).toContain('FAILED: USER_LOCKED_OUT');
      expect(first.stdout).toContain('Disconnected: fix the cause, then run this again.');
      expect(storeInWorld().connectionState).toBe('DISCONNECTED');

      // The crypto officer resets kmsuser to the password the store already holds: no update needed.
      const repair = await fetch(`${server.url}/_mock/act`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'set-kmsuser-password',
          clusterId: WORLD_IDS.clusterId,
          password: WORLD_IDS.kmsUserPassword,
        }),
      });
      expect(repair.status).toBe(200);

      const second = await run(file(), args, env);
      expect(second.exitCode).toBe(0);
      expect(second.stdout).toContain('Connecting (the 200 response only means it started)...');
      expect(second.stdout.trimEnd().endsWith('CONNECTED')).toBe(true);
      expect(storeInWorld().connectionState).toBe('CONNECTED');
    },
  );
});
