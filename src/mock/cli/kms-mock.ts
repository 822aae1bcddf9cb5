#!/usr/bin/env node
/**
 * `kms-mock`: the mock KMS (and CloudHSM) endpoint on the command line.
 *
 *   kms-mock serve [--scenario <id>] [--port 4599] [--host 127.0.0.1]
 *   kms-mock act <action-type> --cluster-id … | fault <kind> | world | advance <5m> | scenario <id> | reset
 *   kms-mock explain <ConnectionErrorCode | exception name | scenario id | error line>
 *   kms-mock diagnose [file] [--json]
 *
 * Each command, with its flags and their help, is one entry of COMMANDS: parsing, `--help` and
 * the usage lines are read from there (./options.ts).
 *
 * Everything but `serve` and `explain` talks to a running server (`--endpoint`, default
 * http://127.0.0.1:4599). Exit status: 0 done, 1 failed, 2 usage error.
 */
import {
  ACCOUNT_ID,
  FAULTS,
  FAULT_KINDS,
  FAULT_OPTIONS,
  PARAMETER_KINDS,
  WORLD_ACTION_TYPES,
  describeKind,
  describeWorldActionParameters,
  type ParameterKind,
  type WorldAction,
} from '../core/index.ts';
import { PortInUseError, StateFileError, startKmsMockServer } from '../node/index.ts';
import { DOCS_SITE_URL, getScenario } from '../scenarios/index.ts';
import { callControl, ControlRequestError, DEFAULT_ENDPOINT, type ServerAddress } from './control-client.ts';
import { diagnoseCommand } from './diagnose.ts';
import { parseDuration } from './duration.ts';
import { explain } from './explain.ts';
import { commandHelp, flagList, parseFlags, UsageError, type Command, type Flags, type Parsed } from './options.ts';
import { PACKAGE_VERSION, RUN_WITHOUT_INSTALL } from './package-info.ts';
import { SERVE_FLAGS, serveSettings } from './serve-options.ts';
import { runScenarioTrigger } from './trigger.ts';

const ENDPOINT_FLAG: Flags = {
  endpoint: {
    value: '<url>',
    help: `the running kms-mock serve (default ${DEFAULT_ENDPOINT}, or KMS_MOCK_ENDPOINT)`,
    default: process.env['KMS_MOCK_ENDPOINT'] ?? DEFAULT_ENDPOINT,
  },
  account: {
    value: '<account-id>',
    help: "the 12-digit account whose world to address, a test worker's own (default: the server's default account, or KMS_MOCK_ACCOUNT)",
    ...(process.env['KMS_MOCK_ACCOUNT'] ? { default: process.env['KMS_MOCK_ACCOUNT'] } : {}),
  },
};
const BEFORE_TRIGGER_FLAG: Flags = {
  'before-trigger': { help: 'the scenario\'s world before its trigger ran (default: after, as its page\'s "Confirm it" shows)' },
};

/** The world's timestamps (epoch milliseconds in the model) as ISO strings, as the other commands print times. */
const TIME_FIELDS = new Set(['now', 'until', 'creationDate', 'deletionDate']);
const printTimes = (key: string, value: unknown) =>
  TIME_FIELDS.has(key) && typeof value === 'number' ? new Date(value).toISOString() : value;

const print = (value: unknown) => console.log(typeof value === 'string' ? value : JSON.stringify(value, printTimes, 2));
const kebab = (camel: string) => camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
function endpointOf({ values }: Parsed): ServerAddress {
  const account = values['account'];
  if (typeof account === 'string' && !ACCOUNT_ID.test(account))
    throw new UsageError(`--account takes a 12-digit account id, got "${account}".`);
  return { endpoint: String(values['endpoint']), account: typeof account === 'string' ? account : undefined };
}

function onePositional({ positionals }: Parsed, what: string): string {
  if (positionals.length !== 1) throw new UsageError(`Expected exactly one ${what}.`);
  return positionals[0]!;
}

function integerOption({ values }: Parsed, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`--${name} takes a whole number, got "${String(raw)}".`);
  return value;
}

interface StartingWorld {
  world: string;
  /** Whether the scenario's trigger has run, and what came of it. */
  detail?: string;
}

