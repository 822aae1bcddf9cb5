// The mock's HTTP endpoint (src/mock/node) measured side by side with the floor: a bare node:http server
// that answers every request with one fixed KMS JSON body. Each server runs in its own child process; this
// process is the load generator (keep-alive agent, unsigned AWS JSON 1.1 requests, which the mock accepts).
//  - req/s and p50/p99 latency for DescribeCustomKeyStores and Encrypt, at concurrency 1 and 8 (best of
//    5 alternating rounds per server: the machine may be shared);
//  - each server's own CPU time per request (µs; robust when other work shares the machine);
//  - each server's RSS and heap after warm-up and after 100,000 more requests, for the mock once with one
//    account and once spread over 50 accounts (each a world of its own; flat = bounded logs and worlds);
//  - whether the goals are met: at least 0.8× the bare server's req/s at concurrency 8, p50 under 1 ms at 1.
// Prints the figures and writes bench-results/endpoint.json. A script, not a test: it asserts nothing.
//   node scripts/bench-endpoint.mjs [--requests 20000] [--memory-requests 100000]
// From scripts/bench.mjs: `const { benchEndpoint, printEndpointResults } = await import('./bench-endpoint.mjs');`
// then `results.endpoint = await benchEndpoint(); printEndpointResults(results.endpoint);`
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { Agent, createServer, request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_BUNDLE = join(projectRoot, '.build/bench-endpoint-server.mjs');
const CLOUDHSM_KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const ROUNDS = 5;
const SPREAD_ACCOUNTS = 50;
// The mock keeps each account's newest 1,000 requests (the core's default request log limit).
const REQUEST_LOG_LIMIT = 1_000;
const GOAL_RATIO_AT_8 = 0.8;
const GOAL_P50_MS_AT_1 = 1;

const OPERATIONS = {
  DescribeCustomKeyStores: '{}',
  Encrypt: JSON.stringify({ KeyId: CLOUDHSM_KEY, Plaintext: Buffer.from('benchmark plaintext').toString('base64') }),
};
// What the bare server answers to everything: a DescribeCustomKeyStores-sized KMS body.
const FIXED_BODY = JSON.stringify({
  CustomKeyStores: [
    {
      CustomKeyStoreId: 'cks-1234567890abcdef0',
      CustomKeyStoreName: 'payments-hsm-store',
      CloudHsmClusterId: 'cluster-234example7',
      ConnectionState: 'CONNECTED',
      CreationDate: 1791020632.484,
      CustomKeyStoreType: 'AWS_CLOUDHSM',
    },
  ],
});

// ── child process: one server ──────────────────────────────────────────────────────────────────────
async function serveInChild(kind) {
  let close;
  let port;
  if (kind === 'bare') {
    const server = createServer({ keepAlive: true }, (request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, {
          'content-type': 'application/x-amz-json-1.1',
          'content-length': Buffer.byteLength(FIXED_BODY),
        });
        response.end(FIXED_BODY);
      });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = server.address().port;
    close = () => new Promise((resolve) => (server.close(resolve), server.closeAllConnections()));
  } else {
    const { startKmsMockServer, getScenario } = await import(pathToFileURL(SERVER_BUNDLE).href);
    const server = await startKmsMockServer({ port: 0, scenario: getScenario('healthy') });
    port = server.port;
    close = () => server.close();
  }
  process.on('message', async (message) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send({ cpuMicros: user + system });
    } else if (message === 'memory') {
      globalThis.gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      process.send({ rss, heapUsed });
    } else if (message === 'stop') {
      await close();
      process.exit(0);
    }
  });
  process.send({ port });
}

