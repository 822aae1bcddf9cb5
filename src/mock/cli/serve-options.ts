/** `kms-mock serve`'s options in one table, and what they make of the server's settings. */
import { DEFAULT_HOST, DEFAULT_PORT, isLoopbackHost, parseCredential, type KmsMockServerOptions } from '../node/index.ts';

export const SERVE_OPTIONS = {
  scenario: { type: 'string' },
  'before-trigger': { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  'allow-origin': { type: 'string', multiple: true },
  'allow-host': { type: 'string', multiple: true },
  'max-accounts': { type: 'string' },
  state: { type: 'string' },
  credentials: { type: 'string', multiple: true },
} as const;

type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

const strings = (value: Values[string]): string[] => (Array.isArray(value) ? value.map(String) : []);

export interface ServeSettings {
  server: Pick<KmsMockServerOptions, 'port' | 'host' | 'allowOrigins' | 'allowHosts' | 'maxAccounts' | 'stateFile' | 'credentials'>;
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
