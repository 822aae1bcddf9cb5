/**
 * The kms-mock CLI, spawned as a reader runs it (`npm run mock -- …` is `node scripts/kms-mock.mjs …`):
 * serve prints the endpoint and answers the SDK, stops on SIGTERM; the subcommands drive a running
 * server; explain reads the catalog; bad input exits non-zero with one clear line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DescribeCustomKeyStoresCommand } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it } from 'vitest';
import { WORLD_IDS } from 'kms-custom-key-store-mock/core';
import packageJson from 'kms-custom-key-store-mock/package.json' with { type: 'json' };
import { getScenario } from 'kms-custom-key-store-mock/scenarios';
import { fastClient } from '../support/kms-client';
import { useKmsHttpServer } from '../support/mock-over-http';

const CLI = join(import.meta.dirname, '../../scripts/kms-mock.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const serving: ChildProcess[] = [];
afterEach(() => {
  for (const child of serving.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `kms-mock serve` on a free port and resolves once it has printed its endpoint. */
async function serve(...args: string[]): Promise<{ child: ChildProcess; url: string; banner: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  serving.push(child);
  const lines: string[] = [];
  for await (const line of createInterface({ input: child.stdout! })) {
    lines.push(line);
    if (line.includes('Ctrl+C')) break;
  }
  const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(lines[0] ?? '')?.[1];
  if (!url) throw new Error(`serve printed no endpoint:\n${lines.join('\n')}`);
  return { child, url, banner: lines.join('\n') };
}

const kit = useKmsHttpServer();

describe('kms-mock serve', () => {
  it('prints the endpoint and an aws command, says signatures are not verified, answers the SDK, and stops on SIGTERM', async () => {
    const { child, url, banner } = await serve('--scenario', 'user-logged-in');
    expect(banner).toContain(`aws --endpoint-url ${url} --region eu-west-1 kms describe-custom-key-stores`);
    expect(banner).toMatch(/signatures are accepted, not verified/);
    const { CustomKeyStores } = await fastClient({ endpoint: url }).send(new DescribeCustomKeyStoresCommand({}));
    expect(CustomKeyStores?.map((s) => s.CustomKeyStoreId)).toContain(WORLD_IDS.cloudHsmStoreId);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('warns on stderr when it listens beyond loopback, and not when it does not', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--host', '0.0.0.0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    serving.push(child);
    const [firstLine] = await once(createInterface({ input: child.stderr! }), 'line');
    expect(firstLine).toMatch(/warning: listening on 0\.0\.0\.0, not loopback/);
    const { banner } = await serve();
    expect(banner).not.toMatch(/warning/);
  });

  it("runs the scenario's trigger first, so the store is as its page shows; --before-trigger serves the world before it", async () => {
    const triggered = await serve('--scenario', 'user-locked-out');
    expect(triggered.banner).toContain(
      `ran the trigger, ConnectCustomKeyStore: succeeded; ${WORLD_IDS.cloudHsmStoreId} is FAILED (USER_LOCKED_OUT)`,
    );
    const after = await fastClient({ endpoint: triggered.url }).send(
      new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: WORLD_IDS.cloudHsmStoreId }),
    );
    expect(after.CustomKeyStores?.[0]).toMatchObject({ ConnectionState: 'FAILED', ConnectionErrorCode: 'USER_LOCKED_OUT' });

    const before = await serve('--scenario', 'user-locked-out', '--before-trigger');
    expect(before.banner).toContain('before its trigger');
    const untouched = await fastClient({ endpoint: before.url }).send(
      new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: WORLD_IDS.cloudHsmStoreId }),
    );
    expect(untouched.CustomKeyStores?.[0]?.ConnectionState).toBe('DISCONNECTED');
  });

  it('exits non-zero on an unknown scenario, naming the closest id', async () => {
    const run = await runCli('serve', '--scenario', 'user-loged-in');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown scenario "user-loged-in". Did you mean "user-logged-in"?');
  });

  it('tells a request for another AWS service (CloudTrail, as the pages show for a real account) which service it is and where it belongs', async () => {
    const server = await kit.serve();
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{}',
    });
    const body = (await response.json()) as { __type: string; message: string };
    expect(body.__type).toBe('UnknownOperationException');
    expect(body.message).toContain(
      'simulates AWS KMS (X-Amz-Target TrentService.<Operation>) and CloudHSM (BaldrApiService.<Operation>) only',
    );
    expect(body.message).toContain('LookupEvents is a call to CloudTrail');
    expect(body.message).toContain('send the request to AWS itself (without --endpoint-url)');
  });

  it('says in one line that the port is in use', async () => {
    const taken = await kit.serve();
    const run = await runCli('serve', '--port', String(taken.port));
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `kms-mock serve: Port ${taken.port} on 127.0.0.1 is already in use (another kms-mock, or another server): pick another with --port.`,
    );
  });
});

