/** `node:timers/promises` for the reader's program, on the simulated clock. */
export function timersPromisesModule(sleep: (ms: number) => Promise<void>): Readonly<Record<string, unknown>> {
  return Object.freeze({
    setTimeout: async <T>(ms?: number, value?: T): Promise<T | undefined> => {
      await sleep(ms ?? 1);
      return value;
    },
  });
}
