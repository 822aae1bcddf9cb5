/** Playground settings, in one place. */
import type { Timing } from 'kms-custom-key-store-mock';

/**
 * Simulated time runs this many times faster than real time: 1 real second = 5 simulated minutes.
 * Faster would make the program's own run time (a few real milliseconds per request) count for
 * too much simulated time: a 60-second DISCONNECTING phase must outlast two requests.
 */
export const SIMULATION_SPEED = 300;

/** Realistic durations (simulated): the accelerated clock makes them pass in well under a second. */
export const PLAYGROUND_TIMING: Timing = {
  connectMs: { AWS_CLOUDHSM: 4 * 60_000, EXTERNAL_KEY_STORE: 90_000 },
  disconnectMs: 60_000,
};

/** A run is stopped after this much real time. */
export const RUN_TIMEOUT_MS = 10_000;

/**
 * After Run, the page shows the run (Running…, Stop) with the program's first news, and at the
 * latest this long after the click: well within the tenth of a second a reader takes as at once.
 */
export const RUN_SHOWN_WITHIN_MS = 50;

/**
 * The code's font in Monaco and in the plain editor shown before it, so the text does not move at
 * the hand-over. The family names Monaco's own default on each system (Menlo on macOS, Consolas on
 * Windows, Droid Sans Mono on Linux); the line height is set because Monaco's default differs
 * between macOS and the rest.
 */
export const EDITOR_FONT = {
  family: "Menlo, Monaco, Consolas, 'Droid Sans Mono', 'Courier New', monospace",
  sizePx: 14,
  lineHeightPx: 19,
};

/**
 * Monaco is built and takes the plain editor's place once the reader has left the playground
 * alone this long: building it is a long task, and a key typed into a new editor shows only after
 * its first render and the start of its TypeScript support. The plain editor is there (and
 * editable) until then.
 */
export const FULL_EDITOR_AFTER_QUIET_MS = 600;
/** …and Monaco waits no longer than this for such a pause, so it arrives for a reader who types on. */
export const FULL_EDITOR_WAITS_AT_MOST_MS = 3000;

/** Scenario shown when the link names none (or an unknown one). */
export const DEFAULT_SCENARIO_ID = 'healthy';

/** How long typing must pause before the URL hash and the draft are updated. */
export const SAVE_DEBOUNCE_MS = 400;

/** Time jumps offered in the World panel. */
export const TIME_JUMPS: ReadonlyArray<{ label: string; ms: number }> = [
  { label: '+5 min', ms: 5 * 60_000 },
  { label: '+1 hour', ms: 3_600_000 },
  { label: '+7 days', ms: 7 * 86_400_000 },
];

/**
 * The TypeScript libs the editor's checker loads, as file names (Monaco silently loads no lib for
 * short names like `es2022`). The build keeps only these and what they reference in Monaco's
 * TypeScript worker (src/playground/build/trim-monaco.ts).
 */
export const EDITOR_TYPESCRIPT_LIBS = ['lib.es2022.d.ts', 'lib.webworker.d.ts'];

/**
 * The id of the <template> in the playground page's head that holds the `modulepreload` links of
 * Monaco's chunks (src/playground/build/preload-playground.ts); the island adds them to the page
 * when it runs (src/playground/island.ts).
 */
export const MONACO_PRELOAD_TEMPLATE = 'pg-monaco-preload';
