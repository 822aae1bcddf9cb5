/**
 * A `console` for the reader's program that turns every call into a {@link ConsoleEntry} of
 * inspected values, within an output budget: past the budget it reports the truncation once and
 * drops the rest (counting it), so a runaway loop cannot flood the page.
 */
import { DEFAULT_INSPECT_LIMITS, inspect, preview, type InspectLimits, type InspectNode } from './inspect';

type ConsoleLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

export interface ConsoleEntry {
  level: ConsoleLevel;
  args: InspectNode[];
  /** Nesting from console.group(). */
  indent: number;
}

export interface OutputLimits {
  maxEntries: number;
  /** Rough size of the output (characters of its JSON form). */
  maxChars: number;
}

const DEFAULT_OUTPUT_LIMITS: OutputLimits = { maxEntries: 2_000, maxChars: 1_000_000 };

export interface ConsoleCaptureOptions {
  emit(entry: ConsoleEntry): void;
  /** Called once, when the budget runs out. */
  onTruncated(note: string): void;
  /** Milliseconds for console.time (the simulated clock in the playground). */
  now(): number;
  limits?: OutputLimits;
  inspectLimits?: InspectLimits;
}

export interface ConsoleCapture {
  console: Pick<
    Console,
    | 'log'
    | 'info'
    | 'warn'
    | 'error'
    | 'debug'
    | 'trace'
    | 'dir'
    | 'table'
    | 'assert'
    | 'group'
    | 'groupCollapsed'
    | 'groupEnd'
    | 'time'
    | 'timeLog'
    | 'timeEnd'
    | 'count'
    | 'countReset'
    | 'clear'
  >;
  /** Entries dropped after the budget ran out. */
  droppedEntries(): number;
}

export function createConsoleCapture(options: ConsoleCaptureOptions): ConsoleCapture {
  const limits = options.limits ?? DEFAULT_OUTPUT_LIMITS;
  const inspectLimits = options.inspectLimits ?? DEFAULT_INSPECT_LIMITS;
  let entries = 0;
  let chars = 0;
  let dropped = 0;
  let indent = 0;
  const timers = new Map<string, number>();
  const counters = new Map<string, number>();

  const write = (level: ConsoleLevel, args: unknown[]) => {
    if (dropped > 0) {
      dropped += 1;
      return;
    }
    const entry: ConsoleEntry = { level, args: formatArguments(args, inspectLimits), indent };
    const size = JSON.stringify(entry.args).length;
    if (entries + 1 > limits.maxEntries || chars + size > limits.maxChars) {
      dropped = 1;
      options.onTruncated(
        `Output truncated: the program wrote more than ${entries + 1 > limits.maxEntries ? `${limits.maxEntries} lines` : `${Math.round(limits.maxChars / 1000)} KB`}; the rest is not shown (the program kept running).`,
      );
      return;
    }
    entries += 1;
    chars += size;
    options.emit(entry);
  };
  const label = (value: unknown) => (value === undefined ? 'default' : String(value));

  return {
    droppedEntries: () => Math.max(0, dropped - 1),
    console: {
      log: (...args: unknown[]) => write('log', args),
      info: (...args: unknown[]) => write('info', args),
      warn: (...args: unknown[]) => write('warn', args),
      error: (...args: unknown[]) => write('error', args),
      debug: (...args: unknown[]) => write('debug', args),
      dir: (value?: unknown) => write('log', [value]),
      table: (value?: unknown) => write('log', [value]),
      trace: (...args: unknown[]) => {
        const stack = (new Error().stack ?? '').split('\n').slice(2).join('\n');
        write('log', [...args, `Trace\n${stack}`]);
      },
      assert: (condition?: boolean, ...args: unknown[]) => {
        if (!condition) write('error', ['Assertion failed' + (args.length ? ':' : ''), ...args]);
      },
      group: (...args: unknown[]) => {
        if (args.length) write('log', args);
        indent += 1;
      },
      groupCollapsed: (...args: unknown[]) => {
        if (args.length) write('log', args);
        indent += 1;
      },
      groupEnd: () => {
        indent = Math.max(0, indent - 1);
      },
      time: (name?: string) => {
        timers.set(label(name), options.now());
      },
      timeLog: (name?: string, ...args: unknown[]) => {
        const started = timers.get(label(name));
        if (started === undefined) write('warn', [`Timer '${label(name)}' does not exist`]);
        else write('log', [`${label(name)}: ${formatDuration(options.now() - started)}`, ...args]);
      },
      timeEnd: (name?: string) => {
        const started = timers.get(label(name));
        if (started === undefined) return write('warn', [`Timer '${label(name)}' does not exist`]);
        timers.delete(label(name));
        write('log', [`${label(name)}: ${formatDuration(options.now() - started)}`]);
      },
      count: (name?: string) => {
        const count = (counters.get(label(name)) ?? 0) + 1;
        counters.set(label(name), count);
        write('log', [`${label(name)}: ${count}`]);
      },
      countReset: (name?: string) => {
        counters.delete(label(name));
      },
      clear: () => {},
    },
  };
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(3)} s` : `${ms.toFixed(0)} ms`;
}

/**
 * Node-style formatting: a first string argument may hold `%s %d %i %f %o %O %j %c` directives;
 * the rest of the arguments are inspected one by one.
 */
export function formatArguments(args: readonly unknown[], limits: InspectLimits = DEFAULT_INSPECT_LIMITS): InspectNode[] {
  const [first, ...rest] = args;
  if (typeof first !== 'string' || !first.includes('%')) return args.map((arg) => inspect(arg, limits));
  let index = 0;
  const text = first.replace(/%([sdifoOjc%])/g, (directive, letter: string) => {
    if (letter === '%') return '%';
    if (index >= rest.length) return directive;
    const arg = rest[index++];
    switch (letter) {
      case 's':
        return typeof arg === 'string' ? arg : preview(inspect(arg, limits));
      case 'd':
      case 'i': {
        if (typeof arg === 'bigint') return `${arg}n`;
        const number = Number(arg);
        return String(letter === 'i' ? Math.trunc(number) : number);
      }
      case 'f':
        return String(Number(arg));
      case 'c':
        return '';
      default:
        return preview(inspect(arg, limits), 10_000);
    }
  });
  return [inspect(text, limits), ...rest.slice(index).map((arg) => inspect(arg, limits))];
}
