/**
 * The tests' `aws` is a fork server of /usr/bin/aws (test/support/aws-cli-fork-server.ts): the
 * same calls through it and through /usr/bin/aws itself, against one mock endpoint, must end with
 * the same exit code and print the same stdout and stderr, and the server must have run them
 * itself rather than handing them to /usr/bin/aws. A call whose client is killed must not outlive it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { describe, expect, vi } from 'vitest';
import { WORLD_IDS } from 'kms-custom-key-store-mock/core';
import { SYSTEM_AWS_CLI, forkServerAwsCli, forkServerLog } from '../../support/aws-cli-fork-server';
import { clientEnvironment, runShellCommand, test } from './aws-clients';

const REGION = 'eu-west-1';
const STORE = WORLD_IDS.cloudHsmStoreId;

const CALLS = [
  ['a successful call, JSON output', 0, 'aws kms describe-custom-key-stores'],
  // The scenario's store is FAILED (USER_LOCKED_OUT): connecting it again is refused.
  ['an error: exit 254 and the message on stderr', 254, `aws kms connect-custom-key-store --custom-key-store-id ${STORE}`],
  [
    '--query with --output text',
    0,
    "aws kms describe-custom-key-stores --query 'CustomKeyStores[].[CustomKeyStoreId,ConnectionState]' --output text",
  ],
  [
    // From a file: the CLI opens /dev/stdin twice, and a pipe has nothing left the second time.
    'the input read from stdin',
    0,
    `input=$(mktemp) && trap 'rm "$input"' EXIT && printf '{"CustomKeyStoreId": "${STORE}"}' >"$input" && aws kms describe-custom-key-stores --cli-input-json file:///dev/stdin <"$input"`,
  ],
  ['a usage error: exit 252', 252, 'aws kms describe-custom-key-stores --no-such-option'],
  [
    'calls in a loop over $(aws …), piped on',
    0,
    'for id in $(aws kms describe-custom-key-stores --query CustomKeyStores[].CustomKeyStoreId --output text); do aws kms describe-custom-key-stores --custom-key-store-id "$id" --query CustomKeyStores[0].ConnectionState --output text | tr A-Z a-z; done',
  ],
  ['--version', 0, 'aws --version'],
] as const;

const logLines = (pattern: RegExp) =>
  forkServerLog()
    .split('\n')
    .filter((line) => pattern.test(line));

describe('the fork server’s aws, against /usr/bin/aws', () => {
  test.for(CALLS)('%s', { timeout: 120_000 }, async ([, exitCode, command], { scenarioEndpoint }) => {
    const { url } = await scenarioEndpoint('user-locked-out');
    const servedBefore = logLines(/^served pid /).length;

    const direct = await runShellCommand(command, url, REGION, SYSTEM_AWS_CLI);
    const forked = await runShellCommand(command, url, REGION, forkServerAwsCli());

    expect(direct.exitCode, direct.stderr).toBe(exitCode);
    expect(direct.exitCode === 0 ? direct.stdout : direct.stderr).not.toBe('');
    expect(forked).toEqual(direct);
    expect(logLines(/^served pid /).length).toBeGreaterThan(servedBefore);
    expect(logLines(/^exec fallback/)).toEqual([]);
  });

  test('a call whose client is killed is killed too', { timeout: 120_000 }, async () => {
    // An endpoint that takes the request and never answers: the call waits until killed.
    const accepted: Socket[] = [];
    const silent = createServer((socket) => accepted.push(socket)).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as { port: number };
    try {
      const client = spawn(forkServerAwsCli(), ['--endpoint-url', `http://127.0.0.1:${port}`, 'kms', 'list-keys'], {
        env: clientEnvironment(`http://127.0.0.1:${port}`, REGION),
        stdio: 'ignore',
      });
      await vi.waitFor(() => expect(accepted.length).toBeGreaterThan(0), { timeout: 60_000 });
      const served = new RegExp(`^served pid (\\d+): aws --endpoint-url http://127\\.0\\.0\\.1:${port} `, 'm');
      const call = Number(served.exec(forkServerLog())?.[1]);
      expect(isRunning(call)).toBe(true);

      client.kill('SIGKILL');

      await vi.waitFor(() => expect(isRunning(call)).toBe(false), { timeout: 30_000 });
    } finally {
      for (const socket of accepted) socket.destroy();
      silent.close();
    }
  });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
