#!/usr/bin/env node
/**
 * `kms-mock`: the mock KMS (and CloudHSM) endpoint on the command line.
 *
 *   kms-mock serve [--scenario <id>] [--port 4599] [--host 127.0.0.1]
 *   kms-mock act <action-type> --cluster-id … | fault <kind> | world | advance <5m> | scenario <id> | reset
 *   kms-mock explain <ConnectionErrorCode | exception name | scenario id>
 *
 * Everything but `serve` and `explain` talks to a running server (`--endpoint`, default
 * http://127.0.0.1:4599). Exit status: 0 done, 1 failed, 2 usage error.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ACCOUNT_ID, FAULT_KINDS, WORLD_ACTION_TYPES, worldActionParams, type WorldAction } from '../core/index.ts';
import { PortInUseError, StateFileError, startKmsMockServer } from '../node/index.ts';
import { DOCS_SITE_URL, getScenario } from '../scenarios/index.ts';
import { callControl, ControlRequestError, DEFAULT_ENDPOINT, type ServerAddress } from './control-client.ts';
import { parseDuration } from './duration.ts';
import { explain } from './explain.ts';
import { SERVE_OPTIONS, serveSettings } from './serve-options.ts';
import { runScenarioTrigger } from './trigger.ts';

class UsageError extends Error {
  override name = 'UsageError';
}

interface Command {
  usage: string;
  summary: string;
  /** Extra help lines after the usage. */
  details?: string;
  /** Runs with the arguments after the command's name; resolves with the exit status. */
  run(args: string[]): Promise<number>;
}

type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

function parseCommandArgs(args: string[], options: NonNullable<ParseArgsConfig['options']>): { positionals: string[]; values: Values } {
  return parseArgs({ args, options, allowPositionals: true, strict: true });
}

const ENDPOINT_OPTION = {
  endpoint: { type: 'string', default: process.env['KMS_MOCK_ENDPOINT'] ?? DEFAULT_ENDPOINT },
  // The account whose world the command addresses (a test worker's own); default the server's default account.
  account: { type: 'string', ...(process.env['KMS_MOCK_ACCOUNT'] ? { default: process.env['KMS_MOCK_ACCOUNT'] } : {}) },
} as const;

const print = (value: unknown) => console.log(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
const kebab = (camel: string) => camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
function endpointOf(values: Values): ServerAddress {
  const account = values['account'] as string | undefined;
  if (account !== undefined && !ACCOUNT_ID.test(account)) throw new UsageError(`--account takes a 12-digit account id, got "${account}".`);
  return { endpoint: String(values['endpoint']), account };
}

function onePositional(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`Expected exactly one ${what}.`);
  return positionals[0]!;
}

function integerOption(values: Values, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`--${name} takes a whole number, got "${String(raw)}".`);
  return value;
}

/** `--cluster-id x --latency-ms 100` as the action's fields, typed by the core's parameter table. */
function actionFromFlags(type: string, args: string[]): { action: WorldAction; endpoint: ServerAddress } {
  if (!(WORLD_ACTION_TYPES as readonly string[]).includes(type))
    throw new UsageError(`Unknown world action "${type}". Known actions: ${WORLD_ACTION_TYPES.join(', ')}.`);
  const params = worldActionParams(type as WorldAction['type']);
  const { values }: { values: Values } = parseArgs({
    args,
    options: { ...Object.fromEntries(Object.keys(params).map((p) => [kebab(p), { type: 'string' }] as const)), ...ENDPOINT_OPTION },
    strict: true,
  });
  const action: Record<string, unknown> = { type };
  for (const [param, kind] of Object.entries(params)) {
    const raw = values[kebab(param)];
    if (typeof raw !== 'string') continue;
    action[param] = kind === 'milliseconds' || kind === 'optional-count' ? Number(raw) : raw;
  }
  // The server checks the action (missing or malformed fields come back as a 400 naming them).
  return { action: action as WorldAction, endpoint: endpointOf(values) };
}

