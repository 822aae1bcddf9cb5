/**
 * The package as a user gets it: `npm pack` of src/mock, installed from the tarball into an empty
 * project next to msw, the SDK and Vitest. There the README's ten-line Vitest example runs and
 * passes, and `kms-mock` explains a code. A second empty project installs the tarball alone with
 * `npm install --omit=peer` (no MSW, as someone who only wants the endpoint for boto3 or Go has):
 * there `kms-mock serve` serves a scenario that the SDK reaches and stops cleanly on Ctrl+C.
 * Nothing from this repository is on the import path: only the tarball.
 */
import { execFile, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeCustomKeyStoresCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainShellEnvironment } from '../support/plain-shell';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGE_README = join(PROJECT_ROOT, 'src/mock/README.md');

const COMMAND_LIMIT_MS = 240_000;

function failure(command: string, args: readonly string[], cwd: string, end: unknown, stdout: string, stderr: string) {
  return new Error(`${command} ${args.join(' ')} failed (${String(end)}) in ${cwd}:\n${stdout}\n${stderr}`);
}

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: plainShellEnvironment(), encoding: 'utf8', timeout: COMMAND_LIMIT_MS });
  if (result.status !== 0) throw failure(command, args, cwd, result.status ?? result.signal, result.stdout, result.stderr);
  return result;
}

/** `run` without blocking, so that independent installs proceed side by side. */
function runAlongside(command: string, args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd, env: plainShellEnvironment(), encoding: 'utf8', timeout: COMMAND_LIMIT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(failure(command, args, cwd, error.code ?? error.signal, stdout, stderr)) : resolve(),
    );
  });
}

