import { describe, expect, it } from 'vitest';
import { ModuleNotFoundError, ProgramSyntaxError, mapProgramStack, runProgram } from '../../../src/playground/runner';

const noGlobals = { modules: {}, globals: {} };

describe('runProgram', () => {
  it('runs TypeScript with top-level await, imports from the module map and exports', async () => {
    const greeter = { greet: (name: string) => `hello ${name}` };
    const exports = await runProgram(
      `import { greet } from "greeter";
       interface Person { name: string }
       const person: Person = { name: await Promise.resolve("Ada") };
       export const message = greet(person.name);`,
      { modules: { greeter: greeter }, globals: {} },
    );
    expect(exports.message).toBe('hello Ada');
  });

  it('gives the program the injected globals instead of the host ones', async () => {
    const lines: unknown[] = [];
    await runProgram(`console.log("from the program", typeof setTimeout);`, {
      modules: {},
      globals: { console: { log: (...args: unknown[]) => lines.push(args) }, setTimeout: 'fake' },
    });
    expect(lines).toEqual([['from the program', 'string']]);
  });

  it('names the modules the playground provides when an import is missing', async () => {
    const run = runProgram(`import leftPad from "left-pad";\nexport const padded = leftPad("1", 3);`, {
      modules: { '@aws-sdk/client-kms': {} },
      globals: {},
    });
    await expect(run).rejects.toBeInstanceOf(ModuleNotFoundError);
    await expect(run).rejects.toThrow(/Cannot find module 'left-pad'.*provides only '@aws-sdk\/client-kms'/);
  });

  it('resolves dynamic import() from the same module map', async () => {
    const exports = await runProgram(`export const answer = (await import("answers")).value;`, {
      modules: { answers: { value: 42 } },
      globals: {},
    });
    expect(exports.answer).toBe(42);
  });

  it('reports syntax errors at the line and column of the source', () => {
    let caught: unknown;
    try {
      void runProgram(`const ok = 1;\nconst broken = ;\n`, noGlobals);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProgramSyntaxError);
    expect(caught).toMatchObject({ line: 2, column: 16 });
    expect(String(caught)).toMatch(/line 2, column 16/);
  });

  it('maps stack frames of the program back to its own line numbers', async () => {
    const error = await runProgram(`const a = 1;\n\nthrow new Error("third line");`, noGlobals).then(
      () => new Error('did not throw'),
      (e: Error) => e,
    );
    expect(error.message).toBe('third line');
    expect(mapProgramStack(error.stack ?? '')).toMatch(/playground\.ts:3:7/);
  });

  it('refuses a global whose name could not be a parameter', () => {
    expect(() => runProgram('', { modules: {}, globals: { 'not valid': 1 } })).toThrow(
      /Cannot inject a global named 'not valid'/,
    );
  });
});
