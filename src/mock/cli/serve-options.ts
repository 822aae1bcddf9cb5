/** `kms-mock serve`'s server options in one table, and what they make of the server's settings. */
import {
  DEFAULT_HOST,
  DEFAULT_MAX_ACCOUNTS,
  DEFAULT_PORT,
  isLoopbackHost,
  parseCredential,
  type KmsMockServerOptions,
} from '../node/index.ts';
import type { Flags, Parsed } from './options.ts';

export const SERVE_FLAGS: Flags = {
  port: { value: '<port>', help: `TCP port (default ${DEFAULT_PORT}; 0 picks a free one)` },
  host: { value: '<host>', help: `interface to listen on (default ${DEFAULT_HOST}, loopback only)` },
  'allow-origin': {
    value: '<origin>',
    multiple: true,
    help: 'a browser origin allowed to call the server, with CORS (repeatable)',
  },
  'allow-host': {
    value: '<name>',
    multiple: true,
    help: 'another Host name the server answers to, e.g. host.docker.internal (repeatable)',
  },
  'max-accounts': { value: '<n>', help: `how many accounts' worlds it holds at most (default ${DEFAULT_MAX_ACCOUNTS})` },
  state: {
    value: '<file>',
    help: "load every account's world from this file at start, write it within 100 ms of each change and at exit",
  },
  credentials: { value: '<id:secret>', multiple: true, help: 'verify SigV4 signatures made with this access key (repeatable)' },
};

type Values = Parsed['values'];

const strings = (value: Values[string]): string[] => (Array.isArray(value) ? value.map(String) : []);

export interface ServeSettings {
  server: Pick<
    KmsMockServerOptions,
    'port' | 'host' | 'allowOrigins' | 'allowHosts' | 'maxAccounts' | 'stateFile' | 'credentials'
  >;
  /** Lines for stderr before the server starts. */
  warnings: string[];
}

/** `port` and `maxAccounts` come parsed (the CLI's whole-number check). */
export function serveSettings(
  values: Values,
  { port, maxAccounts }: { port: number | undefined; maxAccounts: number | undefined },
): ServeSettings {
  const host = (values['host'] as string | undefined) ?? DEFAULT_HOST;
  const warnings = isLoopbackHost(host)
    ? []
    : [`listening on ${host}, not loopback: anyone who can reach this machine can read and change the mock's world.`];
  return {
    server: {
      port: port ?? DEFAULT_PORT,
      host,
      allowOrigins: strings(values['allow-origin']),
      allowHosts: strings(values['allow-host']),
      ...(maxAccounts !== undefined ? { maxAccounts } : {}),
      ...(typeof values['state'] === 'string' ? { stateFile: values['state'] } : {}),
      ...(Array.isArray(values['credentials']) ? { credentials: strings(values['credentials']).map(parseCredential) } : {}),
    },
    warnings,
  };
}