/** The version of a dependency installed here, so the empty project gets the same one. */
const installedVersion = (name: string) =>
  (JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** The README's example: the first TypeScript block under "A test in ten lines". */
function readmeExample(): string {
  const readme = readFileSync(PACKAGE_README, 'utf8');
  const section = readme.slice(readme.indexOf('## A test in ten lines'));
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (!block?.[1]) throw new Error('src/mock/README.md has no ```ts block under "## A test in ten lines".');
  return block[1];
}

let workDir: string;
let userProject: string;
/** The tarball installed with `npm install --omit=peer`: no MSW. */
let cliOnlyProject: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'kms-mock-tarball-'));
  const packDir = join(workDir, 'pack');
  mkdirSync(packDir);
  // prepack builds dist/ with tsc: the tarball holds the build, not the TypeScript sources.
  run(
    'npm',
    ['pack', '--workspace', 'kms-custom-key-store-mock', '--pack-destination', packDir, '--loglevel=error'],
    PROJECT_ROOT,
  );
  const tarball = readdirSync(packDir).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${packDir}`);

  userProject = join(workDir, 'user-project');
  mkdirSync(userProject);
  writeFileSync(
    join(userProject, 'package.json'),
    JSON.stringify(
      {
        name: 'uses-kms-mock',
        private: true,
        type: 'module',
        // Vitest's esbuild has the only install script; vite 8.4's new Windows-only optional
        // dependency is missing from the registry these machines reach, hence the pin.
        allowScripts: { esbuild: true },
        overrides: { vite: installedVersion('vite') },
      },
      null,
      2,
    ),
  );
  // As the README says: the tarball copied into the project, installed by its relative path.
  copyFileSync(join(packDir, tarball), join(userProject, tarball));
  cliOnlyProject = join(workDir, 'cli-only');
  mkdirSync(cliOnlyProject);
  writeFileSync(join(cliOnlyProject, 'package.json'), JSON.stringify({ name: 'uses-kms-mock-cli', private: true }, null, 2));

  // The two installs are independent; --prefer-offline takes what npm's cache holds without asking the registry again.
  const installFlags = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
  const userInstall = runAlongside(
    'npm',
    [
      'install',
      ...installFlags,
      `./${tarball}`,
      `msw@${installedVersion('msw')}`,
      `@aws-sdk/client-kms@${installedVersion('@aws-sdk/client-kms')}`,
      `vitest@${installedVersion('vitest')}`,
    ],
    userProject,
  );
  const cliOnlyInstall = runAlongside('npm', ['install', '--omit=peer', ...installFlags, join(packDir, tarball)], cliOnlyProject);
  await Promise.all([userInstall, cliOnlyInstall]);
}, 300_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the packed kms-custom-key-store-mock in an empty project', () => {
  it('holds the build and the README, not the sources or tests', () => {
    const installed = join(userProject, 'node_modules', 'kms-custom-key-store-mock');
    const files = readdirSync(installed, { recursive: true }).map(String);
    expect(files).toContain('README.md');
    expect(files).toContain(join('dist', 'index.js'));
    expect(files).toContain(join('dist', 'index.d.ts'));
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
  });

  it("runs the README's ten-line Vitest example, and it passes", () => {
    writeFileSync(join(userProject, 'connect.test.ts'), readmeExample());
    const result = run('npx', ['vitest', 'run', '--reporter=verbose'], userProject);
    expect(result.stdout).toContain('refuses to connect a FAILED store');
    expect(result.stdout).toMatch(/Tests\s+1 passed/);
  });

  it('fails the example when the mock says something else (the run above can fail)', () => {
    const wrong = readmeExample().replace("'CustomKeyStoreInvalidStateException'", "'SomeOtherException'");
    writeFileSync(join(userProject, 'connect.test.ts'), wrong);
    const result = spawnSync('npx', ['vitest', 'run'], {
      cwd: userProject,
      env: plainShellEnvironment(),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/Tests\s+1 failed/);
    writeFileSync(join(userProject, 'connect.test.ts'), readmeExample());
  });

  it("packs the tarball the README's install line names", () => {
    expect(readFileSync(PACKAGE_README, 'utf8')).toContain(
      `npm install -D ./${readdirSync(userProject).find((file) => file.endsWith('.tgz'))} msw@^3 @aws-sdk/client-kms`,
    );
  });

  it('`npx -p kms-custom-key-store-mock kms-mock explain` prints a code’s cause, the page’s steps and the fix; --version the version', () => {
    const result = run('npx', ['-p', 'kms-custom-key-store-mock', 'kms-mock', 'explain', 'USER_LOCKED_OUT'], userProject);
    expect(result.stdout).toContain('USER_LOCKED_OUT');
    expect(result.stdout).toMatch(/kmsuser/);
    expect(result.stdout).toContain('Stop whatever is retrying');
    const version = run('npx', ['-p', 'kms-custom-key-store-mock', 'kms-mock', '--version'], userProject);
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(join(userProject, 'node_modules', 'kms-custom-key-store-mock', 'package.json'), 'utf8')).version,
    );
  });

  it('`npx kms-mock diagnose` reads a file (plain and --json) and standard input, and exits 1 when nothing matches', () => {
    const describeOutput = JSON.stringify({
      CustomKeyStores: [
        {
          CustomKeyStoreId: 'cks-1234567890abcdef0',
          ConnectionState: 'FAILED',
          ConnectionErrorCode: 'USER_LOCKED_OUT',
          CustomKeyStoreType: 'AWS_CLOUDHSM',
        },
      ],
    });
    writeFileSync(join(userProject, 'describe.json'), describeOutput);
    const plain = run('npx', ['kms-mock', 'diagnose', 'describe.json'], userProject);
    expect(plain.stdout).toContain('/scenarios/user-locked-out/');
    const json = JSON.parse(run('npx', ['kms-mock', 'diagnose', 'describe.json', '--json'], userProject).stdout) as {
      candidates: { scenario: string }[];
      ambiguous: boolean;
    };
    expect(json.candidates[0]?.scenario).toBe('user-locked-out');
    expect(json.ambiguous).toBe(false);
    const piped = spawnSync('npx', ['kms-mock', 'diagnose', '--json'], {
      cwd: userProject,
      env: plainShellEnvironment(),
      encoding: 'utf8',
      input: 'TypeError: x is undefined',
      timeout: 120_000,
    });
    expect(piped.status).toBe(1);
    expect(piped.stderr).toMatch(/not an answer from KMS/);
  });

  it('installed with --omit=peer (no MSW), `kms-mock serve --scenario` serves the scenario to the SDK and stops on Ctrl+C', async () => {
    expect(existsSync(join(cliOnlyProject, 'node_modules', 'msw')), 'msw is an optional peer: --omit=peer leaves it out').toBe(
      false,
    );
    // The bin itself, not npx: a terminal's Ctrl+C reaches every process of the foreground group,
    // and npx does not forward a SIGINT sent to it alone.
    const server = spawn(
      join(cliOnlyProject, 'node_modules', '.bin', 'kms-mock'),
      ['serve', '--scenario', 'connect-while-failed', '--port', '0'],
      {
        cwd: cliOnlyProject,
        env: plainShellEnvironment(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`kms-mock serve printed no endpoint in 60 s:\n${output}`)), 60_000);
        server.stdout.on('data', () => {
          const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
          if (url) {
            clearTimeout(timer);
            resolve(url);
          }
        });
        void exited.then((code) => reject(new Error(`kms-mock serve exited (${code}):\n${output}`)));
      });
      const kms = new KMSClient({
        endpoint,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
        maxAttempts: 1,
      });
      const { CustomKeyStores } = await kms.send(
        new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: 'cks-1234567890abcdef0' }),
      );
      kms.destroy();
      expect(CustomKeyStores?.[0]?.ConnectionState).toBe('FAILED');
    } finally {
      if (server.pid !== undefined && server.exitCode === null) process.kill(server.pid, 'SIGINT');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('kms-mock: stopped.');
  });
});
