/**
 * What keeps a web page from driving the endpoint. A page the developer visits can send requests
 * to `http://127.0.0.1:4599` from their browser: a `text/plain` POST is a "simple" request that
 * goes out without a CORS preflight, and DNS rebinding lets a page on the attacker's own name
 * reach loopback as if it were same-origin. So:
 *  - a request whose `Host` is not a name of this server is refused (rebinding: the browser sends
 *    the attacker's host name);
 *  - a request carrying an `Origin` that is not this server's own (or one `allowOrigins` adds) is
 *    refused, on the control API and on the KMS/CloudHSM endpoint alike (browsers send `Origin`
 *    on every cross-site POST, `no-cors` ones included);
 *  - the control API takes only `application/json` POSTs (its unsigned AWS endpoint `/_mock/aws`
 *    only AWS JSON ones), which a cross-site page cannot send without a preflight, and the
 *    preflight is refused.
 * SDKs, the AWS CLI and curl send no `Origin` and the `Host` they connected to, so they pass.
 */
import type { IncomingMessage } from 'node:http';
import { hostname as machineName, networkInterfaces } from 'node:os';

export interface GuardOptions {
  /** The address the server listens on, as given (`127.0.0.1`, `0.0.0.0`, `::1`, a host name). */
  host: string;
  port: number;
  /** Browser origins allowed besides the server's own, such as `http://localhost:3000`. */
  allowOrigins?: readonly string[];
  /** Host names clients may use besides the server's own (a container's `host.docker.internal`). */
  allowHosts?: readonly string[];
}

export interface RequestGuard {
  /** Why the request is refused (a sentence for the 403 body), or undefined when it may go on. */
  refusal(request: IncomingMessage): string | undefined;
  /** The CORS headers an allowed cross-origin browser request gets (none for any other request). */
  corsHeaders(request: IncomingMessage): Record<string, string>;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '']);

/** Whether `host` keeps the server on this machine (loopback), so that nothing else on the network reaches it. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** `Host: 127.0.0.1:4599` → `127.0.0.1`, `[::1]:4599` → `::1`; lower case. */
function hostNameOf(hostHeader: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hostHeader);
  if (bracketed) return bracketed[1]!.toLowerCase();
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

/** The names a client on this machine or the network may put in `Host` for a server bound to `host`. */
function serverHostNames(host: string, allowHosts: readonly string[]): Set<string> {
  const names = new Set([...LOOPBACK_NAMES, hostNameOf(host), ...allowHosts.map((name) => name.toLowerCase())]);
  // Bound to every interface: any of this machine's addresses, and its name, are its own.
  if (WILDCARD_ADDRESSES.has(host)) {
    names.add(machineName().toLowerCase());
    for (const addresses of Object.values(networkInterfaces()))
      for (const { address } of addresses ?? []) names.add(address.toLowerCase());
  }
  return names;
}

function originsOf(names: Iterable<string>, port: number): Set<string> {
  const origins = new Set<string>();
  for (const name of names) origins.add(`http://${name.includes(':') ? `[${name}]` : name}:${port}`);
  return origins;
}

export function createRequestGuard({ host, port, allowOrigins = [], allowHosts = [] }: GuardOptions): RequestGuard {
  const hostNames = serverHostNames(host, allowHosts);
  const ownOrigins = originsOf(hostNames, port);
  const extraOrigins = new Set(allowOrigins.map((origin) => origin.replace(/\/+$/, '').toLowerCase()));
  const originAllowed = (origin: string) => ownOrigins.has(origin.toLowerCase()) || extraOrigins.has(origin.toLowerCase());

  // Clients send the same Host on every request: the last one accepted is not parsed again.
  let acceptedHostHeader: string | undefined;
  return {
    refusal(request) {
      const hostHeader = request.headers.host;
      if (!hostHeader || (hostHeader !== acceptedHostHeader && !hostNames.has(hostNameOf(hostHeader))))
        return `Refused: Host "${hostHeader ?? ''}" is not a name of this kms-mock server (${[...hostNames].join(', ')}); a request naming another host is what a DNS rebinding attack sends. Pass --allow-host to add one.`;
      acceptedHostHeader = hostHeader;
      const origin = request.headers.origin;
      if (origin !== undefined && !originAllowed(origin))
        return `Refused: a browser page from ${origin} may not call this kms-mock server. Pass --allow-origin ${origin} to allow it.`;
      return undefined;
    },
    corsHeaders(request) {
      const origin = request.headers.origin;
      if (origin === undefined || !extraOrigins.has(origin.toLowerCase())) return {};
      return {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': String(request.headers['access-control-request-headers'] ?? '*'),
        // The SDK reads the request id and error type from these.
        'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype, date',
        'access-control-max-age': '600',
        vary: 'origin',
      };
    },
  };
}

/** Whether a control API request carries a JSON body type (`application/json`, any parameters). */
export function isJsonRequest(request: IncomingMessage): boolean {
  return /^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '');
}

/** Whether a request carries an AWS JSON body type (`application/x-amz-json-1.0` or `-1.1`), as SDKs send. */
export function isAwsJsonRequest(request: IncomingMessage): boolean {
  return /^application\/x-amz-json-1\.[01]\s*(;|$)/i.test(request.headers['content-type'] ?? '');
}