describe('subcommands against a running server', () => {
  it('act, fault, advance, world, scenario and reset reach the server; a bad action names what is wrong', async () => {
    const server = await kit.serve({ scenario: 'user-logged-in' });
    const endpoint = ['--endpoint', server.url];
    const act = await runCli('act', 'log-out-kmsuser', '--cluster-id', WORLD_IDS.clusterId, ...endpoint);
    expect([act.code, act.stderr]).toEqual([0, '']);
    expect(server.mock.snapshot().clusters[0]!.kmsUser.loggedInElsewhere).toBe(false);

    const fault = await runCli('fault', 'throttling', '--operation', 'Encrypt', '--times', '3', ...endpoint);
    expect(fault.code).toBe(0);
    expect(server.mock.snapshot().faults).toEqual([{ kind: 'throttling', operation: 'Encrypt', remaining: 3 }]);

    const before = server.mock.now();
    expect((await runCli('advance', '2h', ...endpoint)).code).toBe(0);
    expect(server.mock.now() - before).toBeGreaterThanOrEqual(2 * 3_600_000);

    const world = await runCli('world', ...endpoint);
    const printed = JSON.parse(world.stdout);
    expect(printed.clusters[0].id).toBe(WORLD_IDS.clusterId);
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    expect(printed.now).toMatch(iso);
    expect(printed.stores[0].creationDate).toMatch(iso);

    const switched = await runCli('scenario', 'user-locked-out', ...endpoint);
    expect(switched.code).toBe(0);
    expect(switched.stdout).toContain('is FAILED (USER_LOCKED_OUT)');
    expect(server.mock.snapshot().clusters[0]!.kmsUser.lockedOut).toBe(true);

    const badDuration = await runCli('advance', 'soon', ...endpoint);
    expect(badDuration.code).toBe(2);
    expect(badDuration.stderr).toContain('"soon" is not a duration');
  });

  it('reset goes back to the world serve --scenario starts with (after the trigger) and names it; --before-trigger to the one before', async () => {
    const server = await kit.serve({ scenario: 'user-logged-in' });
    const store = () => server.mock.snapshot().stores.find((s) => s.id === WORLD_IDS.cloudHsmStoreId)!;
    const reset = await runCli('reset', '--endpoint', server.url);
    expect([reset.code, reset.stderr]).toEqual([0, '']);
    expect(reset.stdout.trim()).toBe(
      `kms-mock: reset to scenario user-logged-in, after its trigger, as serve --scenario starts it: ran the trigger, ConnectCustomKeyStore: succeeded; ${WORLD_IDS.cloudHsmStoreId} is FAILED (USER_LOGGED_IN)`,
    );
    expect(store()).toMatchObject({ connectionState: 'FAILED' });

    const before = await runCli('reset', '--before-trigger', '--endpoint', server.url);
    expect(before.stdout.trim()).toBe('kms-mock: reset to scenario user-logged-in, before its trigger (--before-trigger)');
    expect(store()).toMatchObject({ connectionState: 'DISCONNECTED' });

    const empty = await kit.serve();
    expect((await runCli('reset', '--endpoint', empty.url)).stdout.trim()).toBe(
      'kms-mock: reset to an empty account (healthy cluster and proxy)',
    );
  });

  it('scenario and reset run the trigger on a server started with --credentials, whose KMS endpoint still refuses a wrong key', async () => {
    const { url, banner } = await serve('--credentials', 'AKIAMOCKVERIFIED0001:right-secret', '--scenario', 'user-locked-out');
    expect(banner).toContain(
      `ran the trigger, ConnectCustomKeyStore: succeeded; ${WORLD_IDS.cloudHsmStoreId} is FAILED (USER_LOCKED_OUT)`,
    );
    const switched = await runCli('scenario', 'user-logged-in', '--endpoint', url);
    expect([switched.code, switched.stderr]).toEqual([0, '']);
    expect(switched.stdout).toContain(
      `ran the trigger, ConnectCustomKeyStore: succeeded; ${WORLD_IDS.cloudHsmStoreId} is FAILED (USER_LOGGED_IN)`,
    );
    const reset = await runCli('reset', '--endpoint', url);
    expect([reset.code, reset.stderr]).toEqual([0, '']);
    expect(reset.stdout).toContain(`${WORLD_IDS.cloudHsmStoreId} is FAILED (USER_LOGGED_IN)`);

    const wrongKey = fastClient({ endpoint: url, maxAttempts: 1 }).send(new DescribeCustomKeyStoresCommand({}));
    await expect(wrongKey).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
    const signed = fastClient({
      endpoint: url,
      credentials: { accessKeyId: 'AKIAMOCKVERIFIED0001', secretAccessKey: 'right-secret' },
    });
    const { CustomKeyStores } = await signed.send(
      new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: WORLD_IDS.cloudHsmStoreId }),
    );
    expect(CustomKeyStores?.[0]).toMatchObject({ ConnectionState: 'FAILED', ConnectionErrorCode: 'USER_LOGGED_IN' });
  });

  it('names every missing flag of an action at once, as flags, before asking the server; a refused value comes back without a status code', async () => {
    const server = await kit.serve({ scenario: 'user-locked-out' });
    const missing = await runCli('act', 'set-kmsuser-password', '--endpoint', server.url);
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe('kms-mock act: set-kmsuser-password needs --cluster-id and --password.');
    expect(server.mock.requests).toEqual([]);

    const notNumber = await runCli(
      'act',
      'set-proxy-latency',
      '--uri-endpoint',
      'https://xks.example.com',
      '--latency-ms',
      'soon',
      '--endpoint',
      server.url,
    );
    expect(notNumber.code).toBe(2);
    expect(notNumber.stderr.split('\n')[0]).toBe('kms-mock act: --latency-ms takes a number, got "soon".');

    const refused = await runCli('act', 'log-out-kmsuser', '--cluster-id', 'cluster-nowhere', '--endpoint', server.url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).not.toMatch(/\b400\b/);
    expect(refused.stderr).toMatch(/^kms-mock act: .*cluster-nowhere/);
  });

  it('--account addresses one account: act and scenario (with its trigger) change that world only', async () => {
    const server = await kit.serve({ scenario: 'user-logged-in' });
    const worker = ['--endpoint', server.url, '--account', '123456789012'];
    expect((await runCli('act', 'log-out-kmsuser', '--cluster-id', WORLD_IDS.clusterId, ...worker)).code).toBe(0);
    expect(server.account('123456789012').snapshot().clusters[0]!.kmsUser.loggedInElsewhere).toBe(false);
    expect(server.mock.snapshot().clusters[0]!.kmsUser.loggedInElsewhere).toBe(true);

    const switched = await runCli('scenario', 'user-locked-out', ...worker);
    expect(switched.stdout).toContain('is FAILED (USER_LOCKED_OUT)');
    expect(server.account('123456789012').snapshot().stores[0]!.connectionState).toBe('FAILED');
    expect(server.mock.snapshot().stores[0]!.connectionState).not.toBe('FAILED');
    expect(JSON.parse((await runCli('world', ...worker)).stdout).accountId).toBe('123456789012');

    const bad = await runCli('world', '--endpoint', server.url, '--account', 'worker-1');
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--account takes a 12-digit account id, got "worker-1"')]);
  });

  it('says when no server answers', async () => {
    const server = await kit.serve();
    const url = server.url;
    await server.close();
    const run = await runCli('world', '--endpoint', url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`No kms-mock server answers at ${url}`);
  });
});

