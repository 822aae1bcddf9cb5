// `npm run bench`: builds the site and a bare Monaco page (scripts/bench/bare-page: Monaco, its
// TypeScript worker, the same SDK declaration files, a minimal worker runner), serves both
// gzip-compressed and measures them side by side in headless Chromium, in the same run:
//  - bytes on the wire until the editor is usable (types loaded, run worker ready; workers included);
//  - navigation → editor attached and editable, and → SDK types loaded and checker warm, cold cache;
//  - Run → first output line (median of RUNS warm runs) for a one-liner, and the playground's
//    starter code;
//  - JavaScript a content page loads (it must stay at what a stock Starlight page loads);
//  - from outside the page, as a reader meets it: Run clicked → first output line on screen for
//    a one-call SDK program (both pages answer it through MSW in their worker), the starter
//    program of `user-locked-out` (playground only), and a keystroke typed the moment the editor
//    exists → the character on screen, over cold navigations; with where the time goes (worker
//    messages, rendering, long tasks on the main thread).
// Prints each figure with the bare page's and the ratio, and writes bench-results/bench.json.
// A script, not a test: it asserts nothing. `--no-build` measures the existing builds;
// `--outside-only` measures and prints only the outside-in figures.
// Then runs scripts/bench-endpoint.mjs, if present, with BENCH_RESULTS_DIR set.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/support/chromium.ts';
import { startPreviewServer } from '../test/support/preview-server.ts';
import lzString from 'lz-string';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(projectRoot, 'bench-results');
const barePageSource = join(projectRoot, 'scripts/bench/bare-page');
// Outside the project, so the type check and the unused-code check never see the bundle.
const barePageBuild = join(tmpdir(), 'kms-playground-bench-bare-page');
const RUNS = 10;
const NAVIGATIONS = 9;
const ONE_LINER = 'console.log("hello");';
/** One KMS call through the SDK, then one line: ConnectCustomKeyStore on a CONNECTED store is accepted with 200 `{}`. */
const ONE_CALL_PROGRAM = `import { ConnectCustomKeyStoreCommand, KMSClient } from "@aws-sdk/client-kms";

const kms = new KMSClient({ region: "eu-west-1" });
await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: "cks-1234567890abcdef0" }));
console.log("connect accepted");
`;
/** The scenario whose starter program (four KMS calls and simulated waits) is timed on the playground alone. */
const STARTER_SCENARIO = 'user-locked-out';
const KEYSTROKE_NAVIGATIONS = 5;
/** The key typed into the editor: in neither page's code, so its arrival is unambiguous. */
const TYPED_KEY = 'Q';
const SCENARIO_PAGES = ['/scenarios/healthy/', '/'];
/** A playground link's `#code=` (the format of src/playground/share/code-hash.ts, which Node cannot import). */
const codeHash = (code) => `#code=${lzString.compressToEncodedURIComponent(code)}`;
/**
 * The issue's goals; `monacoAttached` is not the issue's: it asked for the editor attached and
 * editable at ≤ 0.9×, which the playground meets by making the code editable before Monaco has
 * loaded (src/playground/editor/handover-editor.ts). Monaco itself cannot attach faster than on a
 * page with nothing else (bench profiles in the notes of issue 11); it must stay within 1.1×.
 */
const GOALS = {
  bytes: 0.85,
  codeEditable: 0.9,
  monacoAttached: 1.1,
  typesReadyMs: 2500,
  runToFirstOutput: 0.6,
  runToFirstOutputMs: 30,
};
/** Issue 22's goals, measured from outside the page. */
const OUTSIDE_GOALS = { oneCallRun: 1.0, starterRunMs: 100, keystroke: 0.8 };
/** A slow connection, as the browser emulates it: where editing before Monaco matters most. */
const SLOW_NETWORK = { offline: false, latency: 150, downloadThroughput: 4_000_000 / 8, uploadThroughput: 1_000_000 / 8 };
const SLOW_NAVIGATIONS = 3;
/**
 * The marks both pages set on the way to the editor, in order: Monaco's code downloaded, parsed
 * and evaluated; the first model (which starts Monaco's services); the editor created.
 */
const EDITOR_PHASES = [
  ['pg:monaco-loaded', "Monaco's code downloaded, parsed and evaluated"],
  ['pg:model-ready', "Monaco's services and the first model"],
  ['pg:editor-ready', 'the editor created and attached'],
];

