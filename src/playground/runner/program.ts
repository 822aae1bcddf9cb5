/**
 * Runs a transpiled program as the body of an async function, so top-level `await` works, with
 * `require` resolved from a fixed module map and chosen free variables (console, timers, Date)
 * shadowing the host's globals. Framework-free: the playground worker and Node tests use it alike.
 */
import { PROGRAM_FILE_NAME } from './stack';
import { transpileProgram } from './transpile';

export interface ProgramHost {
  /** Module specifier → module namespace, e.g. `{ '@aws-sdk/client-kms': sdk }`. */
  modules: Readonly<Record<string, unknown>>;
  /** Free variables the program sees instead of the host's globals (`console`, `setTimeout`, …). */
  globals: Readonly<Record<string, unknown>>;
}

export class ModuleNotFoundError extends Error {
  override name = 'ModuleNotFoundError';
  constructor(specifier: string, available: readonly string[]) {
    super(
      `Cannot find module '${specifier}': the playground runs in your browser without npm and provides only ${available.map((name) => `'${name}'`).join(', ')}.`,
    );
  }
}

type AsyncFunctionConstructor = new (...parameters: string[]) => (...values: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as AsyncFunctionConstructor;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const RESERVED_PARAMETERS = new Set(['require', 'exports', 'module']);

/** Compiles the program; syntax errors surface here, before anything runs. */
export function compileProgram(source: string, host: ProgramHost): () => Promise<Record<string, unknown>> {
  const names = Object.keys(host.globals);
  for (const name of names) {
    if (!IDENTIFIER.test(name) || RESERVED_PARAMETERS.has(name)) {
      throw new TypeError(`Cannot inject a global named '${name}' into the program.`);
    }
  }
  const body = `${transpileProgram(source)}\n//# sourceURL=${PROGRAM_FILE_NAME}`;
  const run = new AsyncFunction('require', 'exports', 'module', ...names, body);
  const available = Object.keys(host.modules);
  const require = (specifier: string): unknown => {
    if (Object.hasOwn(host.modules, specifier)) return host.modules[specifier];
    throw new ModuleNotFoundError(specifier, available);
  };
  return async () => {
    const module = { exports: {} as Record<string, unknown> };
    await run(require, module.exports, module, ...names.map((name) => host.globals[name]));
    return module.exports;
  };
}

/** Transpiles and runs `source`; resolves with its exports once its top level has finished. */
export function runProgram(source: string, host: ProgramHost): Promise<Record<string, unknown>> {
  return compileProgram(source, host)();
}
