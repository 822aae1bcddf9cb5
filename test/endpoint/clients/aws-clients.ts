/**
 * The real AWS clients the endpoint tests drive, all from Debian (scripts/install-aws-clients.sh
 * installs them): the AWS CLI v2, boto3 and the Go SDK v2. Always the system ones, by absolute
 * path, never whatever `aws` or `python3` comes first on PATH (pyenv shims, a pip-installed CLI v1).
 * `aws` runs through a fork server of /usr/bin/aws (test/support/aws-cli-fork-server.ts says why).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { getScenario } from 'kms-custom-key-store-mock/scenarios';
import { startKmsMockServer, type KmsMockServer } from 'kms-custom-key-store-mock/node';
import { runScenarioTrigger } from 'kms-custom-key-store-mock/testing';
import { test as base } from 'vitest';
import { SYSTEM_AWS_CLI, awsCli, pathWithAwsCli } from '../../support/aws-cli-fork-server';

export const PYTHON = '/usr/bin/python3';
export const GO = '/usr/bin/go';
/** Debian's Go sources (golang-github-aws-aws-sdk-go-v2-dev and its dependencies), for GOPATH mode. */
export const GOCODE = '/usr/share/gocode';
export const REPO_ROOT = new URL('../../../', import.meta.url).pathname;
export const CLIENTS_DIR = new URL('./', import.meta.url).pathname;

const JQ = '/usr/bin/jq';
const INSTALL_HINT = 'run `bash scripts/install-aws-clients.sh` as root (Debian: apt-get install -y awscli python3-boto3 jq)';

/**
 * Fails with what to do when the CLI, boto3 or jq (which the guide's CLI fix script reads the
 * mock's world with) is missing: those tests must run in CI, never skip.
 */
function requireCliAndBoto3(): void {
  if (!existsSync(SYSTEM_AWS_CLI)) throw new Error(`The AWS CLI is not at ${SYSTEM_AWS_CLI}: ${INSTALL_HINT}.`);
  if (!existsSync(PYTHON)) throw new Error(`No ${PYTHON}: ${INSTALL_HINT}.`);
  if (!existsSync(JQ)) throw new Error(`No ${JQ}: ${INSTALL_HINT}.`);
}

/**
 * Go's own build cache for this user (`$GOCACHE`, else `~/.cache/go-build`, as `go env GOCACHE`
 * prints it), shared by every clone on the machine as it is for any Go developer: compiling
 * Debian's SDK cold takes 20–25 s of CPU on these machines, and a fresh clone would pay it on every
 * run. The cache is keyed by the hash of every source and of the toolchain, so a changed program
 * or SDK is compiled again and nothing stale is reused; Go locks it, so test files building at the
 * same time share it safely.
 */
const GO_BUILD_CACHE = process.env['GOCACHE'] || join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'go-build');

/** How the tests run Go: offline, in GOPATH mode against Debian's sources, with `gopath` for what they build. */
export function goEnvironment(gopath: string): NodeJS.ProcessEnv {
  return {
    GO111MODULE: 'off',
    GOPATH: `${GOCODE}:${gopath}`,
    GOCACHE: GO_BUILD_CACHE,
    GOPROXY: 'off',
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
  };
}

/** Why the Go SDK build cannot run here (the Debian packages are not installed), or undefined. */
export function goUnavailableReason(): string | undefined {
  if (!existsSync(GO)) return `no Go toolchain at ${GO} (Debian package golang-go is not installed)`;
  if (!existsSync(join(GOCODE, 'src/github.com/aws/aws-sdk-go-v2/service/kms')))
    return `no Go SDK v2 KMS client under ${GOCODE} (Debian package golang-github-aws-aws-sdk-go-v2-dev is not installed)`;
  return undefined;
}

/** What every client gets: dummy credentials (the mock accepts any signature), no config files, no pager. */
export function clientEnvironment(endpoint: string, region = 'us-east-1'): NodeJS.ProcessEnv {
  return {
    // The system clients first: `aws` in a script is /usr/bin/aws (through the fork server), not a
    // pyenv shim or a pip CLI v1.
    PATH: pathWithAwsCli(),
    HOME: tmpdir(),
    LANG: 'C.UTF-8',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_DEFAULT_REGION: region,
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    KMS_ENDPOINT_URL: endpoint,
  };
}

export interface ProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program to its end; never rejects for a non-zero exit (the result says it). The time
 * limits here and in the tests are generous: every AWS CLI call starts a Python interpreter, which
 * takes seconds on a loaded 2-core machine, and a CLI script makes a dozen such calls.
 */
export function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(new Error(`${file} did not run: ${error.message}\n${stderr}`));
      else resolve({ exitCode: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

/** Runs the AWS CLI (/usr/bin/aws, through the fork server) with these arguments. */
export function runAwsCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ProcessResult> {
  return run(awsCli(), args, env);
}

/**
 * Runs one shell command as a page shows it, with `aws` being the system CLI pointed at the mock
 * (`--endpoint-url` added to every call, inside loops and `$(…)` too); `cli` is the program
 * standing for it.
 */
export function runShellCommand(command: string, endpoint: string, region: string, cli = awsCli()): Promise<ProcessResult> {
  const script = `aws() { ${cli} --endpoint-url "$KMS_ENDPOINT_URL" "$@"; }\nset -o pipefail\n${command}`;
  return run('/bin/bash', ['-c', script], clientEnvironment(endpoint, region));
}

/**
 * A mock endpoint in the situation a scenario's page describes: started from the scenario's world,
 * then with the scenario's trigger already run through the JavaScript SDK
 * over HTTP, as `kms-mock serve --scenario` does (a connection-error page's store is FAILED with its
 * code, as the reader finds it). With `trigger: false`, in the scenario's starting world.
 */
async function startScenarioEndpoint(scenarioId: string, { trigger = true } = {}): Promise<KmsMockServer> {
  const scenario = getScenario(scenarioId);
  const server = await startKmsMockServer({ scenario, port: 0, resolveScenario: getScenario });
  if (trigger) await runScenarioTrigger({ endpoint: server.url }, scenario);
  return server;
}

interface EndpointFixtures {
  /** Starts a mock endpoint for this test alone (see startScenarioEndpoint), closed when the test ends. */
  scenarioEndpoint: typeof startScenarioEndpoint;
  /** The real clients are installed: checked once per file, before its first test that uses this `test`. */
  realClients: void;
}

/**
 * The client tests' `test`: each test's endpoints are its own, so tests can run side by side, and a
 * machine without the AWS CLI, boto3 or jq fails them with how to install them.
 */
export const test = base.extend<EndpointFixtures>({
  realClients: [
    async ({}, use) => {
      requireCliAndBoto3();
      await use();
    },
    { auto: true, scope: 'file' },
  ],
  // Vitest reads a fixture's dependencies from its first parameter's pattern: none here.
  scenarioEndpoint: async ({}, use) => {
    const started: KmsMockServer[] = [];
    await use(async (scenarioId, options) => {
      const server = await startScenarioEndpoint(scenarioId, options);
      started.push(server);
      return server;
    });
    await Promise.all(started.map((server) => server.close()));
  },
});

/** A fresh temporary folder (for Go's GOPATH). */
export const temporaryDirectory = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