/**
 * What each phase of a Run took, in ms, from the click's input time stamp: until the run message
 * left for the worker (the page's own work first), its first request record and world back, the
 * first output message, the first line added to the page and on screen, and the last line on screen.
 */
const RUN_PHASES = [
  ['runPosted', 'click → run message posted to the worker'],
  ['run-received', 'click → run message received by the worker'],
  ['mock-ready', 'click → mock created (worker)'],
  ['program-prepared', 'click → program prepared (worker)'],
  ['program-started', 'click → program started (worker)'],
  ['first-request', 'click → first request reaches the mock (worker)'],
  ['first-response', 'click → first response from the mock (worker)'],
  ['first-output', 'click → first console call (worker)'],
  ['firstRequestBack', 'click → first request record back'],
  ['firstWorldBack', 'click → first world back'],
  ['firstOutputMessage', 'click → first output message received'],
  ['firstLineAdded', 'click → first line added to the page'],
  ['firstLineMs', 'click → first line on screen'],
  ['lastLineMs', 'click → last line on screen'],
];

const noBuild = process.argv.includes('--no-build');
/** Only the outside-in figures (a quicker run while working on them); writes no results file. */
const outsideOnly = process.argv.includes('--outside-only');
if (!noBuild) {
  console.log('› npm run build');
  const build = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) fail('the build failed; fix it (or pass --no-build to measure the existing dist/).');
}
if (!noBuild || !existsSync(join(barePageBuild, 'index.html'))) await buildBarePage();

// The servers count what they send: the browser's own network events miss the workers' scripts.
let transfers = [];
const countSent = (path, bytes) => transfers.push({ file: path.split('?')[0], bytes });
const site = await startPreviewServer({ gzip: true, onSent: countSent });
const bare = await startPreviewServer({ root: barePageBuild, base: '/', gzip: true, onSent: countSent });
const browser = await launchChromium();
try {
  const scenarioPage = await firstExistingPage(SCENARIO_PAGES);
  const playgroundUrl = (code) => site.urlFor(`/playground/?scenario=healthy${code === undefined ? '' : codeHash(code)}`);
  const bareUrl = (code) => bare.urlFor(`/?code=${encodeURIComponent(code)}`);
  const pages = {
    playground: {
      url: playgroundUrl,
      ready: 'kms-playground[data-types="ready"][data-editor="ready"]',
      idle: 'kms-playground[data-run="idle"]',
      editor: 'kms-playground .pg-plain-editor, kms-playground .monaco-editor .view-lines',
    },
    bare: {
      url: bareUrl,
      ready: 'body[data-types="ready"]',
      idle: 'body[data-run="idle"]',
      editor: '.monaco-editor .view-lines',
    },
  };
  const starterUrl = () => site.urlFor(`/playground/?scenario=${STARTER_SCENARIO}`);
  const outside = {
    oneCallRun: {
      playground: await outsideRunTimings(pages.playground, ONE_CALL_PROGRAM),
      bare: await outsideRunTimings(pages.bare, ONE_CALL_PROGRAM),
    },
    starterRun: await outsideRunTimings({ ...pages.playground, url: starterUrl }, undefined),
    keystroke: await keystrokeTimings(pages),
  };
  const outsideFigures = {
    outsideOneCallRunToFirstLineMs: compare(
      outside.oneCallRun.playground.firstLineMs.median,
      outside.oneCallRun.bare.firstLineMs.median,
      { ratio: OUTSIDE_GOALS.oneCallRun },
    ),
    outsideStarterRunToFirstLineMs: {
      playground: outside.starterRun.firstLineMs.median,
      goal: { below: OUTSIDE_GOALS.starterRunMs },
      met: outside.starterRun.firstLineMs.median < OUTSIDE_GOALS.starterRunMs,
    },
    outsideKeystrokeShownMs: compare(outside.keystroke.playground.shownMs.median, outside.keystroke.bare.shownMs.median, {
      ratio: OUTSIDE_GOALS.keystroke,
    }),
  };
  if (outsideOnly) {
    reportOutside(outside, outsideFigures);
    process.exit(0);
  }

  const bytes = {
    playground: await bytesUntilUsable(pages.playground, ONE_LINER),
    bare: await bytesUntilUsable(pages.bare, ONE_LINER),
  };
  const load = await navigationTimings(pages);
  const slowNetwork = await slowNetworkTimings(pages);
  const runs = {
    playground: await runTimings(pages.playground, ONE_LINER),
    bare: await runTimings(pages.bare, ONE_LINER),
    playgroundStarterCode: await runTimings(pages.playground, undefined),
  };
  const contentPage = { path: scenarioPage, ...(await javascriptBytes(site.urlFor(scenarioPage))) };

  const figures = {
    bytesToUsableEditor: compare(bytes.playground.wireBytes, bytes.bare.wireBytes, { ratio: GOALS.bytes }),
    codeEditableMs: compare(load.playground.editableMs.median, load.bare.editableMs.median, { ratio: GOALS.codeEditable }),
    editorAttachedMs: compare(load.playground.editorMs.median, load.bare.editorMs.median, { ratio: GOALS.monacoAttached }),
    typesReadyMs: compare(load.playground.typesMs.median, load.bare.typesMs.median, { absolute: GOALS.typesReadyMs }),
    runToFirstOutputMs: compare(runs.playground.median, runs.bare.median, {
      ratio: GOALS.runToFirstOutput,
      absolute: GOALS.runToFirstOutputMs,
    }),
    ...outsideFigures,
  };
  const results = {
    measuredAt: new Date().toISOString(),
    chromium: browser.version(),
    served: 'local static server, gzip (zlib level 6) for everything but images and woff/woff2',
    figures,
    details: { bytes, load, slowNetwork, runs, outside, contentPageJavascript: contentPage },
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  report(results);
  console.log('\nWritten to bench-results/bench.json');
} finally {
  await browser.close();
  await site.close();
  await bare.close();
}
runEndpointBench();

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

async function buildBarePage() {
  console.log('› building the bare Monaco page');
  const { build } = await import('vite');
  await build({
    root: barePageSource,
    base: '/',
    logLevel: 'warn',
    configFile: false,
    build: { outDir: barePageBuild, emptyOutDir: true, chunkSizeWarningLimit: 100_000 },
    worker: { format: 'es' },
  });
}

function runEndpointBench() {
  const script = join(projectRoot, 'scripts/bench-endpoint.mjs');
  if (!existsSync(script)) return;
  console.log('\n› scripts/bench-endpoint.mjs');
  const run = spawnSync(process.execPath, [script], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, BENCH_RESULTS_DIR: resultsDir },
  });
  if (run.status !== 0) fail('scripts/bench-endpoint.mjs failed.');
}

