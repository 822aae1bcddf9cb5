/**
 * The `aws` the endpoint tests run: a fork server for Debian's AWS CLI (aws-cli-fork-server.py
 * beside this file), one per test process, started on first use and ending with the process.
 *
 * Why: each /usr/bin/aws call costs 0.7–1 s of CPU, nearly all of it Python importing awscli and
 * botocore, and the endpoint tests make about 200 calls on a 2-core machine. The server imports
 * once and forks a child per call that becomes the call (its stdin, stdout, stderr, argv,
 * environment, working directory and umask), so pipes, `$(aws …)`, loops and exit codes behave
 * as with /usr/bin/aws, and each call starts from the state a fresh interpreter would.
 * test/endpoint/clients/aws-cli-fork-server.test.ts holds it to /usr/bin/aws's output.
 *
 * KMS_TEST_AWS_CLI=process runs /usr/bin/aws itself for every call instead (no server).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SYSTEM_AWS_CLI = '/usr/bin/aws';
const SERVER = new URL('./aws-cli-fork-server.py', import.meta.url).pathname;

let serverDirectory: string | undefined;

/** The folder holding the fork server's `aws` (and its log), starting the server the first time. */
function forkServerDirectory(): string {
  // The server listens before this returns, so the first call cannot miss it. It stops, and
  // removes the folder, once this process has ended.
  serverDirectory ??= execFileSync('/usr/bin/python3', [SERVER, 'serve', String(process.pid)], {
    // The interpreter settings the tests' calls use (clientEnvironment): a call with others runs /usr/bin/aws.
    env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' },
    encoding: 'utf8',
  }).trim();
  return serverDirectory;
}

const forkServerWanted = () => process.env['KMS_TEST_AWS_CLI'] !== 'process';

/** The fork server's client, whatever KMS_TEST_AWS_CLI says. */
export const forkServerAwsCli = () => join(forkServerDirectory(), 'aws');

/** The `aws` to run: the fork server's client, or /usr/bin/aws with KMS_TEST_AWS_CLI=process. */
export function awsCli(): string {
  return forkServerWanted() ? forkServerAwsCli() : SYSTEM_AWS_CLI;
}

/** PATH for a shell whose scripts call `aws` by name: the fork server's `aws` first, then the system's programs. */
export function pathWithAwsCli(): string {
  return forkServerWanted() ? `${forkServerDirectory()}:/usr/bin:/bin` : '/usr/bin:/bin';
}

/** What the fork server has logged: a line per call it served (`served pid …`) or handed to /usr/bin/aws (`exec fallback …`). */
export function forkServerLog(): string {
  return readFileSync(join(forkServerDirectory(), 'server.log'), 'utf8');
}
