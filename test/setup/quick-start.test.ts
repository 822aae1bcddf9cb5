/**
 * The README's first command, as a newcomer runs it: `npm start` in a fresh clone, from a plain
 * shell (no npm configuration inherited, the machine's own PATH, so an old system Node is
 * provisioned exactly as on a new machine). The site must come up, the first visit to the
 * playground on that cold dev server (a fresh clone has no Vite cache) must load once and run the
 * reader's code, and a second start must be quick and change nothing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { outputText, runAndWait } from '../support/playground-page';
import { encodeCodeHash } from '../../src/playground/share/code-hash.ts';
import { plainShellEnvironment } from '../support/plain-shell';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_LIMIT_MS = 240_000;

interface StartedSite {
  process: ChildProcess;
  output: () => string;
  origin: string;
}

/** A plain terminal's environment with the PATH before provisioning, as on a new machine. */
const shellEnvironment = () =>
  plainShellEnvironment({ PATH: process.env['KMS_ERRORS_SYSTEM_PATH'] ?? process.env['PATH'], ASTRO_TELEMETRY_DISABLED: '1' });

function freePort(): Promise<number> {
  return new Promise((found, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? found(address.port) : fail(new Error('no port'))));
    });
  });
}

async function status(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

function systemNodeMajor(): number {
  const probe = spawnSync('node', ['-p', 'process.versions.node.split(".")[0]'], { env: shellEnvironment(), encoding: 'utf8' });
  return Number(probe.stdout.trim()) || 0;
}

async function startSite(cloneDir: string): Promise<StartedSite> {
  const port = await freePort();
  let output = '';
  // Its own process group, so that stopping it stops npm, the dev server and anything they forked.
  const child = spawn('npm', ['start', '--', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: cloneDir,
    env: shellEnvironment(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { process: child, output: () => output, origin: `http://127.0.0.1:${port}` };
}

async function waitUntilServing(site: StartedSite, paths: readonly string[]): Promise<Record<string, number | undefined>> {
  const deadline = Date.now() + START_LIMIT_MS;
  while (Date.now() < deadline) {
    if (site.process.exitCode !== null) throw new Error(`npm start exited with ${site.process.exitCode}:\n${site.output()}`);
    if ((await status(site.origin + paths[0])) === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const statuses: Record<string, number | undefined> = {};
  for (const path of paths) statuses[path] = await status(site.origin + path);
  return statuses;
}

function stop(site: StartedSite): Promise<void> {
  const pid = site.process.pid;
  // A process killed by a signal keeps exitCode null, so both fields say whether it has gone.
  const gone = () => site.process.exitCode !== null || site.process.signalCode !== null;
  if (pid === undefined || gone()) return Promise.resolve();
  return new Promise((stopped) => {
    site.process.once('exit', () => stopped());
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // The group ended between the check and the signal.
      stopped();
      return;
    }
    setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000).unref();
  });
}

describe('npm start in a fresh clone', () => {
  let cloneDir: string;
  const started: StartedSite[] = [];

  beforeAll(() => {
    cloneDir = mkdtempSync(join(tmpdir(), 'kms-errors-quick-start-'));
    const clone = spawnSync('git', ['clone', '--quiet', PROJECT_ROOT, cloneDir], { encoding: 'utf8' });
    if (clone.status !== 0) throw new Error(`git clone failed: ${clone.stderr}`);
  });

  // Removing the clone (its node_modules and Node 24) takes minutes on a busy 2-core machine.
  afterAll(async () => {
    await Promise.all(started.map(stop));
    rmSync(cloneDir, { recursive: true, force: true });
  }, 300_000);

  // One test, as a reader does it: the second start is only meaningful after the first, and tests
  // run in a random order.
  it(
    'installs what it needs and serves the home page and the playground; started again, installs nothing and leaves the clone unchanged',
    { timeout: 2 * START_LIMIT_MS + 180_000 },
    async () => {
      await firstStart();
      await secondStart();
    },
  );

  async function firstStart() {
    const site = await startSite(cloneDir);
    started.push(site);
    expect((await waitUntilServing(site, ['/']))['/'], site.output()).toBe(200);

    // The reader's first visit: before anything else has loaded the playground's modules, so Vite
    // meets the run worker's imports now. A late discovery re-optimises them, answers 504
    // "Outdated Optimize Dep" and reloads the page, losing the reader's first Run.
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      let documentLoads = 0;
      const failures: string[] = [];
      page.on('load', () => (documentLoads += 1));
      page.on('response', (response) => {
        if (response.status() >= 500) failures.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(
        `${site.origin}/playground/?scenario=healthy${encodeCodeHash("console.log('first run on a cold dev server');")}`,
      );
      await page.waitForSelector('kms-playground[data-editor="ready"]', { timeout: 120_000 });
      await runAndWait(page, 120_000);
      expect(await outputText(page)).toContain('first run on a cold dev server');
      expect({ documentLoads, failures }, site.output()).toEqual({ documentLoads: 1, failures: [] });
    } finally {
      await browser.close();
    }

    const statuses = await waitUntilServing(site, ['/', '/playground/', '/scenarios/user-logged-in/']);
    expect(statuses, site.output()).toEqual({ '/': 200, '/playground/': 200, '/scenarios/user-logged-in/': 200 });
    // On a machine whose own Node is older than 24, the first start must have provisioned it.
    if (systemNodeMajor() < 24) expect(site.output()).toContain('installing node@24 into .tools/node24');
    await stop(site);
    expect(site.process.exitCode === null && site.process.signalCode === null).toBe(false);
  }

  async function secondStart() {
    const site = await startSite(cloneDir);
    started.push(site);
    const statuses = await waitUntilServing(site, ['/']);
    expect(statuses['/'], site.output()).toBe(200);
    await stop(site);
    expect(site.output()).not.toMatch(/installing node@24|› npm ci/);
    const changes = spawnSync('git', ['status', '--porcelain'], { cwd: cloneDir, encoding: 'utf8' }).stdout;
    expect(changes).toBe('');
  }
});