async function firstExistingPage(paths) {
  for (const path of paths) {
    const response = await fetch(site.urlFor(path));
    if (response.ok) return path;
  }
  throw new Error(`None of ${paths.join(', ')} exists in the build.`);
}

/**
 * Runs `use` in a fresh browser profile (cold cache); `files`: every response body the servers sent
 * meanwhile. `instrumented`: each page records, for the outside-in figures, what instrumentPage does.
 */
async function withTransfers(use, { instrumented = false } = {}) {
  const context = await browser.newContext();
  if (instrumented) await context.addInitScript(instrumentPage);
  transfers = [];
  try {
    const value = await use(await context.newPage());
    return { value, files: transfers };
  } finally {
    await context.close();
  }
}

/** Everything fetched until the editor is usable: editor and types ready, run worker loaded, network idle. */
async function bytesUntilUsable(target, code) {
  const { files } = await withTransfers(async (page) => {
    await page.goto(target.url(code));
    await waitUntilReady(page, target);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
  });
  files.sort((a, b) => b.bytes - a.bytes);
  return { files: files.length, wireBytes: sum(files.map((f) => f.bytes)), largest: files.slice(0, 16) };
}

async function javascriptBytes(url) {
  const { files } = await withTransfers(async (page) => {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
  });
  const scripts = files.filter((f) => /\.m?js$/.test(f.file));
  return { files: scripts.length, wireBytes: sum(scripts.map((f) => f.bytes)) };
}

async function waitUntilReady(page, target) {
  try {
    await page.waitForSelector(target.ready, { state: 'attached', timeout: 120_000 });
  } catch (error) {
    const where = await page.evaluate(() =>
      JSON.stringify({ ...document.body.dataset, ...document.querySelector('kms-playground')?.dataset }),
    );
    throw new Error(`${page.url()} did not get ready (${where}): ${error.message}`);
  }
}

