/**
 * The AWS CLI commands the pages show, read out of their MDX the way a reader sees them, with the
 * rules the page-commands test holds them to (they are stated on the "any language" guide too):
 *
 * - A command is a shell command in a `sh`/`bash`/`shell` code block that calls the AWS CLI: a
 *   line, its `\` continuations, and for a `for … do … done` or `until … do … done` loop everything
 *   up to its `done`. Commands for other tools (curl, dig, openssl against a proxy) are not AWS
 *   API calls and are left alone.
 * - `# not simulated by the mock: <what>` on the line before a command marks a command for a
 *   service or operation the mock does not have (CloudTrail, EC2, STS, CloudHSM backups, …). It may
 *   end with `; in the mock: kms-mock act <action> --<param> <value>…`: the world action that
 *   stands in for it, which the test then applies through the control API instead.
 * - `# not run in this page's scenario: <why>` on the line before a command marks a command for a
 *   simulated service that does not apply to this page's scenario (an example for the other kind
 *   of store, a step for a variant of the problem).
 * - The `#` lines directly under a command (up to a blank line or the next command) are the
 *   output the page promises; see `matchOutput` for how they are compared.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface PageCommand {
  /** Page file, relative to the repository (`content/docs/scenarios/user-locked-out.mdx`). */
  page: string;
  /** 1-based line of the command's first line in the page. */
  line: number;
  /** The command as the page shows it (continuations kept), without the block's indentation. */
  text: string;
  /** `kms describe-custom-key-stores`, … for every `aws` call in the command. */
  awsCalls: string[];
  /** Why the page says it is not run: a `not simulated` or `not run in this page's scenario` mark. */
  skip?: { kind: 'not-simulated' | 'not-run-here'; reason: string };
  /** `kms-mock act …` named by a `not simulated` mark: what the test does instead. */
  standIn?: string;
  /** The `#` lines under the command, without the `# `. */
  expectedOutput: string[];
}

export interface ScenarioPage {
  page: string;
  scenarioId: string;
  commands: PageCommand[];
}

/** The AWS API operations the mock answers, as CLI `service subcommand`. */
const SIMULATED_CLOUDHSM_CALLS = ['describe-clusters', 'create-hsm', 'delete-hsm'];

function isSimulatedCall(call: string): boolean {
  const [service, operation = ''] = call.split(' ');
  return service === 'kms' || (service === 'cloudhsmv2' && SIMULATED_CLOUDHSM_CALLS.includes(operation));
}

const FENCE = /^(\s*)```(\w*)/;
const SHELL_LANGS = new Set(['sh', 'bash', 'shell']);
const NOT_SIMULATED = /^#\s*not simulated by the mock:\s*(.+?)(?:;\s*in the mock:\s*(kms-mock act .+))?\s*$/;
const NOT_RUN_HERE = /^#\s*not run in this page's scenario:\s*(.+?)\s*$/;
const AWS_CALL = /(?:^|[\s$(;|&`])aws\s+([a-z0-9-]+)\s+([a-z0-9-]+)/g;

interface Block {
  /** 1-based page line of the block's first content line. */
  firstLine: number;
  lines: string[];
}

