/**
 * `--state <file>`: a restarted server goes on where the last one stopped, in every account; a file
 * that is damaged or someone else's stops the start with a clear error and is left as it was; the
 * CLI's server saves its last change when stopped with SIGTERM.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CreateKeyCommand, DescribeKeyCommand, DisconnectCustomKeyStoreCommand, ListKeysCommand } from '@aws-sdk/client-kms';
import { afterAll, describe, expect, it } from 'vitest';
import { WORLD_IDS } from 'kms-custom-key-store-mock/core';
import { StateFileError } from 'kms-custom-key-store-mock/node';
import { describeStore } from 'kms-custom-key-store-mock/driver';
import { fastClient } from '../support/kms-client';
import { useKmsHttpServer } from '../support/mock-over-http';

const kit = useKmsHttpServer();
const directories: string[] = [];
// After all: the kit closes each test's servers after it, and a closing server saves its state.
afterAll(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});
function stateFile(): string {
  const directory = mkdtempSync(join(tmpdir(), 'kms-mock-state-'));
  directories.push(directory);
  return join(directory, 'worlds.json');
}
const WORKER = '123456789012';
const inAccount = (endpoint: string, accessKeyId: string) =>
  fastClient({ endpoint, credentials: { accessKeyId, secretAccessKey: 'x' } });

describe('a restart', () => {
  it('continues every account where it stopped; reset still goes back to the scenario', async () => {
    const file = stateFile();
    const first = await kit.serve({ scenario: 'healthy', stateFile: file });
    await inAccount(first.url, 'test').send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: WORLD_IDS.cloudHsmStoreId }));
    const { KeyMetadata } = await inAccount(first.url, WORKER).send(
      new CreateKeyCommand({ Description: 'made before the restart' }),
    );
    first.mock.advanceTime(7 * 86_400_000);
    const clockBefore = first.mock.now();
    await first.close();
    expect(readdirSync(join(file, '..'))).toEqual(['worlds.json']);

    const second = await kit.serve({ scenario: 'healthy', stateFile: file });
    expect((await describeStore(inAccount(second.url, 'test'), WORLD_IDS.cloudHsmStoreId))?.ConnectionState).toMatch(
      /^DISCONNECT/,
    );
    const described = await inAccount(second.url, WORKER).send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId! }));
    expect(described.KeyMetadata).toMatchObject({ Description: 'made before the restart', AWSAccountId: WORKER });
    expect(second.mock.now()).toBeGreaterThanOrEqual(clockBefore);

    second.account(WORKER).reset();
    const keysAfterReset = (await inAccount(second.url, WORKER).send(new ListKeysCommand({}))).Keys!.map((key) => key.KeyId);
    expect(keysAfterReset).not.toContain(KeyMetadata!.KeyId);
  });
});

describe('a state file that is not ours', () => {
  it.each([
    ['damaged', '{"kind": "kms-mock-state", "version": 1, "accou', /is not JSON/],
    ['foreign', JSON.stringify({ name: 'my-app', dependencies: {} }), /is not a kms-mock state file/],
    ['from another version', JSON.stringify({ kind: 'kms-mock-state', version: 99, savedAt: 0, accounts: {} }), /version 99/],
    [
      'holding a damaged world',
      JSON.stringify({
        kind: 'kms-mock-state',
        version: 1,
        savedAt: 0,
        accounts: { [WORKER]: { world: {}, start: {}, now: 0 } },
      }),
      /damaged world for account "123456789012"/,
    ],
  ])('%s: the server does not start, says why, and leaves the file as it was', async (_what, content, says) => {
    const file = stateFile();
    writeFileSync(file, content);
    const error = await kit.serve({ scenario: 'healthy', stateFile: file }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StateFileError);
    expect((error as Error).message).toMatch(says);
    expect((error as Error).message).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });
});

describe('kms-mock serve --state', () => {
  it('has saved the last change when stopped with SIGTERM', async () => {
    const file = stateFile();
    const cli = join(import.meta.dirname, '../../scripts/kms-mock.mjs');
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--state', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let url: string | undefined;
      for await (const line of createInterface({ input: child.stdout! })) {
        url ??= /at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
        if (line.includes('Ctrl+C')) break;
      }
      await inAccount(url!, WORKER).send(new CreateKeyCommand({ Description: 'the last change' }));
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.accounts[WORKER].world.keys.map((key: { description: string }) => key.description)).toContain('the last change');
    expect(existsSync(`${file}.${child.pid}.tmp`)).toBe(false);
  });
});