/** Navigation → editor attached (and each phase on the way), and → types loaded and checker warm; cold cache, pages alternating. */
async function navigationTimings(targets) {
  const marks = ['pg:editor-editable', 'pg:types-ready', ...EDITOR_PHASES.map(([mark]) => mark)];
  const byPage = await eachNavigation(targets, NAVIGATIONS, async (page, target) => {
    await page.goto(target.url(ONE_LINER));
    await waitUntilReady(page, target);
    return markTimes(page, marks);
  });
  const summarise = (navigations) => {
    const of = (mark) => navigations.map((times) => times[mark]);
    return {
      navigations: NAVIGATIONS,
      editableMs: stats(of('pg:editor-editable')),
      editorMs: stats(of('pg:editor-ready')),
      typesMs: stats(of('pg:types-ready')),
      // Each phase as the time since the previous mark (the first: since navigation).
      editorPhasesMs: Object.fromEntries(
        EDITOR_PHASES.map(([mark], index) => [
          mark,
          stats(navigations.map((times) => times[mark] - (index === 0 ? 0 : times[EDITOR_PHASES[index - 1][0]]))),
        ]),
      ),
    };
  };
  return { playground: summarise(byPage.playground), bare: summarise(byPage.bare) };
}

/** Navigation → code editable, and → Monaco attached, over a slow connection (cold cache). */
async function slowNetworkTimings(targets) {
  const marks = ['pg:editor-editable', 'pg:editor-ready'];
  const byPage = await eachNavigation(targets, SLOW_NAVIGATIONS, async (page, target) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_NETWORK);
    await page.goto(target.url(ONE_LINER));
    // Not the types: over this connection they take long, and they are not what this measures.
    await page.waitForFunction(() => performance.getEntriesByName('pg:editor-ready').length > 0, undefined, { timeout: 120_000 });
    return markTimes(page, marks);
  });
  const summarise = (navigations) => ({
    navigations: SLOW_NAVIGATIONS,
    editableMs: stats(navigations.map((times) => times['pg:editor-editable'])),
    editorMs: stats(navigations.map((times) => times['pg:editor-ready'])),
  });
  return { network: SLOW_NETWORK, playground: summarise(byPage.playground), bare: summarise(byPage.bare) };
}

/** `count` rounds of one cold-cache navigation per target, alternating; what `measure` returns, per target. */
async function eachNavigation(targets, count, measure, options) {
  const byPage = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
  for (let i = 0; i < count; i++) {
    for (const [name, target] of Object.entries(targets))
      byPage[name].push((await withTransfers((page) => measure(page, target), options)).value);
  }
  return byPage;
}

/** When each performance mark was first set, in ms since navigation (undefined when it was not). */
function markTimes(page, marks) {
  return page.evaluate(
    (names) => Object.fromEntries(names.map((name) => [name, performance.getEntriesByName(name)[0]?.startTime])),
    marks,
  );
}

/**
 * Set in the page before its own scripts run: the time of each click and key (the input event's
 * time stamp: when the browser received it, however busy the page is), long tasks on the main
 * thread, each message to and from the run worker (by type), and, once `watchLines` is called,
 * when each output line was added and when the frame after it began (the line on screen).
 */
