/**
 * The npm scripts on a Node older than 24, as on a machine where only `npm start` provisions
 * Node 24: each stops at once with the fix, instead of failing deep inside (`npm run build` on
 * Node 20 used to end with `Unknown file extension ".ts"`).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { plainShellEnvironment } from '../support/plain-shell';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The machine's PATH before provisioning (scripts/node24.sh records it), where `node` may be old. */
const systemShell = () => plainShellEnvironment({ PATH: process.env['KMS_ERRORS_SYSTEM_PATH'] ?? process.env['PATH'] });
const systemNodeMajor =
  Number(
    spawnSync('node', ['-p', 'process.versions.node.split(".")[0]'], { env: systemShell(), encoding: 'utf8' }).stdout.trim(),
  ) || 0;

describe.skipIf(systemNodeMajor >= 24)(`npm scripts on the machine's Node ${systemNodeMajor}`, () => {
  it.each(['build', 'typecheck', 'test:unit', 'mock'])('npm run %s stops with the fix in its message', (script) => {
    const run = spawnSync('npm', ['run', '--silent', script], {
      cwd: PROJECT_ROOT,
      env: systemShell(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`npm run ${script} needs Node.js 24 or later; this is Node ${systemNodeMajor}.`);
    expect(run.stderr).toContain('Fix: run `source scripts/node24.sh` in this shell');
    expect(run.stderr).not.toContain('Unknown file extension');
  });
});