const COMMANDS: Readonly<Record<string, Command>> = {
  serve: {
    usage: 'kms-mock serve [--scenario <id>] [--before-trigger] [--port 4599] [--host 127.0.0.1] [--allow-origin URL] [--allow-host NAME] [--max-accounts 100] [--state FILE] [--credentials ID:SECRET]',
    summary: 'serve the mock KMS and CloudHSM endpoint (AWS JSON 1.1) and its control API',
    details:
      "With --scenario, the scenario's trigger runs first, so the world is the one its page's \"Confirm it\" shows;\n--before-trigger serves the world before it (kms-mock reset goes back there too).\nListens on loopback unless --host says otherwise (a warning says when it does not). Without --credentials any signature\nis accepted; with --credentials <accessKeyId>:<secretAccessKey> (repeatable) SigV4 is verified and a missing, malformed,\nwrong or expired signature gets AWS's error.\nBrowser pages from other origins are refused unless --allow-origin names them (repeatable); so are requests whose Host is not\nthe server's own name (DNS rebinding) unless --allow-host names it. The control API takes only application/json POSTs.\nA request signed with a 12-digit access key id is in that account: a world of its own, from the same scenario (at most\n--max-accounts of them); other access keys share the default account. The other commands take --account to address one.\nWith --state FILE every account's world is loaded from FILE at start and written to it after each change and on exit.\nCtrl+C (SIGINT) or SIGTERM stops it.",
    async run(args) {
      const { positionals, values } = parseCommandArgs(args, SERVE_OPTIONS);
      if (positionals.length > 0) throw new UsageError(`serve takes no arguments, got "${positionals.join(' ')}".`);
      const scenarioId = values['scenario'] as string | undefined;
      const scenario = scenarioId === undefined ? undefined : getScenario(scenarioId);
      const settings = serveSettings(values, { port: integerOption(values, 'port'), maxAccounts: integerOption(values, 'max-accounts') });
      for (const warning of settings.warnings) console.error(`kms-mock serve: warning: ${warning}`);
      const server = await startKmsMockServer({ ...settings.server, resolveScenario: getScenario, ...(scenario ? { scenario } : {}) });
      const region = server.mock.snapshot().region;
      const triggered = scenario && !values['before-trigger'] ? await runScenarioTrigger({ endpoint: server.url, credential: settings.server.credentials?.[0] }, scenario) : undefined;
      print(
        [
          `kms-mock: ${scenarioId ? `scenario ${scenarioId}` : 'an empty account (healthy cluster and proxy)'} at ${server.url}`,
          ...(triggered ? [`  ${triggered}`] : scenario ? ['  before its trigger (--before-trigger)'] : []),
          settings.server.credentials
            ? `  KMS and CloudHSM (cloudhsmv2) over AWS JSON 1.1; SigV4 signatures verified for ${settings.server.credentials.map((c) => c.accessKeyId).join(', ')}`
            : '  KMS and CloudHSM (cloudhsmv2) over AWS JSON 1.1; signatures are accepted, not verified (any credentials work)',
          ...(settings.server.stateFile ? [`  worlds kept in ${settings.server.stateFile} (every account; written after each change)`] : []),
          `  control API: ${server.url}/_mock/ (world, act, fault, faults/clear, advance, scenario, reset, requests)`,
          `  try: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url ${server.url} --region ${region} kms describe-custom-key-stores`,
          '  Ctrl+C stops it.',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      print('kms-mock: stopped.');
      return 0;
    },
  },
  act: {
    usage: 'kms-mock act <action-type> [--cluster-id …] [--uri-endpoint …] [--service-name …] [--endpoint URL] [--account ID]',
    summary: 'carry out a repair (or a breakage) outside KMS on a running server',
    details: `Action types: ${WORLD_ACTION_TYPES.join(', ')}.\nEach field is a flag: clusterId → --cluster-id, latencyMs → --latency-ms.`,
    async run(args) {
      const [type, ...flags] = args;
      if (!type || type.startsWith('-')) throw new UsageError('Expected an action type.');
      const { action, endpoint } = actionFromFlags(type, flags);
      print(await callControl(endpoint, 'POST', 'act', action));
      return 0;
    },
  },
  fault: {
    usage: 'kms-mock fault <kind> [--operation Encrypt] [--times 3] [--latency-ms 200] [--endpoint URL] [--account ID]',
    summary: 'inject a fault into a running server',
    details: `Kinds: ${FAULT_KINDS.join(', ')}. Without --operation it hits every operation; without --times, until cleared (kms-mock fault clear).`,
    async run(args) {
      const { positionals, values } = parseCommandArgs(args, {
        operation: { type: 'string' },
        times: { type: 'string' },
        'latency-ms': { type: 'string' },
        ...ENDPOINT_OPTION,
      });
      const kind = onePositional(positionals, 'fault kind (or "clear")');
      if (kind === 'clear') {
        print(await callControl(endpointOf(values), 'POST', 'faults/clear'));
        return 0;
      }
      const times = integerOption(values, 'times');
      const latencyMs = integerOption(values, 'latency-ms');
      const fault = {
        kind,
        ...(values['operation'] ? { operation: values['operation'] } : {}),
        ...(times !== undefined ? { times } : {}),
        ...(latencyMs !== undefined ? { latencyMs } : {}),
      };
      print(await callControl(endpointOf(values), 'POST', 'fault', fault));
      return 0;
    },
  },
  world: {
    usage: 'kms-mock world [--endpoint URL] [--account ID]',
    summary: "print a running server's world (JSON)",
    async run(args) {
      const { values } = parseCommandArgs(args, ENDPOINT_OPTION);
      print(await callControl(endpointOf(values), 'GET', 'world'));
      return 0;
    },
  },
  advance: {
    usage: 'kms-mock advance <duration> [--endpoint URL] [--account ID]',
    summary: "move a running server's simulated clock ahead (5m, 2h, 7d, 90s, 500ms)",
    async run(args) {
      const { positionals, values } = parseCommandArgs(args, ENDPOINT_OPTION);
      const text = onePositional(positionals, 'duration');
      const ms = parseDuration(text);
      if (ms === undefined) throw new UsageError(`"${text}" is not a duration: write it like 90s, 5m, 2h or 7d.`);
      print(await callControl(endpointOf(values), 'POST', 'advance', { ms }));
      return 0;
    },
  },
  scenario: {
    usage: 'kms-mock scenario <id> [--before-trigger] [--endpoint URL] [--account ID]',
    summary: "switch a running server to another scenario (and run its trigger, as serve does)",
    async run(args) {
      const { positionals, values } = parseCommandArgs(args, { 'before-trigger': { type: 'boolean' }, ...ENDPOINT_OPTION });
      const id = onePositional(positionals, 'scenario id');
      print(await callControl(endpointOf(values), 'POST', 'scenario', { id }));
      if (!values['before-trigger']) print(await runScenarioTrigger(endpointOf(values), getScenario(id)));
      return 0;
    },
  },
  reset: {
    usage: 'kms-mock reset [--endpoint URL] [--account ID]',
    summary: "bring a running server back to its scenario's starting world",
    async run(args) {
      const { values } = parseCommandArgs(args, ENDPOINT_OPTION);
      print(await callControl(endpointOf(values), 'POST', 'reset'));
      return 0;
    },
  },
  explain: {
    usage: 'kms-mock explain <ConnectionErrorCode | exception name | scenario id> [--docs-url URL]',
    summary: 'what it means, how to confirm it, how to fix it, and the page to read',
    async run(args) {
      const { positionals, values } = parseCommandArgs(args, {
        'docs-url': { type: 'string', default: process.env['KMS_MOCK_DOCS_URL'] ?? DOCS_SITE_URL },
      });
      const { text, found } = explain(onePositional(positionals, 'name to explain'), String(values['docs-url']));
      (found ? console.log : console.error)(text);
      return found ? 0 : 1;
    },
  },
};

function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'kms-mock: a local AWS KMS custom key store endpoint (with CloudHSM) for any SDK and the AWS CLI',
    '',
    'Usage: kms-mock <command> [options]    (kms-mock <command> --help for one command)',
    '',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
  ].join('\n');
}

const commandHelp = (command: Command) => [command.usage, '', command.summary + '.', ...(command.details ? ['', command.details] : [])].join('\n');

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = [...argv];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    print(helpText());
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`kms-mock: no command "${name}".\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    print(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError || error instanceof RangeError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`kms-mock ${name}: ${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    if (error instanceof PortInUseError || error instanceof ControlRequestError || error instanceof StateFileError) {
      console.error(`kms-mock ${name}: ${error.message}`);
      return 1;
    }
    // An unknown scenario id: getScenario's message names the nearest ids.
    if (error instanceof Error && error.message.startsWith('Unknown scenario')) {
      console.error(`kms-mock ${name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