function instrumentPage() {
  const bench = { inputs: [], longTasks: [], messages: [], lines: [] };
  window.benchRecord = bench;
  for (const type of ['click', 'keydown'])
    addEventListener(type, (event) => bench.inputs.push({ type, at: event.timeStamp }), true);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  bench.watchLines = () => {
    new MutationObserver((records) => {
      if (!records.some((record) => [...record.addedNodes].some((node) => node.classList?.contains('pg-line')))) return;
      const added = performance.now();
      requestAnimationFrame(() => bench.lines.push({ added, shown: performance.now() }));
    }).observe(document.body, { childList: true, subtree: true });
  };
  const RUN_WORKERS = new Set(['kms-playground-run', 'bench-bare-run']);
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    #recorded;
    constructor(url, options) {
      super(url, options);
      this.#recorded = RUN_WORKERS.has(options?.name);
      if (!this.#recorded) return;
      this.addEventListener('message', ({ data }) => {
        // The playground's worker reports when each step of the run happened, in epoch ms.
        for (const [name, at] of Object.entries(data?.marks ?? {}))
          bench.messages.push({ at: at - performance.timeOrigin, direction: 'worker', type: name });
        const type =
          data?.type === 'program'
            ? `program:${data.event?.type}`
            : (data?.type ?? (data?.line !== undefined ? 'program:console' : 'finished'));
        bench.messages.push({ at: performance.now(), direction: 'in', type });
      });
    }
    postMessage(message, ...rest) {
      if (this.#recorded)
        bench.messages.push({
          at: performance.now(),
          direction: 'out',
          type: typeof message === 'string' ? 'run' : message?.type,
        });
      return super.postMessage(message, ...rest);
    }
  };
}

/** Click Run (warm-up, then RUNS times) and time it from the click's input time stamp to the lines on screen. */
async function outsideRunTimings(target, code) {
  const { value } = await withTransfers(
    async (page) => {
      await page.goto(target.url(code));
      await waitUntilReady(page, target);
      await page.evaluate(() => window.benchRecord.watchLines());
      const runs = [];
      for (let i = 0; i <= RUNS; i++) {
        await page.waitForTimeout(600);
        await page.evaluate(() => Object.assign(window.benchRecord, { inputs: [], messages: [], lines: [] }));
        await page.click('#run, [data-pg="run"]');
        await page.waitForFunction(() => window.benchRecord.lines.length > 0, undefined, { timeout: 30_000 });
        await page.waitForSelector(target.idle, { timeout: 30_000 });
        // The frame after the last line, if it came with the run's end, is still to begin.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const record = await page.evaluate(() => {
          const { inputs, messages, lines } = window.benchRecord;
          return { inputs, messages, lines };
        });
        if (i > 0) runs.push(runPhases(record));
      }
      return runs;
    },
    { instrumented: true },
  );
  return Object.fromEntries(
    RUN_PHASES.map(([key]) => [key, stats(value.map((run) => run[key]))]).concat([
      ['messagesBack', stats(value.map((run) => run.messagesBack))],
      ['worldMessages', stats(value.map((run) => run.worldMessages))],
      ['runs', RUNS],
    ]),
  );
}

function runPhases({ inputs, messages, lines }) {
  const click = inputs.find((input) => input.type === 'click').at;
  const since = (time) => (time === undefined ? undefined : time - click);
  const message = (direction, test) => messages.find((m) => m.direction === direction && test(m.type))?.at;
  const back = messages.filter((m) => m.direction === 'in');
  const workerMarks = Object.fromEntries(messages.filter((m) => m.direction === 'worker').map((m) => [m.type, since(m.at)]));
  return {
    ...workerMarks,
    runPosted: since(message('out', (type) => type === 'run')),
    firstRequestBack: since(message('in', (type) => type === 'request')),
    firstWorldBack: since(message('in', (type) => type === 'world')),
    firstOutputMessage: since(message('in', (type) => type.startsWith('program:'))),
    firstLineAdded: since(lines[0]?.added),
    firstLineMs: since(lines[0]?.shown),
    lastLineMs: since(lines.at(-1)?.shown),
    messagesBack: back.length,
    worldMessages: back.filter((m) => m.type === 'world').length,
  };
}

/**
 * Cold navigations, pages alternating: the moment the editor is on screen, click into it and type
 * one key; time from navigation until the key shows in the editor. Also when the key was pressed
 * (its input time stamp) and the main thread's long tasks until the key showed.
 */
async function keystrokeTimings(targets) {
  const byPage = await eachNavigation(
    targets,
    KEYSTROKE_NAVIGATIONS,
    async (page, target) => {
      await page.goto(target.url(ONE_LINER), { waitUntil: 'commit' });
      const editor = page.locator(target.editor).first();
      await editor.waitFor({ state: 'visible', timeout: 120_000 });
      const editorSeenMs = await page.evaluate(() => performance.now());
      await editor.click({ timeout: 120_000 });
      await page.keyboard.press(TYPED_KEY);
      const shownMs = await (
        await page.waitForFunction(
          (key) => {
            const plain = document.querySelector('textarea.pg-plain-editor')?.value ?? '';
            const monaco = document.querySelector('.monaco-editor .view-lines')?.textContent ?? '';
            return (plain + monaco).includes(key) && (window.benchKeyShownAt ??= performance.now());
          },
          TYPED_KEY,
          { polling: 'raf', timeout: 120_000 },
        )
      ).jsonValue();
      const { inputs, longTasks } = await page.evaluate(() => window.benchRecord);
      const before = longTasks.filter((task) => task.start < shownMs);
      return {
        editorSeenMs,
        keyPressedMs: inputs.find((input) => input.type === 'keydown')?.at,
        shownMs,
        longTasks: before.length,
        longTaskMs: sum(before.map((task) => task.duration)),
        longestTaskMs: Math.max(0, ...before.map((task) => task.duration)),
      };
    },
    { instrumented: true },
  );
  const summarise = (navigations) =>
    Object.fromEntries(
      ['editorSeenMs', 'keyPressedMs', 'shownMs', 'longTasks', 'longTaskMs', 'longestTaskMs'].map((key) => [
        key,
        stats(navigations.map((n) => n[key])),
      ]),
    );
  return { navigations: KEYSTROKE_NAVIGATIONS, playground: summarise(byPage.playground), bare: summarise(byPage.bare) };
}