/** Which world a server holds: the scenario and whether its trigger has run (it runs it unless beforeTrigger). */
async function startingWorld(
  address: ServerAddress,
  scenarioId: string | null | undefined,
  beforeTrigger: boolean,
): Promise<StartingWorld> {
  if (!scenarioId) return { world: 'an empty account (healthy cluster and proxy)' };
  if (beforeTrigger) return { world: `scenario ${scenarioId}`, detail: 'before its trigger (--before-trigger)' };
  return {
    world: `scenario ${scenarioId}`,
    detail: `after its trigger, as serve --scenario starts it: ${await runScenarioTrigger(address, getScenario(scenarioId))}`,
  };
}

const oneLine = ({ world, detail }: StartingWorld) => (detail ? `${world}, ${detail}` : world);

function isActionType(type: string): type is WorldAction['type'] {
  return (WORLD_ACTION_TYPES as readonly string[]).includes(type);
}

/** One action's fields as flags, from the core's table: clusterId → `--cluster-id <clusterId>`. */
function actionFlags(type: WorldAction['type']): Flags {
  return Object.fromEntries(
    describeWorldActionParameters(type).map(({ name, required, takes }) => [
      kebab(name),
      { value: `<${name}>`, help: `${required ? 'required' : 'optional'}: ${takes}` },
    ]),
  );
}

/** The options some fault kinds take besides --operation and --times, each with its kind, from the core's FAULTS table. */
const FAULT_OPTION_KINDS = FAULT_OPTIONS.map((option) => {
  const kinds = FAULT_KINDS.filter((kind) => option in FAULTS[kind].options);
  const options: Readonly<Record<string, ParameterKind>> = FAULTS[kinds[0]!].options;
  return { option, kind: options[option]!, usedBy: kinds };
});
const FAULT_OPTION_FLAGS: Flags = Object.fromEntries(
  FAULT_OPTION_KINDS.map(({ option, kind, usedBy }) => [
    kebab(option),
    { value: `<${option}>`, help: `${usedBy.join(', ')} only: ${describeKind(kind)}` },
  ]),
);

function knownActionType(type: string): WorldAction['type'] {
  if (!isActionType(type))
    throw new UsageError(`Unknown world action "${type}". Known actions: ${WORLD_ACTION_TYPES.join(', ')}.`);
  return type;
}

/** `--cluster-id x --latency-ms 100` as the action's fields, typed by the core's parameter table; every missing flag named at once. */
function actionFromFlags(type: WorldAction['type'], args: readonly string[]): { action: WorldAction; parsed: Parsed } {
  const params = describeWorldActionParameters(type);
  const parsed = parseFlags(args, { ...actionFlags(type), ...ENDPOINT_FLAG }, { allowPositionals: false });
  const missing = params.filter(({ name, required }) => required && typeof parsed.values[kebab(name)] !== 'string');
  if (missing.length > 0) throw new UsageError(`${type} needs ${missing.map(({ name }) => `--${kebab(name)}`).join(' and ')}.`);
  const action: Record<string, unknown> = { type };
  for (const { name, type: valueType } of params) {
    const raw = parsed.values[kebab(name)];
    if (typeof raw !== 'string') continue;
    const numeric = valueType === 'number';
    if (numeric && !Number.isFinite(Number(raw))) throw new UsageError(`--${kebab(name)} takes a number, got "${raw}".`);
    action[name] = numeric ? Number(raw) : raw;
  }
  // The server checks the rest (a value out of range, a cluster that does not exist).
  return { action: action as WorldAction, parsed };
}

