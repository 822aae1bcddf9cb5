/**
 * `kms-mock diagnose`, spawned as a reader runs it (`npm run mock -- diagnose` is `node
 * scripts/kms-mock.mjs diagnose`): a pipe from the AWS CLI or a file in, the page out; `--json` for
 * scripts; exit 0 with a candidate, 1 with none (the reason on standard error), 2 for a usage error.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../scripts/kms-mock.mjs');

function runCli(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'diagnose', ...args], {
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin!.end(input);
  });
}

const FAILED_STORE = [
  '----------------------------------------------------',
  '|              DescribeCustomKeyStores             |',
  '+--------------------------------------------------+',
  '||                 CustomKeyStores                ||',
  '|+-----------------------+------------------------+|',
  '||  CloudHsmClusterId    |  cluster-234example7   ||',
  '||  ConnectionErrorCode  |  USER_LOGGED_IN        ||',
  '||  ConnectionState      |  FAILED                ||',
  '||  CustomKeyStoreId     |  cks-1234567890abcdef0 ||',
  '||  CustomKeyStoreType   |  AWS_CLOUDHSM          ||',
  '|+-----------------------+------------------------+|',
].join('\n');

describe('kms-mock diagnose', () => {
  it('reads describe output piped in and prints the facts and the page', async () => {
    const { code, stdout } = await runCli([], FAILED_STORE);
    expect(code).toBe(0);
    expect(stdout).toContain('Read: store cks-1234567890abcdef0, AWS_CLOUDHSM, FAILED, USER_LOGGED_IN');
    expect(stdout).toContain('https://kms-errors.example.dev/scenarios/user-logged-in/');
  });

  it('--json prints facts, candidates best first with page and why, ambiguous and ask; --docs-url sets the pages', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kms-mock-diagnose-')), 'error.txt');
    writeFileSync(file, "CustomKeyStoreInvalidStateException: rejected\n  __type: 'CustomKeyStoreInvalidStateException'");
    const { code, stdout } = await runCli([file, '--json', '--docs-url', 'http://localhost:4321/']);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout) as {
      facts: object;
      candidates: { scenario: string; page: string; why: string }[];
      ambiguous: boolean;
      ask: string;
    };
    expect(answer.facts).toMatchObject({ exception: 'CustomKeyStoreInvalidStateException' });
    expect(answer.ambiguous).toBe(true);
    expect(answer.ask).toMatch(/Which call failed/);
    expect(answer.candidates.length).toBeGreaterThan(1);
    expect(Object.keys(answer.candidates[0]!).sort()).toEqual(['page', 'scenario', 'why']);
    expect(answer.candidates[0]!.page).toBe(`http://localhost:4321/scenarios/${answer.candidates[0]!.scenario}/`);
  });

  it('exits 1 with the reason on standard error when nothing matches, and prints nothing on standard output', async () => {
    const { code, stdout, stderr } = await runCli(
      [],
      'An error occurred (AccessDeniedException) when calling the Encrypt operation: not authorized',
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('AccessDeniedException is not one of the custom key store errors');
  });

  it('says what is wrong with a missing file or a bad option, exit 2', async () => {
    const missing = await runCli(['no-such-file.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read no-such-file.txt: no such file');
    const bad = await runCli(['--yaml'], '');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('kms-mock diagnose [file] [--json]');
  });
});