/** Click Run → first output line on screen, RUNS times on one page, with a reader's pause between runs. */
async function runTimings(target, code) {
  const { value } = await withTransfers(async (page) => {
    await page.goto(target.url(code));
    await waitUntilReady(page, target);
    const durations = [];
    for (let i = 0; i < RUNS; i++) {
      await page.waitForTimeout(600);
      await page.click('#run, [data-pg="run"]');
      await page.waitForFunction(() => performance.getEntriesByName('pg:run-to-first-output').length > 0, undefined, {
        timeout: 30_000,
      });
      await page.waitForSelector(target.idle, { timeout: 30_000 });
      durations.push(await page.evaluate(() => performance.getEntriesByName('pg:run-to-first-output').at(-1).duration));
      await page.evaluate(() => performance.clearMeasures('pg:run-to-first-output'));
    }
    return durations;
  });
  return { runs: RUNS, ...stats(value) };
}

function compare(playground, bare, goal) {
  const exactRatio = playground / bare;
  const ratio = Math.round(exactRatio * 1000) / 1000;
  // Judged on the exact ratio: 0.851 is not "≤ 0.85" because it prints as 0.85.
  const met =
    (goal.ratio === undefined || exactRatio <= goal.ratio) && (goal.absolute === undefined || playground <= goal.absolute);
  return { playground, bare, ratio, goal, met };
}