describe('kms-mock explain', () => {
  it("explains a ConnectionErrorCode: what you see, the page's real-account steps, the mock's run of the fix and the page URL", async () => {
    const run = await runCli('explain', 'USER_LOCKED_OUT', '--docs-url', 'https://docs.example.test/kms');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/What you see:\n.*ConnectionErrorCode USER_LOCKED_OUT/);
    expect(run.stdout).toMatch(/Confirm it:\n[^]*find the source of the failed attempts[^]*aws cloudtrail lookup-events/);
    expect(run.stdout).toMatch(/Fix:\n[^]*1\. Stop whatever is retrying\.[^]*aws kms update-custom-key-store/);
    expect(run.stdout).not.toMatch(/<FixSteps|\*\*|not simulated by the mock/);
    // The part read from the catalog, as the reader sees it.
    expect(run.stdout.slice(run.stdout.indexOf('In the mock'))).toMatchInlineSnapshot(`
      "In the mock (npx -p kms-custom-key-store-mock kms-mock serve --scenario user-locked-out), the fix runs as:
        1. KMS DisconnectCustomKeyStore {"CustomKeyStoreId":"cks-1234567890abcdef0"}: A FAILED store must be disconnected before it can connect again.
        2. Wait until cks-1234567890abcdef0 is DISCONNECTED (poll DescribeCustomKeyStores)
        3. Set the kmsuser password in cluster-234example7 to kmsPswd-2025 (cloudhsm_mgmt_util changePswd): A crypto officer changes the kmsuser password, which also ends the lockout.
        4. KMS UpdateCustomKeyStore {"CustomKeyStoreId":"cks-1234567890abcdef0","KeyStorePassword":"kmsPswd-2025"}: Tell KMS the new password.
        5. KMS ConnectCustomKeyStore {"CustomKeyStoreId":"cks-1234567890abcdef0"}
        6. Wait until cks-1234567890abcdef0 is CONNECTED (poll DescribeCustomKeyStores): Back off between polls; a CloudHSM key store takes up to 20 minutes to connect, an external key store about 5.

      Read more: https://docs.example.test/kms/scenarios/user-locked-out/
      "
    `);
  });

  it('says the docs address is a placeholder and how to read the page locally, rather than printing a dead link', async () => {
    const run = await runCli('explain', 'USER_LOCKED_OUT');
    expect(run.stdout).not.toContain('https://kms-errors.example.dev/scenarios/');
    expect(run.stdout).toContain('https://kms-errors.example.dev is a placeholder');
    expect(run.stdout).toContain('run `npm start`, then open http://localhost:4321/scenarios/user-locked-out/');
    expect(run.stdout).toContain('pass --docs-url <address> or set KMS_MOCK_DOCS_URL');
  });

  it('reads the error line as the AWS CLI and boto3 print it, and narrows by the operation in it or given by --operation', async () => {
    const connect = await runCli(
      'explain',
      'An error occurred (CustomKeyStoreInvalidStateException) when calling the ConnectCustomKeyStore operation: …',
    );
    expect(connect.code).toBe(0);
    expect(connect.stdout).toMatch(/^CustomKeyStoreInvalidStateException from ConnectCustomKeyStore has 2 causes/);
    expect(connect.stdout).toContain('connect-while-failed');
    expect(connect.stdout).not.toContain('create-key-while-disconnected');

    const { trigger, expected } = getScenario('key-material-deleted');
    const withMessage = await runCli(
      'explain',
      `An error occurred (${expected.error}) when calling the ${trigger.operation} operation: The ${expected.messageIncludes} is gone.`,
    );
    expect(withMessage.stdout).toContain('(key-material-deleted)');

    const createKey = await runCli('explain', 'CustomKeyStoreInvalidStateException', '--operation', 'CreateKey');
    expect(createKey.stdout).toMatchInlineSnapshot(`
      "CustomKeyStoreInvalidStateException from CreateKey has 3 causes here; explain one of them for its fix:
        creation-failure                   CreateKey                  CreateCustomKeyStore never throws this exception; CreateKey in the brand-new store does, because every new store is DISCONNECTED until you connect it.
        create-key-while-disconnected      CreateKey                  KMS keys can be created in a custom key store only while it is CONNECTED.
        xks-create-key-proxy-unreachable   CreateKey                  External key stores check the proxy during CreateKey: an unreachable proxy makes CreateKey throw this exception even though the store says CONNECTED.

      e.g. kms-mock explain creation-failure
      "
    `);
  });

  it('lists the causes of an exception that has several', async () => {
    const run = await runCli('explain', 'CustomKeyStoreInvalidStateException');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/CustomKeyStoreInvalidStateException has \d+ causes/);
    expect(run.stdout).toContain('connect-while-failed');
  });

  it('suggests the nearest name on a close miss, and exits 1', async () => {
    const run = await runCli('explain', 'USER_LOCKD_OUT');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Did you mean USER_LOCKED_OUT?');
  });
});

it.each(['serve', 'act', 'fault', 'world', 'advance', 'scenario', 'reset', 'explain'])(
  'kms-mock %s --help prints its usage and options',
  async (command) => {
    const run = await runCli(command, '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^kms-mock ${command}`));
    expect(run.stdout).toMatch(/Options:\n  --/);
  },
);

it("kms-mock act <type> --help lists that action's flags", async () => {
  const run = await runCli('act', 'set-kmsuser-password', '--help');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^kms-mock act set-kmsuser-password --cluster-id <clusterId> --password <password>/);
  expect(run.stdout).toMatch(/--password <password> +required/);
});

it('kms-mock --version prints the package version', async () => {
  const run = await runCli('--version');
  expect([run.code, run.stdout.trim()]).toEqual([0, packageJson.version]);
});