const COMMANDS: Readonly<Record<string, Command>> = {
  serve: {
    summary: 'serve the mock KMS and CloudHSM endpoint (AWS JSON 1.1) and its control API',
    flags: {
      scenario: { value: '<id>', help: "start from this scenario's world (default: an empty account)" },
      ...BEFORE_TRIGGER_FLAG,
      ...SERVE_FLAGS,
    },
    details: [
      'With --scenario, the scenario\'s trigger runs first, so the world is the one its page\'s "Confirm it" shows',
      '(kms-mock reset goes back there too).',
      'Listens on loopback unless --host says otherwise (a warning says when it does not). Without --credentials any',
      "signature is accepted; with it SigV4 is verified and a missing, malformed, wrong or expired signature gets AWS's error.",
      'Browser pages from other origins are refused unless --allow-origin names them; so are requests whose Host is not',
      "the server's own name (DNS rebinding) unless --allow-host names it. The control API takes only application/json POSTs.",
      'A request signed with a 12-digit access key id is in that account: a world of its own, from the same scenario;',
      'other access keys share the default account. The other commands take --account to address one.',
      'Ctrl+C (SIGINT) or SIGTERM stops it (with --state, after writing the worlds).',
    ].join('\n'),
    async run(args) {
      const parsed = parseFlags(args, this.flags);
      if (parsed.positionals.length > 0) throw new UsageError(`serve takes no arguments, got "${parsed.positionals.join(' ')}".`);
      const scenarioId = parsed.values['scenario'] as string | undefined;
      const scenario = scenarioId === undefined ? undefined : getScenario(scenarioId);
      const settings = serveSettings(parsed.values, {
        port: integerOption(parsed, 'port'),
        maxAccounts: integerOption(parsed, 'max-accounts'),
      });
      for (const warning of settings.warnings) console.error(`kms-mock serve: warning: ${warning}`);
      const server = await startKmsMockServer({
        ...settings.server,
        resolveScenario: getScenario,
        ...(scenario ? { scenario } : {}),
      });
      const region = server.mock.snapshot().region;
      const { credentials, stateFile } = settings.server;
      const { world, detail } = await startingWorld(
        { endpoint: server.url },
        scenarioId,
        parsed.values['before-trigger'] === true,
      );
      print(
        [
          `kms-mock: ${world} at ${server.url}`,
          ...(detail ? [`  ${detail}`] : []),
          credentials
            ? `  KMS and CloudHSM (cloudhsmv2) over AWS JSON 1.1; SigV4 signatures verified for ${credentials.map((c) => c.accessKeyId).join(', ')}`
            : '  KMS and CloudHSM (cloudhsmv2) over AWS JSON 1.1; signatures are accepted, not verified (any credentials work)',
          ...(stateFile ? [`  worlds kept in ${stateFile} (every account; written within 100 ms of each change)`] : []),
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
    arguments: '<action-type> [--<field> <value>…]',
    summary: 'carry out a repair (or a breakage) outside KMS on a running server',
    flags: ENDPOINT_FLAG,
    details: `Action types: ${WORLD_ACTION_TYPES.join(', ')}.\nEach field is a flag (clusterId → --cluster-id): kms-mock act <action-type> --help lists them.`,
    helpFor([type]) {
      if (!type || type.startsWith('-')) return undefined;
      const flags = { ...actionFlags(knownActionType(type)), ...ENDPOINT_FLAG };
      return [
        `kms-mock act ${type} ${Object.keys(flags)
          .map((flag) => `--${flag} ${flags[flag]!.value}`)
          .join(' ')}`,
        '',
        'Options:',
        flagList(flags),
      ].join('\n');
    },
    async run(args) {
      const [type, ...rest] = args;
      if (!type || type.startsWith('-')) throw new UsageError('Expected an action type.');
      const { action, parsed } = actionFromFlags(knownActionType(type), rest);
      print(await callControl(endpointOf(parsed), 'POST', 'act', action));
      return 0;
    },
  },
  fault: {
    arguments: '<kind | clear>',
    summary: 'inject a fault into a running server',
    flags: {
      operation: { value: '<name>', help: 'only this operation, e.g. Encrypt (default: every operation)' },
      times: { value: '<n>', help: 'this many requests (default: until kms-mock fault clear)' },
      ...FAULT_OPTION_FLAGS,
      ...ENDPOINT_FLAG,
    },
    details: `Kinds: ${FAULT_KINDS.join(', ')}.`,
    async run(args) {
      const parsed = parseFlags(args, this.flags);
      const kind = onePositional(parsed, 'fault kind (or "clear")');
      if (kind === 'clear') {
        print(await callControl(endpointOf(parsed), 'POST', 'faults/clear'));
        return 0;
      }
      const times = integerOption(parsed, 'times');
      const operation = parsed.values['operation'];
      const options = FAULT_OPTION_KINDS.flatMap(({ option, kind }) => {
        const flag = kebab(option);
        const value = PARAMETER_KINDS[kind].type === 'number' ? integerOption(parsed, flag) : parsed.values[flag];
        return value === undefined ? [] : [[option, value] as const];
      });
      // The server checks the kind and which options it takes.
      const fault = {
        kind,
        ...(operation ? { operation } : {}),
        ...(times !== undefined ? { times } : {}),
        ...Object.fromEntries(options),
      };
      print(await callControl(endpointOf(parsed), 'POST', 'fault', fault));
      return 0;
    },
  },
  world: {
    summary: "print a running server's world (JSON, times in ISO 8601)",
    flags: ENDPOINT_FLAG,
    async run(args) {
      const parsed = parseFlags(args, this.flags, { allowPositionals: false });
      print(await callControl(endpointOf(parsed), 'GET', 'world'));
      return 0;
    },
  },
  advance: {
    arguments: '<duration>',
    summary: "move a running server's simulated clock ahead (5m, 2h, 7d, 90s, 500ms)",
    flags: ENDPOINT_FLAG,
    async run(args) {
      const parsed = parseFlags(args, this.flags);
      const text = onePositional(parsed, 'duration');
      const ms = parseDuration(text);
      if (ms === undefined) throw new UsageError(`"${text}" is not a duration: write it like 90s, 5m, 2h or 7d.`);
      print(await callControl(endpointOf(parsed), 'POST', 'advance', { ms }));
      return 0;
    },
  },
  scenario: {
    arguments: '<id>',
    summary: 'switch a running server to another scenario (and run its trigger, as serve does)',
    flags: { ...BEFORE_TRIGGER_FLAG, ...ENDPOINT_FLAG },
    async run(args) {
      const parsed = parseFlags(args, this.flags);
      const id = onePositional(parsed, 'scenario id');
      await callControl(endpointOf(parsed), 'POST', 'scenario', { id });
      print(`kms-mock: now ${oneLine(await startingWorld(endpointOf(parsed), id, parsed.values['before-trigger'] === true))}`);
      return 0;
    },
  },
  reset: {
    summary: "bring a running server back to its scenario's world, after its trigger as serve --scenario starts it",
    flags: { ...BEFORE_TRIGGER_FLAG, ...ENDPOINT_FLAG },
    async run(args) {
      const parsed = parseFlags(args, this.flags, { allowPositionals: false });
      const answer = (await callControl(endpointOf(parsed), 'POST', 'reset')) as { scenario?: string | null };
      print(
        `kms-mock: reset to ${oneLine(await startingWorld(endpointOf(parsed), answer.scenario, parsed.values['before-trigger'] === true))}`,
      );
      return 0;
    },
  },
  explain: {
    arguments: '<ConnectionErrorCode | exception name | scenario id | error line>',
    summary: 'what it means, how to confirm it, how to fix it, and the page to read',
    flags: {
      operation: { value: '<name>', help: 'the call that failed (CreateKey): narrows an exception with several causes' },
      'docs-url': {
        value: '<url>',
        help: 'where the guides are deployed (or KMS_MOCK_DOCS_URL)',
        default: process.env['KMS_MOCK_DOCS_URL'] ?? DOCS_SITE_URL,
      },
    },
    details:
      'An error line works as the AWS CLI and boto3 print it, quoted:\n  kms-mock explain "An error occurred (CustomKeyStoreInvalidStateException) when calling the CreateKey operation: …"',
    async run(args) {
      const parsed = parseFlags(args, this.flags);
      if (parsed.positionals.length === 0) throw new UsageError('Expected a name to explain.');
      const operation = parsed.values['operation'];
      const { text, found } = explain({
        term: parsed.positionals.join(' '),
        docsUrl: String(parsed.values['docs-url']),
        ...(typeof operation === 'string' ? { operation } : {}),
      });
      (found ? console.log : console.error)(text);
      return found ? 0 : 1;
    },
  },
  diagnose: diagnoseCommand,
};

function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    `kms-mock ${PACKAGE_VERSION}: a local AWS KMS custom key store endpoint (with CloudHSM) for any SDK and the AWS CLI`,
    '',
    'Usage: kms-mock <command> [options]    (kms-mock <command> --help for one command)',
    `Without installing the package: ${RUN_WITHOUT_INSTALL} <command> …`,
    '',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    '  --version  print the version',
  ].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = [...argv];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    print(helpText());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    print(PACKAGE_VERSION);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`kms-mock: no command "${name}".\n\n${helpText()}`);
    return 2;
  }
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      print(command.helpFor?.(rest) ?? commandHelp(name, command));
      return 0;
    }
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(
        `kms-mock ${name}: ${error.message}\n${commandHelp(name, command).split('\n', 1)[0]}\n(kms-mock ${name} --help for more)`,
      );
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
