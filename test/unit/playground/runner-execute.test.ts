import { describe, expect, it } from 'vitest';
import { prepareExecution, preview, type ExecuteOptions, type ProgramEvent } from '../../../src/playground/runner';

const realTimers = {
  setTimeout: globalThis.setTimeout.bind(globalThis),
  clearTimeout: globalThis.clearTimeout.bind(globalThis),
  setInterval: globalThis.setInterval.bind(globalThis),
  clearInterval: globalThis.clearInterval.bind(globalThis),
} as ExecuteOptions['timers'];

function execute(source: string, extra: Partial<ExecuteOptions> = {}) {
  const events: ProgramEvent[] = [];
  const execution = prepareExecution({
    source,
    modules: {},
    timers: realTimers,
    now: () => Date.now(),
    realDelay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    emit: (event) => events.push(event),
    ...extra,
  });
  const lines = () =>
    events.map((event) =>
      event.type === 'console'
        ? `${event.entry.level}: ${event.entry.args.map((a) => preview(a)).join(' ')}`
        : event.type === 'uncaught'
          ? `uncaught (${event.where}): ${preview(event.error)}`
          : `truncated: ${event.note}`,
    );
  return { execution, events, lines };
}

describe('prepareExecution', () => {
  it('waits for pending timers before the run counts as finished', async () => {
    const { execution, lines } = execute(`
      setTimeout(() => console.log("later"), 30);
      console.log("now");`);
    const result = await execution.run();
    expect(result.status).toBe('completed');
    expect(lines()).toEqual(['log: now', 'log: later']);
  });

  it('waits for tracked requests started but not awaited by the top level', async () => {
    const { execution, lines } = execute(`request().then((answer) => console.info("answer", answer));`, {
      globals: {
        request: () => execution.track(new Promise((resolve) => setTimeout(() => resolve(42), 40))),
      },
    });
    await execution.run();
    expect(lines()).toEqual(['info: answer 42']);
  });

  it('reports a top-level throw with the line it came from', async () => {
    const { execution, events } = execute(`console.log("before");\nthrow new RangeError("bad input");`);
    const result = await execution.run();
    expect(result).toMatchObject({ status: 'threw', uncaughtErrors: 1 });
    const uncaught = events.find((e) => e.type === 'uncaught');
    expect(uncaught).toMatchObject({ where: 'top-level', error: { kind: 'error', name: 'RangeError', message: 'bad input' } });
    expect(uncaught?.type === 'uncaught' && uncaught.error.kind === 'error' && uncaught.error.stack).toMatch(/playground\.ts:2:/);
  });

  it('reports errors thrown in timer callbacks and keeps running', async () => {
    const { execution, lines } = execute(`
      setTimeout(() => { throw new Error("in a timer"); }, 5);
      setTimeout(() => console.log("still running"), 20);`);
    const result = await execution.run();
    expect(result.status).toBe('completed');
    expect(lines()).toEqual(['uncaught (timer): Error: in a timer', 'log: still running']);
  });

  it('reports unhandled rejections the host feeds in', async () => {
    let report: ((reason: unknown) => void) | undefined;
    const { execution, lines } = execute(`globalThis.__reject = true;`, {
      onUnhandledRejection: (handler) => {
        report = handler;
        return () => (report = undefined);
      },
    });
    const running = execution.run();
    report?.(new TypeError('nobody caught me'));
    await running;
    expect(lines()).toEqual(['uncaught (unhandled-rejection): TypeError: nobody caught me']);
    expect(report).toBeUndefined();
  });

  it('calls onStart after compiling, right before the first line runs', async () => {
    const order: string[] = [];
    const { execution } = execute(`mark("first line");`, {
      globals: { mark: (what: string) => order.push(what) },
      onStart: () => order.push('start'),
    });
    await execution.run();
    expect(order).toEqual(['start', 'first line']);
  });

  it('reports syntax errors without running anything', async () => {
    let started = false;
    const { execution, lines } = execute(`console.log("never");\nlet = ;`, { onStart: () => (started = true) });
    const result = await execution.run();
    expect(started).toBe(false);
    expect(result.status).toBe('syntax-error');
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatch(/^uncaught \(top-level\): SyntaxError: .*line 2/);
  });

  it('truncates huge output once, with a note, and counts what it dropped', async () => {
    const { execution, events } = execute(`for (let i = 0; i < 50; i++) console.log("line", i);`, {
      outputLimits: { maxEntries: 10, maxChars: 1_000_000 },
    });
    const result = await execution.run();
    expect(events.filter((e) => e.type === 'console')).toHaveLength(10);
    const notes = events.filter((e) => e.type === 'truncated');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ note: expect.stringMatching(/more than 10 lines/) });
    expect(result.droppedEntries).toBe(39);
  });
});
