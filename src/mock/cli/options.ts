/**
 * The CLI's commands and flags as data: each command declares its flags once (name, value,
 * help), and parsing, `--help` and the usage line are all read from that declaration, so adding a
 * flag or a command is one entry.
 */
import { parseArgs } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

interface FlagSpec {
  /** A flag with a value (`--port 4599`) shows its value's placeholder here; a switch has none. */
  value?: string;
  help: string;
  /** Used when the flag is absent (read from the environment where that makes sense). */
  default?: string;
  /** The flag may be given more than once; its value is then every one given, in order. */
  multiple?: true;
}

export type Flags = Readonly<Record<string, FlagSpec>>;

export interface Command {
  /** Positional arguments as the usage line shows them, e.g. `<id>`. */
  arguments?: string;
  summary: string;
  /** Extra help lines after the flags. */
  details?: string;
  flags: Flags;
  /** Help for this command given its arguments (`act <type> --help` lists that action's flags). */
  helpFor?(args: readonly string[]): string | undefined;
  /** Runs with the arguments after the command's name; resolves with the exit status. */
  run(args: string[]): Promise<number>;
}

export interface Parsed {
  positionals: string[];
  /** Each flag's value (a switch is `true` when given); absent flags without a default are missing. */
  values: Readonly<Record<string, string | boolean | string[] | undefined>>;
}

/** Parses `args` against `flags`; an unknown flag, or a value missing after one, is a {@link UsageError}. */
export function parseFlags(args: readonly string[], flags: Flags, { allowPositionals = true } = {}): Parsed {
  try {
    const { positionals, values } = parseArgs({
      args: [...args],
      allowPositionals,
      strict: true,
      options: Object.fromEntries(
        Object.entries(flags).map(([name, spec]) => [
          name,
          spec.value === undefined
            ? { type: 'boolean' as const }
            : {
                type: 'string' as const,
                ...(spec.multiple ? { multiple: true } : {}),
                ...(spec.default === undefined ? {} : { default: spec.default }),
              },
        ]),
      ),
    });
    return { positionals, values: values as Parsed['values'] };
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
      throw new UsageError(error.message);
    throw error;
  }
}

/** `kms-mock serve [--scenario <id>] [--port <port>]`. */
function usageLine(name: string, command: Pick<Command, 'arguments' | 'flags'>): string {
  const flags = Object.entries(command.flags).map(([flag, spec]) => `[--${flag}${spec.value ? ` ${spec.value}` : ''}]`);
  return ['kms-mock', name, ...(command.arguments ? [command.arguments] : []), ...flags].join(' ');
}

/** The flags as an aligned list: `  --port <port>   TCP port (default 4599)`. */
export function flagList(flags: Flags): string {
  const entries = Object.entries(flags).map(
    ([flag, spec]) => [`--${flag}${spec.value ? ` ${spec.value}` : ''}`, spec.help] as const,
  );
  const width = Math.max(0, ...entries.map(([left]) => left.length));
  return entries.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`).join('\n');
}

export function commandHelp(name: string, command: Command): string {
  const flags = Object.keys(command.flags).length > 0 ? ['', 'Options:', flagList(command.flags)] : [];
  return [usageLine(name, command), '', `${command.summary}.`, ...flags, ...(command.details ? ['', command.details] : [])].join(
    '\n',
  );
}
