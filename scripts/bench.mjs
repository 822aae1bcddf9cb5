// `npm run bench`: builds the site, serves it locally and measures in headless Chromium:
//  - JavaScript bytes (raw and gzip) a scenario page and the playground load (workers included);
//  - navigation → editable editor on the playground (and → SDK types loaded), cold cache;
//  - Run → first output line (median of RUNS runs), for a scenario's starter code and a one-liner.
// Prints the figures and writes them to bench-results/bench.json. A script, not a test: it asserts
// nothing. `--no-build` measures the existing dist/ instead of building first.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/browser/support/chromium.ts';
import { startPreviewServer } from '../test/browser/support/server.ts';
import { encodeCodeHash } from '../src/playground/share/code-hash.ts';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 10;
const NAVIGATIONS = 5;
const SCENARIO_PAGES = ['/scenarios/healthy/', '/'];

if (!process.argv.includes('--no-build')) {
  console.log('› npm run build');
  const build = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    console.error('bench: the build failed; fix it (or pass --no-build to measure the existing dist/).');
    process.exit(1);
  }
}

const server = await startPreviewServer();
const browser = await launchChromium();
try {
  const scenarioPage = await firstExistingPage(SCENARIO_PAGES);
  const results = {
    measuredAt: new Date().toISOString(),
    chromium: browser.version(),
    gzip: 'zlib default level (6), per file',
    javascript: {
      scenarioPage: { path: scenarioPage, ...(await javascriptBytes(scenarioPage, (page) => page.waitForLoadState('networkidle'))) },
      playground: {
        path: '/playground/',
        ...(await javascriptBytes('/playground/', async (page) => {
          await page.waitForSelector('kms-playground[data-types="ready"]', { timeout: 60_000 });
          await page.waitForLoadState('networkidle');
        })),
      },
    },
    playgroundLoad: await navigationTimings(),
    runToFirstOutput: {
      starterCode: await runTimings({ scenario: 'healthy' }),
      oneLiner: await runTimings({ scenario: 'healthy', code: 'console.log("hello");' }),
    },
  };
  const outputFile = join(projectRoot, 'bench-results/bench.json');
  mkdirSync(dirname(outputFile), { recursive: true });
  writeFileSync(outputFile, `${JSON.stringify(results, null, 2)}\n`);
  report(results);
  console.log(`\nWritten to ${outputFile.slice(projectRoot.length + 1)}`);
} finally {
  await browser.close();
  await server.close();
}

async function firstExistingPage(paths) {
  for (const path of paths) {
    const response = await fetch(server.urlFor(path));
    if (response.ok) return path;
  }
  throw new Error(`None of ${paths.join(', ')} exists in the build.`);
}

/** Every JavaScript file the page and its workers fetch, cold cache. */
async function javascriptBytes(path, settle) {
  const context = await browser.newContext();
  const files = new Map();
  context.on('response', async (response) => {
    const url = response.url();
    const type = response.headers()['content-type'] ?? '';
    if (!url.startsWith(server.origin) || !(type.includes('javascript') || url.endsWith('.js'))) return;
    try {
      const body = await response.body();
      files.set(url, { raw: body.length, gzip: gzipSync(body).length });
    } catch {
      // A response without a body (e.g. a redirect) adds no bytes.
    }
  });
  const page = await context.newPage();
  await page.goto(server.urlFor(path));
  await settle(page);
  await page.waitForTimeout(500);
  await context.close();
  const list = [...files].map(([url, size]) => ({ file: new URL(url).pathname, ...size })).sort((a, b) => b.raw - a.raw);
  return {
    files: list.length,
    rawBytes: sum(list.map((f) => f.raw)),
    gzipBytes: sum(list.map((f) => f.gzip)),
    largest: list.slice(0, 6),
  };
}

/** Navigation start → editor editable, and → SDK types loaded and checker warm; cold cache each time. */
async function navigationTimings() {
  const editable = [];
  const typesReady = [];
  for (let i = 0; i < NAVIGATIONS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.urlFor('/playground/?scenario=healthy'));
    await page.waitForSelector('kms-playground[data-types="ready"]', { timeout: 60_000 });
    const marks = await page.evaluate(() => ({
      editor: performance.getEntriesByName('pg:editor-ready')[0]?.startTime,
      types: performance.getEntriesByName('pg:types-ready')[0]?.startTime,
    }));
    editable.push(marks.editor);
    typesReady.push(marks.types);
    await context.close();
  }
  return { navigations: NAVIGATIONS, editorEditableMs: stats(editable), typesReadyMs: stats(typesReady) };
}

/** Click Run → first output line on screen, RUNS times on one page (a fresh worker each run). */
async function runTimings({ scenario, code }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const hash = code === undefined ? '' : encodeCodeHash(code);
  await page.goto(server.urlFor(`/playground/?scenario=${scenario}${hash}`));
  await page.waitForSelector('kms-playground[data-types="ready"]', { timeout: 60_000 });
  const durations = [];
  for (let i = 0; i < RUNS; i++) {
    // A reader pauses between runs; the next run's worker is spawned in that time.
    await page.waitForTimeout(600);
    await page.click('[data-pg="run"]');
    await page.waitForFunction(() => document.querySelector('kms-playground')?.getAttribute('data-run') === 'idle', undefined, { timeout: 30_000 });
    await page.waitForFunction(() => performance.getEntriesByName('pg:run-to-first-output').length > 0);
    durations.push(await page.evaluate(() => performance.getEntriesByName('pg:run-to-first-output').at(-1).duration));
    await page.evaluate(() => performance.clearMeasures('pg:run-to-first-output'));
  }
  await context.close();
  return { runs: RUNS, ...stats(durations) };
}

function stats(values) {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (v) => Math.round(v * 10) / 10;
  return { median: round(median(sorted)), min: round(sorted[0]), p90: round(at(0.9)), max: round(sorted.at(-1)) };
}

function median(sorted) {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function sum(values) {
  return values.reduce((total, value) => total + value, 0);
}

function report(results) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
  const ms = (s) => `median ${s.median} ms (min ${s.min}, p90 ${s.p90}, max ${s.max})`;
  const { scenarioPage, playground } = results.javascript;
  console.log(`\nBenchmark (${results.chromium}, local static server, cold cache for sizes)`);
  console.log(`  JS loaded by ${scenarioPage.path}: ${kb(scenarioPage.rawBytes)} raw, ${kb(scenarioPage.gzipBytes)} gzip (${scenarioPage.files} files)`);
  console.log(`  JS loaded by /playground/ (incl. workers): ${kb(playground.rawBytes)} raw, ${kb(playground.gzipBytes)} gzip (${playground.files} files)`);
  for (const file of playground.largest) console.log(`      ${file.file}: ${kb(file.raw)} raw, ${kb(file.gzip)} gzip`);
  console.log(`  Playground navigation → editable editor: ${ms(results.playgroundLoad.editorEditableMs)}`);
  console.log(`  Playground navigation → SDK types loaded: ${ms(results.playgroundLoad.typesReadyMs)}`);
  console.log(`  Run → first output line, starter code (${results.runToFirstOutput.starterCode.runs} runs): ${ms(results.runToFirstOutput.starterCode)}`);
  console.log(`  Run → first output line, one-liner (${results.runToFirstOutput.oneLiner.runs} runs): ${ms(results.runToFirstOutput.oneLiner)}`);
}
