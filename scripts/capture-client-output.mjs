#!/usr/bin/env node
// Records what real clients print in every scenario of the catalog, as test data for diagnose():
// for each scenario, `kms-mock serve --scenario <id>` is started, the scenario's trigger is sent
// with the AWS CLI, boto3 and the Go SDK v2 (its error as each prints it, the world reset between
// them), then DescribeCustomKeyStores is printed in every AWS CLI output format, with --query, and
// as boto3's response dict. Writes test/unit/diagnose/captures/<scenario>/<format>.txt, replacing
// what was there, so re-running it after the catalog changes is all it takes.
//
//   npm run capture:clients            (every scenario)
//   npm run capture:clients -- healthy user-logged-in
//
// Needs Debian's clients: bash scripts/install-aws-clients.sh (awscli, python3-boto3, golang, the Go SDK).
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The kms-mock servers still running, stopped however this script ends. */
const running = new Set();
const stopServers = () => {
  for (const child of running) child.kill('SIGTERM');
};
process.on('exit', stopServers);
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    stopServers();
    process.exit(1);
  });

async function captureAll(onlyIds) {
  const { scenarios } = await import('kms-custom-key-store-mock/scenarios');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const programs = join(root, 'test/unit/diagnose/capture');
  const capturesDir = join(root, 'test/unit/diagnose/captures');
  for (const tool of ['/usr/bin/aws', '/usr/bin/python3', '/usr/bin/go'])
    if (!existsSync(tool)) throw new Error(`${tool} is missing: run bash scripts/install-aws-clients.sh as root.`);

  const goBinary = await buildGoProgram(join(programs, 'call_kms.go'));
  const selected = onlyIds.length > 0 ? scenarios.filter((s) => onlyIds.includes(s.id)) : scenarios;
  if (onlyIds.length === 0) rmSync(capturesDir, { recursive: true, force: true });
  const queue = [...selected];
  const worker = async () => {
    for (let scenario = queue.shift(); scenario; scenario = queue.shift()) {
      const files = await captureScenario(root, programs, goBinary, scenario);
      const dir = join(capturesDir, scenario.id);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const [format, text] of Object.entries(files)) writeFileSync(join(dir, `${format}.txt`), text.trimEnd() + '\n');
      console.log(`${scenario.id}: ${Object.keys(files).join(', ')}`);
    }
  };
  await Promise.all([worker(), worker()]);
}

/** The trigger's input as JSON, blobs as base64 (what --cli-input-json, boto3 and Go's []byte all take). */
const inputJson = (input) =>
  JSON.stringify(input, (_key, value) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value));

async function captureScenario(root, programs, goBinary, scenario) {
  const failsWithError = scenario.expected.error !== undefined;
  // An error scenario's world before its trigger, so each client meets the error itself; the others
  // (a connection error's FAILED store, the healthy baseline) after it, as the reader finds them.
  const server = await serve(root, scenario.id, failsWithError);
  try {
    const env = clientEnvironment(server.url, scenario.world().region);
    const files = {};
    if (failsWithError) {
      const { operation, input } = scenario.trigger;
      const cliCommand = operation.replace(/[A-Z]/g, (c, i) => (i === 0 ? '' : '-') + c.toLowerCase());
      files['aws-cli-error'] = (
        await run('/usr/bin/aws', ['--endpoint-url', server.url, 'kms', cliCommand, '--cli-input-json', inputJson(input)], env)
      ).stderr;
      await reset(server.url);
      files['boto3-error'] = (
        await run('/usr/bin/python3', [join(programs, 'call_kms.py'), operation, inputJson(input)], env)
      ).stderr;
      await reset(server.url);
      files['go-error'] = (await run(goBinary, [operation, inputJson(input)], env)).stderr;
    }
    const describe = (...args) =>
      run('/usr/bin/aws', ['--endpoint-url', server.url, 'kms', 'describe-custom-key-stores', ...args], env).then(
        (r) => r.stdout + r.stderr,
      );
    for (const format of ['json', 'text', 'table', 'yaml']) files[`describe-${format}`] = await describe('--output', format);
    files['describe-query-text'] = await describe(
      '--query',
      'CustomKeyStores[].[CustomKeyStoreId,ConnectionState,ConnectionErrorCode]',
      '--output',
      'text',
    );
    files['describe-query-json'] = await describe(
      '--query',
      'CustomKeyStores[].{Id:CustomKeyStoreId,State:ConnectionState,Error:ConnectionErrorCode}',
      '--output',
      'json',
    );
    const boto3 = await run('/usr/bin/python3', [join(programs, 'call_kms.py'), 'DescribeCustomKeyStores', '{}'], env);
    files['boto3-describe'] = boto3.stdout + boto3.stderr;
    return files;
  } finally {
    server.child.kill('SIGTERM');
  }
}

function clientEnvironment(endpoint, region) {
  return {
    PATH: '/usr/bin:/bin',
    HOME: tmpdir(),
    LANG: 'C.UTF-8',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'capture-does-not-need-a-real-secret',
    AWS_DEFAULT_REGION: region,
    AWS_REGION: region,
    // Three attempts in every client (the AWS CLI would otherwise make five), as the SDKs' default.
    AWS_MAX_ATTEMPTS: '3',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    KMS_ENDPOINT_URL: endpoint,
  };
}

function run(file, args, env, timeout = 180_000) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(new Error(`${file} did not run: ${error.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

async function buildGoProgram(source) {
  const gopath = mkdtempSync(join(tmpdir(), 'capture-go-'));
  const binary = join(gopath, 'call_kms');
  // GOPATH mode against Debian's Go SDK sources: no modules, no proxy, no download.
  const env = {
    PATH: '/usr/bin:/bin',
    HOME: gopath,
    GO111MODULE: 'off',
    GOPATH: `/usr/share/gocode:${gopath}`,
    GOCACHE: join(gopath, 'cache'),
    GOFLAGS: '',
    GOTOOLCHAIN: 'local',
  };
  const result = await new Promise((resolve) =>
    execFile('/usr/bin/go', ['build', '-o', binary, source], { env, timeout: 600_000 }, (error, _out, stderr) =>
      resolve({ error, stderr }),
    ),
  );
  if (result.error) throw new Error(`go build failed:\n${result.stderr}`);
  return binary;
}

/** Starts `kms-mock serve --scenario <id>` on a free port; resolves once it prints its endpoint. */
function serve(root, id, beforeTrigger) {
  const args = [
    join(root, 'scripts/kms-mock.mjs'),
    'serve',
    '--scenario',
    id,
    '--port',
    '0',
    ...(beforeTrigger ? ['--before-trigger'] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let output = '';
  return new Promise((resolve, reject) => {
    // Read to the end (the server prints again when it stops), so its stdout never breaks.
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url && output.includes('Ctrl+C')) resolve({ child, url });
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`kms-mock serve --scenario ${id} ended (${code}):\n${output}`)));
  });
}

async function reset(url) {
  const response = await fetch(`${url}/_mock/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`reset failed: ${response.status} ${await response.text()}`);
}

if (!process.execArgv.includes('--conditions=source')) {
  // The catalog is read from its TypeScript source (the package's `source` export condition).
  const child = spawn(
    process.execPath,
    ['--conditions=source', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  await captureAll(process.argv.slice(2));
}
