/**
 * Every AWS CLI command a scenario page shows runs, with the real AWS CLI v2 (Debian's
 * /usr/bin/aws), against the mock's HTTP endpoint started in that page's scenario, in page order;
 * where the page shows the output, the real output must match it. The rules (marks, matching)
 * are in ./page-commands.ts.
 */
import { afterAll, describe, expect } from 'vitest';
import {
  markProblem,
  matchOutput,
  pageCommands,
  regionOf,
  scenarioPages,
  worldActionOf,
  type PageCommand,
} from './page-commands';
import { REPO_ROOT, runShellCommand, test } from './aws-clients';

const pages = scenarioPages(REPO_ROOT);
const tally = { ran: 0, notSimulated: 0, notRunHere: 0 };

async function applyStandIn(endpoint: string, standIn: string) {
  const response = await fetch(`${endpoint}/_mock/act`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(worldActionOf(standIn)),
  });
  if (!response.ok) throw new Error(`${standIn} → HTTP ${response.status}: ${await response.text()}`);
}

const where = (command: PageCommand) => `${command.page}:${command.line}`;

describe('CLI commands on the scenario pages', () => {
  afterAll(() => {
    const skipped = tally.notSimulated + tally.notRunHere;
    console.log(
      `Page commands: ran ${tally.ran}, skipped ${skipped} (${tally.notSimulated} not simulated by the mock, ${tally.notRunHere} not for this page's scenario), on ${pages.length} scenario pages.`,
    );
  });

  test('finds the pages and their commands', () => {
    expect(pages.length).toBeGreaterThan(30);
    expect(
      pages.flatMap((p) => p.commands).filter((c) => c.awsCalls.some((call) => call.startsWith('kms '))).length,
    ).toBeGreaterThan(60);
  });

  test('marks every command the mock cannot run, and only those', () => {
    const problems = pages
      .flatMap((p) => p.commands)
      .flatMap((c) => {
        const problem = markProblem(c);
        return problem ? [`${where(c)} ${c.text.split('\n')[0]} … ${problem}`] : [];
      });
    expect(problems).toEqual([]);
  });

  // Each page has an endpoint of its own, so pages run side by side: a page runs one CLI process
  // at a time (most of it Python starting up), which alone keeps one core busy.
  describe.concurrent.each(pages.filter((p) => p.commands.length > 0))('$page', ({ scenarioId, commands }) => {
    test(
      `runs its commands in order against scenario ${scenarioId}`,
      { timeout: 300_000 },
      async ({ expect, scenarioEndpoint }) => {
        const server = await scenarioEndpoint(scenarioId);
        for (const command of commands) {
          if (command.skip) {
            tally[command.skip.kind === 'not-simulated' ? 'notSimulated' : 'notRunHere'] += 1;
            if (command.standIn) await applyStandIn(server.url, command.standIn);
            continue;
          }
          const result = await runShellCommand(command.text, server.url, regionOf(command.text));
          tally.ran += 1;
          const mismatch = matchOutput(command.expectedOutput, result);
          expect(mismatch, `${where(command)}\n${command.text}`).toBeUndefined();
        }
      },
    );
  });
});

describe('reading the commands out of a page', () => {
  const page = [
    'Some prose with `aws kms list-keys` inline, which is not a command.',
    '',
    '1. A step:',
    '',
    '   ```sh',
    '   aws kms describe-custom-key-stores --region eu-west-1 \\',
    "     --query 'CustomKeyStores[0].ConnectionState' --output text",
    '   # FAILED',
    '',
    '   # not simulated by the mock: AWS CloudTrail',
    '   aws cloudtrail lookup-events --max-results 5',
    '   # not simulated by the mock: Amazon EC2; in the mock: kms-mock act free-subnet-addresses --cluster-id cluster-234example7',
    '   aws ec2 delete-network-interface --network-interface-id eni-0123456789abcdef0',
    '   for key in $(aws kms list-keys --query Keys[].KeyId --output text); do',
    '     aws kms describe-key --key-id "$key"',
    '   done | grep cks-1234567890abcdef0',
    '   curl -sS https://xks.example.com/',
    '   aws ec2 describe-subnets',
    '   ```',
    '',
    '```text',
    'aws kms not-a-shell-block',
    '```',
  ].join('\n');
  const commands = pageCommands(page, 'example.mdx');

  test('takes every AWS CLI command of the shell blocks, continuations and loops whole, at its line', () => {
    expect(commands.map((c) => [c.line, c.awsCalls])).toEqual([
      [6, ['kms describe-custom-key-stores']],
      [11, ['cloudtrail lookup-events']],
      [13, ['ec2 delete-network-interface']],
      [14, ['kms list-keys', 'kms describe-key']],
      [18, ['ec2 describe-subnets']],
    ]);
    expect(commands[0]!.text).toBe(
      "aws kms describe-custom-key-stores --region eu-west-1 \\\n  --query 'CustomKeyStores[0].ConnectionState' --output text",
    );
    expect(regionOf(commands[0]!.text)).toBe('eu-west-1');
    expect(regionOf(commands[3]!.text)).toBe('us-east-1');
  });

  test('reads the promised output and the marks', () => {
    expect(commands[0]!.expectedOutput).toEqual(['FAILED']);
    expect(commands[1]!.skip).toEqual({ kind: 'not-simulated', reason: 'AWS CloudTrail' });
    expect(worldActionOf(commands[2]!.standIn!)).toEqual({ type: 'free-subnet-addresses', clusterId: 'cluster-234example7' });
    expect(commands.map(markProblem).map((problem) => problem !== undefined)).toEqual([false, false, false, false, true]);
    expect(markProblem(commands[4]!)).toMatch(/aws ec2 describe-subnets, which the mock does not simulate, and has no/);
  });
});

describe('the output matching rule', () => {
  const ok = (stdout: string) => ({ exitCode: 0, stdout, stderr: '' });
  test('compares text output line by line, any run of blanks being one space', () => {
    expect(matchOutput(['FAILED  USER_LOCKED_OUT'], ok('FAILED\tUSER_LOCKED_OUT\n'))).toBeUndefined();
    expect(matchOutput(['FAILED  USER_LOCKED_OUT'], ok('DISCONNECTED\n'))).toMatch(/expected output/);
  });
  test('compares what the CLI prints: `Key: value` lines do not stand for JSON output', () => {
    const json = JSON.stringify({ State: 'ACTIVE', HsmCount: 0 }, null, 4);
    expect(matchOutput(['State: ACTIVE', 'HsmCount: 0'], ok(json))).toMatch(/expected output/);
    expect(matchOutput(['{', '"State": "ACTIVE",', '"HsmCount": 0', '}'], ok(json))).toBeUndefined();
  });
  test('expects a failure and the error name in stderr when the page shows an error', () => {
    const failed = {
      exitCode: 254,
      stdout: '',
      stderr: 'An error occurred (CustomKeyStoreInvalidStateException) when calling …',
    };
    expect(matchOutput(['An error occurred (CustomKeyStoreInvalidStateException) when calling …'], failed)).toBeUndefined();
    expect(matchOutput(['CustomKeyStoreInvalidStateException'], ok('{}'))).toMatch(/exited 0/);
    expect(matchOutput([], failed)).toMatch(/exited 254/);
  });
});
