/**
 * TypeScript → a function body. Sucrase strips the types and turns `import`/`export` into
 * `require`/`exports`, keeping line numbers, so errors point at the reader's own lines. It does
 * not type-check: the editor shows type errors; a run only fails on syntax errors.
 */
import { transform } from 'sucrase';
import { PROGRAM_FILE_NAME } from './stack';

export class ProgramSyntaxError extends SyntaxError {
  override name = 'SyntaxError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (${PROGRAM_FILE_NAME}, line ${line}, column ${column})`);
  }
}

/**
 * The programs compiled last, newest last: two, so that the run worker's warm-up program and the
 * reader's code (compiled ahead of Run) do not push each other out, and neither is compiled twice.
 */
const compiled = new Map<string, string>();
const KEPT_PROGRAMS = 2;

export function transpileProgram(source: string): string {
  const cached = compiled.get(source);
  if (cached !== undefined) {
    compiled.delete(source);
    compiled.set(source, cached);
    return cached;
  }
  try {
    const code = transform(source, {
      transforms: ['typescript', 'imports'],
      filePath: PROGRAM_FILE_NAME,
      production: true,
      // The browser runs modern syntax natively; only types and module syntax need rewriting.
      disableESTransforms: true,
    }).code;
    compiled.set(source, code);
    for (const oldest of compiled.keys()) if (compiled.size > KEPT_PROGRAMS) compiled.delete(oldest);
    return code;
  } catch (error) {
    throw toProgramSyntaxError(error, source);
  }
}

function toProgramSyntaxError(error: unknown, source: string): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const position = (error as Error & { pos?: unknown }).pos;
  if (typeof position !== 'number') return error;
  const before = source.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  const reason = error.message.replace(/^Error transforming [^:]*: /, '').replace(/ \(\d+:\d+\)$/, '');
  return new ProgramSyntaxError(reason, line, column);
}