function stats(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
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

function report({ chromium, figures, details }) {
  const mb = (bytes) => `${(bytes / 1_000_000).toFixed(2)} MB`;
  const ms = (value) => (Number.isFinite(value) ? `${Math.round(value)} ms` : 'no mark');
  const goalText = ({ ratio, absolute }, unit) =>
    [ratio === undefined ? '' : `≤ ${ratio}×`, absolute === undefined ? '' : `≤ ${unit(absolute)}`].filter(Boolean).join(' and ');
  const rows = [
    ['bytes to a usable editor (gzip)', figures.bytesToUsableEditor, mb],
    ['navigation → code editable', figures.codeEditableMs, ms],
    ['navigation → Monaco attached', figures.editorAttachedMs, ms],
    ['navigation → SDK types loaded, checker warm', figures.typesReadyMs, ms],
    [`Run → first output line (median of ${RUNS})`, figures.runToFirstOutputMs, ms],
  ];
  console.log(`\nBenchmark (${chromium}; local static server, gzip; bare page built in this run)\n`);
  console.log('| figure | playground | bare Monaco page | ratio | goal | met |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [label, figure, unit] of rows) {
    console.log(
      `| ${label} | ${unit(figure.playground)} | ${unit(figure.bare)} | ${figure.ratio.toFixed(3)} | ${goalText(figure.goal, unit)} | ${figure.met ? 'yes' : 'no'} |`,
    );
  }
  console.log(
    `\nWhere the time to the editor goes (median ms of each phase over ${NAVIGATIONS} navigations; medians do not add up exactly)\n`,
  );
  console.log('| phase | playground | bare Monaco page |');
  console.log('| --- | --- | --- |');
  for (const [mark, label] of EDITOR_PHASES) {
    console.log(
      `| ${label} | ${ms(details.load.playground.editorPhasesMs[mark].median)} | ${ms(details.load.bare.editorPhasesMs[mark].median)} |`,
    );
  }
  const slow = details.slowNetwork;
  console.log(
    `\nOver a slow connection (${((slow.network.downloadThroughput * 8) / 1e6).toFixed(0)} Mbit/s down, ${slow.network.latency} ms round trip; median of ${SLOW_NAVIGATIONS})\n`,
  );
  console.log('| figure | playground | bare Monaco page | ratio |');
  console.log('| --- | --- | --- | --- |');
  for (const [label, key] of [
    ['navigation → code editable', 'editableMs'],
    ['navigation → Monaco attached', 'editorMs'],
  ]) {
    const [playground, bare] = [slow.playground[key].median, slow.bare[key].median];
    console.log(`| ${label} | ${ms(playground)} | ${ms(bare)} | ${(playground / bare).toFixed(3)} |`);
  }
  const starter = details.runs.playgroundStarterCode;
  console.log(
    `\nRun → first output line, the healthy scenario's starter code: median ${starter.median} ms (min ${starter.min}, p90 ${starter.p90})`,
  );
  reportOutside(details.outside, figures);
  console.log(
    `\nJavaScript loaded by the content page ${details.contentPageJavascript.path}: ${(details.contentPageJavascript.wireBytes / 1024).toFixed(0)} KB gzip (${details.contentPageJavascript.files} files)`,
  );
  console.log('Largest transfers of the playground:');
  for (const file of details.bytes.playground.largest) console.log(`  ${file.file}: ${(file.bytes / 1024).toFixed(0)} KB`);
}

function reportOutside(outside, figures) {
  const ms = (value) => (Number.isFinite(value) ? `${Math.round(value)} ms` : 'no figure');
  const ratio = (figure) => figure.ratio.toFixed(3);
  const met = (figure) => (figure.met ? 'yes' : 'no');
  const { outsideOneCallRunToFirstLineMs: run, outsideStarterRunToFirstLineMs: starter, outsideKeystrokeShownMs: key } = figures;
  console.log(
    `\nFrom outside the page (input time stamps to the frame that shows the result; goals judged on the exact ratio)\n`,
  );
  console.log('| figure | playground | bare Monaco page | ratio | goal | met |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(
    `| Run → first output line, one ConnectCustomKeyStore + console.log (median of ${RUNS} after a warm-up) | ${ms(run.playground)} | ${ms(run.bare)} | ${ratio(run)} | ≤ ${run.goal.ratio}× | ${met(run)} |`,
  );
  console.log(
    `| Run → first output line, ${STARTER_SCENARIO}'s starter program (median of ${RUNS} after a warm-up) | ${ms(starter.playground)} | – | – | < ${starter.goal.below} ms | ${met(starter)} |`,
  );
  console.log(
    `| navigation → a key typed the moment the editor is on screen shows in it (median of ${KEYSTROKE_NAVIGATIONS} cold) | ${ms(key.playground)} | ${ms(key.bare)} | ${ratio(key)} | ≤ ${key.goal.ratio}× | ${met(key)} |`,
  );

  // The starter's last line waits for the store to connect in simulated time (minutes, sped up).
  console.log(
    `\nWhere a Run's time goes (median ms since the click; the starter: ${STARTER_SCENARIO} on the playground, whose last line waits for simulated minutes)\n`,
  );
  console.log('| phase | playground, one call | bare page, one call | playground, starter |');
  console.log('| --- | --- | --- | --- |');
  const runs = [outside.oneCallRun.playground, outside.oneCallRun.bare, outside.starterRun];
  for (const [phase, label] of RUN_PHASES) console.log(`| ${label} | ${runs.map((r) => ms(r[phase].median)).join(' | ')} |`);
  console.log(
    `| messages back from the worker per run (of them: whole worlds) | ${runs.map((r) => `${r.messagesBack.median} (${r.worldMessages.median})`).join(' | ')} |`,
  );

  console.log(
    `\nWhere the time to a typed key goes (median over ${KEYSTROKE_NAVIGATIONS} cold navigations, ms since navigation)\n`,
  );
  console.log('| step | playground | bare Monaco page |');
  console.log('| --- | --- | --- |');
  const { playground, bare } = outside.keystroke;
  for (const [label, field, unit] of [
    ['the editor on screen (seen by the test)', 'editorSeenMs', ms],
    ['the key pressed (its input time stamp)', 'keyPressedMs', ms],
    ['the key shown in the editor', 'shownMs', ms],
    ['long tasks on the main thread until then', 'longTasks', String],
    ['their total', 'longTaskMs', ms],
    ['the longest', 'longestTaskMs', ms],
  ]) {
    console.log(`| ${label} | ${unit(playground[field].median)} | ${unit(bare[field].median)} |`);
  }
}