function shellBlocks(source: string): Block[] {
  const lines = source.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const close = lines.findIndex((line, j) => j > i && /^\s*```\s*$/.test(line));
    if (close === -1) throw new Error(`Unclosed code fence at line ${i + 1}`);
    if (SHELL_LANGS.has(open[2]!)) {
      blocks.push({
        firstLine: i + 2,
        lines: lines.slice(i + 1, close).map((line) => line.slice(Math.min(indent, line.search(/\S|$/)))),
      });
    }
    i = close;
  }
  return blocks;
}

/** Open `do` (loops) minus `done`, to know whether a command continues on the next line. */
const openLoops = (text: string) => (text.match(/\bdo\b/g)?.length ?? 0) - (text.match(/\bdone\b/g)?.length ?? 0);

/** Which commands of a block to keep: those that call the AWS CLI, or every one (a page walked whole). */
type Keep = 'aws-calls' | 'all';

function commandsOf(block: Block, page: string, keep: Keep = 'aws-calls'): PageCommand[] {
  const commands: PageCommand[] = [];
  let pendingMark: Pick<PageCommand, 'skip' | 'standIn'> = {};
  let current: PageCommand | undefined;
  let collectingOutput = false;
  for (let i = 0; i < block.lines.length; i++) {
    const line = block.lines[i]!;
    const trimmed = line.trim();
    if (trimmed === '') {
      collectingOutput = false;
      continue;
    }
    if (trimmed.startsWith('#')) {
      const notSimulated = NOT_SIMULATED.exec(trimmed);
      const notRunHere = NOT_RUN_HERE.exec(trimmed);
      if (notSimulated) {
        pendingMark = {
          skip: { kind: 'not-simulated', reason: notSimulated[1]! },
          ...(notSimulated[2] ? { standIn: notSimulated[2] } : {}),
        };
        collectingOutput = false;
      } else if (notRunHere) {
        pendingMark = { skip: { kind: 'not-run-here', reason: notRunHere[1]! } };
        collectingOutput = false;
      } else if (collectingOutput && current) {
        current.expectedOutput.push(trimmed.replace(/^#\s?/, ''));
      }
      continue;
    }
    const start = i;
    let text = line;
    while ((text.endsWith('\\') || openLoops(text) > 0) && i + 1 < block.lines.length) text += `\n${block.lines[++i]!}`;
    const awsCalls = [...text.matchAll(AWS_CALL)].map((match) => `${match[1]} ${match[2]}`);
    current = { page, line: block.firstLine + start, text, awsCalls, expectedOutput: [], ...pendingMark };
    if (awsCalls.length > 0 || keep === 'all') commands.push(current);
    pendingMark = {};
    collectingOutput = true;
  }
  return commands;
}

/** The AWS CLI commands in one page's shell code blocks, in page order. */
export function pageCommands(source: string, page: string): PageCommand[] {
  return shellBlocks(source).flatMap((block) => commandsOf(block, page));
}

/** Every command in one page's shell code blocks (`export`, `npx …`, `python3 …`, `aws …`), in page order. */
export function pageShellCommands(source: string, page: string): PageCommand[] {
  return shellBlocks(source).flatMap((block) => commandsOf(block, page, 'all'));
}

function frontmatterScenario(source: string): string | undefined {
  const match = /^---\n([\s\S]*?)\n---/.exec(source);
  const data: unknown = match ? parseYaml(match[1]!) : undefined;
  const scenario = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).scenario : undefined;
  return typeof scenario === 'string' ? scenario : undefined;
}

/** Every page under `docsDir` with a `scenario:` in its frontmatter, with its shell commands in page order. */
export function scenarioPages(repoRoot: string, docsDir = 'content/docs'): ScenarioPage[] {
  const pages: ScenarioPage[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.mdx')) {
        const source = readFileSync(join(repoRoot, path), 'utf8');
        const scenarioId = frontmatterScenario(source);
        if (scenarioId) pages.push({ page: path, scenarioId, commands: pageCommands(source, path) });
      }
    }
  };
  walk(docsDir);
  return pages;
}

/** What is wrong with a command's marks, or undefined: the test fails on each such finding. */
export function markProblem(command: PageCommand): string | undefined {
  const unsimulated = command.awsCalls.filter((call) => !isSimulatedCall(call));
  if (!command.skip && unsimulated.length > 0)
    return `calls ${unsimulated.map((c) => `aws ${c}`).join(', ')}, which the mock does not simulate, and has no "# not simulated by the mock: …" mark`;
  if (command.skip?.kind === 'not-simulated' && unsimulated.length === 0)
    return `is marked "not simulated by the mock", but the mock does simulate ${command.awsCalls.map((c) => `aws ${c}`).join(', ')}`;
  if (command.skip?.kind === 'not-run-here' && unsimulated.length > 0)
    return `is marked "not run in this page's scenario", but calls a service the mock does not simulate: mark it "not simulated by the mock" instead`;
  return undefined;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const ERROR_NAME = /^(?:An error occurred \((\w+)\).*|(\w+(?:Exception|Error)))$/;
const words = (line: string) => line.trim().split(/\s+/).join(' ');

/**
 * Whether a command's real result is what the page shows; returns the mismatch, or undefined.
 *
 * - No `#` lines: the command must succeed (exit 0).
 * - `# An error occurred (SomeException) …` or `# SomeException`: the command must fail (non-zero
 *   exit) and its stderr must name that error as the CLI does, `(SomeException)`.
 * - JSON output with `# Key: value` lines: each line must be a property somewhere in the JSON
 *   with exactly that value (strings unquoted).
 * - Otherwise (text output): the `#` lines are the whole output, line by line, with every run of
 *   spaces or tabs counted as one space (`--output text` separates columns with tabs).
 */
export function matchOutput(expected: readonly string[], result: CommandResult): string | undefined {
  const errorName = expected.length === 1 ? ERROR_NAME.exec(expected[0]!.trim()) : null;
  if (errorName) {
    const name = errorName[1] ?? errorName[2]!;
    if (result.exitCode === 0) return `expected it to fail with ${name}, but it exited 0`;
    return result.stderr.includes(`(${name})`) ? undefined : `expected (${name}) in stderr, got: ${result.stderr.trim()}`;
  }
  if (result.exitCode !== 0) return `exited ${result.exitCode}: ${result.stderr.trim() || result.stdout.trim()}`;
  if (expected.length === 0) return undefined;
  // The printed form, as the reader's terminal shows it: a page must not summarise JSON output as `Key: value`.
  const actual = result.stdout
    .split('\n')
    .map(words)
    .filter((line) => line !== '');
  const wanted = expected.map(words);
  return actual.join('\n') === wanted.join('\n') ? undefined : `expected output\n${wanted.join('\n')}\ngot\n${actual.join('\n')}`;
}

/** The Region a command names (`--region eu-west-1`), else the CLI default the test uses. */
export const regionOf = (command: string) => /--region\s+([a-z0-9-]+)/.exec(command)?.[1] ?? 'us-east-1';

/** `kms-mock act restore-cluster-from-backup --cluster-id a --new-cluster-id b` → the control API's WorldAction JSON. */
export function worldActionOf(standIn: string): Record<string, string> {
  const [, , type, ...rest] = standIn.trim().split(/\s+/);
  if (!type || rest.length % 2 !== 0)
    throw new Error(`Cannot read the stand-in "${standIn}": want kms-mock act <action> --<param> <value>…`);
  const action: Record<string, string> = { type };
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i]!;
    if (!flag.startsWith('--')) throw new Error(`Cannot read the stand-in "${standIn}": "${flag}" is not a --flag`);
    action[flag.slice(2).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())] = rest[i + 1]!;
  }
  return action;
}