// ── parent: build, fork, load ──────────────────────────────────────────────────────────────────────
async function bundleMockServer() {
  const { build } = await import('esbuild');
  mkdirSync(dirname(SERVER_BUNDLE), { recursive: true });
  await build({
    stdin: {
      contents:
        "export { startKmsMockServer } from './src/mock/node/index.ts';\nexport { getScenario } from './src/mock/scenarios/index.ts';\n",
      resolveDir: projectRoot,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    outfile: SERVER_BUNDLE,
    logLevel: 'warning',
  });
}

// BENCH_ENDPOINT_PROFILE=<dir> writes a CPU profile of each server process there (open it in Chrome DevTools).
const PROFILE_DIR = process.env.BENCH_ENDPOINT_PROFILE;

function startChild(kind) {
  const execArgv = [
    '--expose-gc',
    ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${kind}.cpuprofile`] : []),
  ];
  const child = fork(fileURLToPath(import.meta.url), ['--serve', kind], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () => new Promise((resolve) => child.once('message', resolve));
  return next().then(({ port }) => ({
    port,
    memory: () => (child.send('memory'), next()),
    cpuMicros: () => (child.send('cpu'), next()).then(({ cpuMicros }) => cpuMicros),
    stop: () => new Promise((resolve) => (child.once('exit', resolve), child.send('stop'))),
  }));
}

/**
 * The header that puts a request in an account: the server reads the access key id from the SigV4
 * scope (it does not verify the signature unless started with credentials).
 */
const inAccount = (accountId) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=${accountId}/20261205/eu-west-1/kms/aws4_request, SignedHeaders=host, Signature=0`,
});

function send(agent, port, operation, accountId) {
  return new Promise((resolve, reject) => {
    const body = OPERATIONS[operation];
    const request = httpRequest(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `TrentService.${operation}`,
          'content-length': Buffer.byteLength(body),
          ...(accountId ? inAccount(accountId) : {}),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode === 200 ? resolve() : reject(new Error(`${operation}: HTTP ${response.statusCode}`)),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * `total` requests, `concurrency` at a time over keep-alive connections; req/s and latency percentiles.
 * With `accounts`, request i goes to account i mod accounts (12-digit access key ids).
 */
async function load(port, operation, concurrency, total, accounts = 0) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = new Float64Array(total);
  let started = 0;
  const begin = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < total) {
        const index = started++;
        const t0 = process.hrtime.bigint();
        await send(agent, port, operation, accounts > 0 ? String(100_000_000_000 + (index % accounts)) : undefined);
        latencies[index] = Number(process.hrtime.bigint() - t0) / 1e6;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
  agent.destroy();
  latencies.sort();
  const at = (q) => latencies[Math.min(total - 1, Math.floor(q * total))];
  return {
    requests: total,
    requestsPerSecond: Math.round(total / seconds),
    p50Ms: +at(0.5).toFixed(3),
    p99Ms: +at(0.99).toFixed(3),
  };
}

export async function benchEndpoint({ requests = 20_000, memoryRequests = 100_000 } = {}) {
  await bundleMockServer();
  const servers = { bare: await startChild('bare'), mock: await startChild('mock') };
  try {
    const throughput = [];
    for (const operation of Object.keys(OPERATIONS)) {
      for (const concurrency of [1, 8]) {
        const row = { operation, concurrency };
        for (const server of Object.values(servers)) await load(server.port, operation, concurrency, Math.min(2_000, requests)); // warm-up
        // The machine is shared: the servers take turns for ROUNDS rounds and each keeps its best round,
        // so that a burst of someone else's work lands on both sides rather than on one.
        for (let round = 0; round < ROUNDS; round++) {
          for (const [kind, server] of Object.entries(servers)) {
            const cpuBefore = await server.cpuMicros();
            const result = await load(server.port, operation, concurrency, Math.ceil(requests / ROUNDS));
            // The server's own CPU per request: unlike req/s, barely moved by other work on the machine.
            result.serverCpuMicrosPerRequest = +(((await server.cpuMicros()) - cpuBefore) / result.requests).toFixed(1);
            if (!row[kind] || result.requestsPerSecond > row[kind].requestsPerSecond) row[kind] = result;
          }
        }
        row.mockToBare = +(row.mock.requestsPerSecond / row.bare.requestsPerSecond).toFixed(2);
        throughput.push(row);
      }
    }
    const mb = (bytes) => +(bytes / 1024 / 1024).toFixed(1);
    const memoryAfter = async (server, accounts) => {
      // Every account's world is created and its request log filled first (each keeps its newest
      // 1,000 requests), so "before" and "after" compare the same worlds: growth then means
      // unbounded state or a leak, not the 50 worlds and their logs being built.
      if (accounts > 0) await load(server.port, 'Encrypt', 8, REQUEST_LOG_LIMIT * accounts, accounts);
      const before = await server.memory();
      await load(server.port, 'Encrypt', 8, memoryRequests, accounts);
      const after = await server.memory();
      return {
        accounts: Math.max(1, accounts),
        before: { rssMb: mb(before.rss), heapUsedMb: mb(before.heapUsed) },
        after: { rssMb: mb(after.rss), heapUsedMb: mb(after.heapUsed) },
      };
    };
    const memory = {
      bare: await memoryAfter(servers.bare, 0),
      mockOneAccount: await memoryAfter(servers.mock, 0),
      mockSpread: await memoryAfter(servers.mock, SPREAD_ACCOUNTS),
    };
    const rowsAt = (concurrency) => throughput.filter((row) => row.concurrency === concurrency);
    const goals = {
      [`mock/bare ≥ ${GOAL_RATIO_AT_8} at concurrency 8`]: rowsAt(8).every((row) => row.mockToBare >= GOAL_RATIO_AT_8),
      [`mock p50 < ${GOAL_P50_MS_AT_1} ms at concurrency 1`]: rowsAt(1).every((row) => row.mock.p50Ms < GOAL_P50_MS_AT_1),
    };
    return {
      measuredAt: new Date().toISOString(),
      node: process.version,
      note: `loopback, keep-alive, unsigned AWS JSON 1.1; bare = node:http answering a fixed KMS body; mock = startKmsMockServer (healthy scenario); best of ${ROUNDS} alternating rounds; load average at start ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
      throughput,
      memory: { afterRequests: memoryRequests, ...memory },
      goals,
    };
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}

export function printEndpointResults(results) {
  console.log('Endpoint (mock over HTTP) vs bare node:http, keep-alive, loopback');
  console.log(
    'operation                 c   bare req/s  p50 ms  p99 ms  µs CPU │ mock req/s  p50 ms  p99 ms  µs CPU │ mock/bare',
  );
  for (const row of results.throughput) {
    const cells = (r) =>
      `${String(r.requestsPerSecond).padStart(10)}  ${r.p50Ms.toFixed(3).padStart(6)}  ${r.p99Ms.toFixed(3).padStart(6)}  ${r.serverCpuMicrosPerRequest.toFixed(0).padStart(6)}`;
    console.log(
      `${row.operation.padEnd(24)}  ${row.concurrency}  ${cells(row.bare)} │ ${cells(row.mock)} │ ${row.mockToBare.toFixed(2).padStart(6)}×`,
    );
  }
  const { afterRequests, ...memory } = results.memory;
  for (const [name, { accounts, before, after }] of Object.entries(memory)) {
    const ratio = (after.rssMb / memory.bare.after.rssMb).toFixed(2);
    console.log(
      `${name.padEnd(15)} (${String(accounts).padStart(2)} account${accounts === 1 ? ' ' : 's'}): RSS ${before.rssMb} → ${after.rssMb} MB (${ratio}× bare), heap ${before.heapUsedMb} → ${after.heapUsedMb} MB after ${afterRequests} more requests`,
    );
  }
  for (const [goal, met] of Object.entries(results.goals)) console.log(`${met ? 'met    ' : 'NOT met'}  ${goal}`);
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex !== -1) {
  await serveInChild(process.argv[serveIndex + 1]);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { requests: { type: 'string' }, 'memory-requests': { type: 'string' } } });
  const results = await benchEndpoint({
    ...(values.requests ? { requests: Number(values.requests) } : {}),
    ...(values['memory-requests'] ? { memoryRequests: Number(values['memory-requests']) } : {}),
  });
  printEndpointResults(results);
  const outputFile = join(projectRoot, 'bench-results/endpoint.json');
  mkdirSync(dirname(outputFile), { recursive: true });
  writeFileSync(outputFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${outputFile}`);
}
