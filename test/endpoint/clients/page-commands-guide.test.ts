/**
 * The "use the mock from any language" guide, followed as a reader follows it: `kms-mock serve`
 * as the page starts it, the programs saved under their titles, and every command of the page's
 * shell blocks run in one shell, top to bottom, twice in a row against the same endpoint. Each
 * command must succeed and each section must end where the page says, so the page cannot
 * dead-end (a program that leaves the store where the next section's script refuses to act).
 *
 * What stands in for the reader's machine: `npx -p kms-custom-key-store-mock kms-mock` is this
 * repository's CLI (`npm run mock --`, the package is not on the registry), `aws` is Debian's CLI
 * (through a fork server, test/support/aws-cli-fork-server.ts), Go builds offline against
 * Debian's SDK, and the endpoint listens on a free port instead of 4599.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect } from 'vitest';
import { WORLD_IDS } from 'kms-custom-key-store-mock/core';
import { REPO_ROOT, goEnvironment, goUnavailableReason, temporaryDirectory, test } from './aws-clients';
import { pathWithAwsCli } from '../../support/aws-cli-fork-server';
import { pageShellCommands, type PageCommand } from './page-commands';
import { openShellSession } from './shell-session';

const GUIDE = 'content/docs/guides/any-language.mdx';
const SCENARIO = 'user-locked-out';
const PAGE_ENDPOINT = 'http://127.0.0.1:4599';
const CLI = join(REPO_ROOT, 'scripts/kms-mock.mjs');
const PROGRAMS = join(REPO_ROOT, 'test/endpoint/clients/programs');
const MOCK_COMMAND = /^npx -p kms-custom-key-store-mock kms-mock /;

const commands = pageShellCommands(readFileSync(join(REPO_ROOT, GUIDE), 'utf8'), GUIDE);
const isServe = (command: PageCommand) => MOCK_COMMAND.test(command.text) && / serve\b/.test(command.text);
const runsHandlingProgram = (command: PageCommand) => /connect[-_]and[-_]diagnose\.(sh|py|go)/.test(command.text);
const runsFixScript = (command: PageCommand) => /fix[-_]user[-_]locked[-_]out\.(sh|py)/.test(command.text);

const workDir = temporaryDirectory('kms-mock-guide-walk-');
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(workDir, { recursive: true, force: true });
});

/** The page's `kms-mock serve`, through this repository's CLI on a free port; resolves with its URL. */
async function startServe(command: PageCommand): Promise<string> {
  const args = command.text.replace(MOCK_COMMAND, '').trim().split(/\s+/);
  server = spawn(process.execPath, [CLI, ...args, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of createInterface({ input: server.stdout! })) {
    const url = / at (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
    if (url) return url;
  }
  throw new Error(`${command.text} ended without printing its endpoint`);
}

/** The reader's shell: no credentials or Region until the page exports them. */
function readerEnvironment(endpoint: string): NodeJS.ProcessEnv {
  return {
    PATH: pathWithAwsCli(),
    HOME: workDir,
    LANG: 'C.UTF-8',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    // The page's kms-mock commands reach the endpoint on its port (the page says so for other ports).
    KMS_MOCK_ENDPOINT: endpoint,
    // `go run` offline, in GOPATH mode against Debian's sources, with the machine's Go build cache
    // (a reader's ~/.cache/go-build).
    ...goEnvironment(join(workDir, 'gopath')),
  };
}

/** Shell functions standing in for what a reader has installed (see the header). */
function standIns(): string {
  const goSkip = goUnavailableReason();
  return [
    `npx() { if [ "$1 $2 $3" = "-p kms-custom-key-store-mock kms-mock" ]; then shift 3; "${process.execPath}" "${CLI}" "$@"; else echo "npx $* is not a command of the page's mock" >&2; return 127; fi; }`,
    ...(goSkip ? [`go() { echo "(Go skipped here: ${goSkip})"; }`] : []),
  ].join('\n');
}

async function world(endpoint: string) {
  const response = await fetch(`${endpoint}/_mock/world`);
  return (await response.json()) as {
    stores: Array<{ id: string; connectionState: string }>;
    clusters: Array<{ id: string; kmsUser: { lockedOut: boolean } }>;
  };
}

describe(`${GUIDE}, followed top to bottom`, () => {
  test('shows the endpoint, the handling program, the manual fix and the fix scripts, in that order', () => {
    const order = [
      isServe,
      runsHandlingProgram,
      (c: PageCommand) => /kms-mock act set-kmsuser-password/.test(c.text),
      runsFixScript,
    ];
    const firstIndex = order.map((matches) => commands.findIndex(matches));
    expect(
      firstIndex.every((index) => index >= 0),
      commands.map((c) => c.text).join('\n'),
    ).toBe(true);
    expect([...firstIndex].sort((a, b) => a - b)).toEqual(firstIndex);
  });

  test('runs every command twice in one shell against one endpoint, and never dead-ends', { timeout: 1_200_000 }, async () => {
    for (const file of readdirSync(PROGRAMS).filter((name) => /\.(sh|py|go)$/.test(name))) {
      copyFileSync(join(PROGRAMS, file), join(workDir, file));
    }
    const serve = commands.find(isServe);
    expect(serve?.text, 'the page starts the endpoint with kms-mock serve, in the scenario this test expects').toContain(
      `--scenario ${SCENARIO}`,
    );
    const endpoint = await startServe(serve!);
    const shell = openShellSession({ cwd: workDir, env: readerEnvironment(endpoint), setup: standIns() });
    try {
      for (const walk of [1, 2]) {
        for (const command of commands) {
          if (isServe(command)) continue; // the reader keeps the one endpoint running
          if (command.skip) continue; // the page says it is not for this walk (your own test suite, a real account)
          const text = command.text.replaceAll(PAGE_ENDPOINT, endpoint);
          const result = await shell.run(text);
          const where = `walk ${walk}, ${command.page}:${command.line}\n${command.text}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
          expect(result.exitCode, where).toBe(0);
          const skippedGo = command.text.startsWith('go run') && goUnavailableReason() !== undefined;
          if (runsHandlingProgram(command) && !skippedGo) {
            if (/# ends with CONNECTED/.test(command.text))
              expect(result.stdout.trimEnd().endsWith('CONNECTED'), where).toBe(true);
            else expect(result.stdout, where).toMatch(/FAILED: USER_LOCKED_OUT\n.*\n\s+Not reconnecting/);
          }
          if (runsFixScript(command)) expect(result.stdout.trimEnd().endsWith('CONNECTED'), where).toBe(true);
        }
        const after = await world(endpoint);
        expect(after.stores.find((s) => s.id === WORLD_IDS.cloudHsmStoreId)?.connectionState, `after walk ${walk}`).toBe(
          'CONNECTED',
        );
        expect(after.clusters.find((c) => c.id === WORLD_IDS.clusterId)?.kmsUser.lockedOut, `after walk ${walk}`).toBe(false);
      }
    } finally {
      shell.close();
    }
  });
});
