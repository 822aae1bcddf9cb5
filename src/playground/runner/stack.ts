/** Where the reader's program shows up in stack traces, and how to map its line numbers back. */

/** The file name errors and stack traces show for the reader's program. */
export const PROGRAM_FILE_NAME = 'playground.ts';

/** `new AsyncFunction(...)` puts its own header on two lines before the body. */
const HEADER_LINES = 2;

/**
 * Rewrites `playground.ts:LINE:COL` frames in a stack trace to the reader's line numbers, and
 * drops the frames of the playground's own machinery below the program.
 */
export function mapProgramStack(stack: string): string {
  const pattern = new RegExp(`${PROGRAM_FILE_NAME.replace('.', '\\.')}:(\\d+):(\\d+)`, 'g');
  const lines = stack.split('\n');
  const lastProgramFrame = lines.findLastIndex((line) => line.includes(`${PROGRAM_FILE_NAME}:`));
  const kept = lastProgramFrame === -1 ? lines : lines.slice(0, lastProgramFrame + 1);
  return kept
    .join('\n')
    .replace(
      pattern,
      (_, line: string, column: string) => `${PROGRAM_FILE_NAME}:${Math.max(1, Number(line) - HEADER_LINES)}:${column}`,
    );
}
