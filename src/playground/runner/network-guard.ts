/**
 * Nothing the reader's program does may leave the browser. `fetch` is replaced by one that hands
 * requests for allowed hosts (AWS KMS endpoints) to an in-process responder (the mock) and
 * rejects everything else like a network error that says why; XHR, WebSocket, EventSource,
 * importScripts, nested workers and sendBeacon are replaced by versions that fail the same way.
 */

export interface NetworkPolicy {
  /** True for URLs the in-process responder answers. */
  allows(url: URL): boolean;
  /** Answers an allowed request; `undefined` means the responder has no answer for it. */
  respond(request: Request): Promise<Response | undefined>;
  /** Names what is reachable, for error messages, e.g. "AWS KMS endpoints (https://kms.<region>.amazonaws.com)". */
  reachable: string;
}

/** Thrown (or used to reject) when the program tries to reach anything else. */
export class BlockedRequestError extends TypeError {
  override name = 'TypeError';
  constructor(what: string, reachable: string) {
    super(
      `Network request blocked: ${what} was not sent. Code in the playground never reaches the internet; only ${reachable} answer, from the simulated KMS inside your browser.`,
    );
  }
}

function createGuardedFetch(policy: NetworkPolicy): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let request: Request;
    try {
      request = new Request(input, init);
    } catch (error) {
      throw new TypeError(`Failed to fetch: ${error instanceof Error ? error.message : String(error)}`);
    }
    const url = new URL(request.url);
    if (!policy.allows(url)) throw new BlockedRequestError(`${request.method} ${url.origin}${url.pathname}`, policy.reachable);
    const response = await policy.respond(request);
    if (!response) {
      throw new TypeError(`Failed to fetch: the simulated KMS has no answer for ${request.method} ${url.href}.`);
    }
    return response;
  };
}

/** XHR needs addEventListener & co. for code that sets listeners before send(). */
class EventTargetLike {
  onload: unknown = null;
  onerror: unknown = null;
  onreadystatechange: unknown = null;
  addEventListener() {}
  removeEventListener() {}
}

/** The subset of a worker's global scope this module touches (a plain object in tests). */
export type NetworkScope = Record<string, unknown> & { navigator?: object };

/**
 * Installs `fetch` and blocks the other network APIs on `scope` (and on its prototype chain, so
 * `WorkerGlobalScope.prototype.fetch.call(self, …)` does not get around it).
 */
export function installNetworkGuard(scope: NetworkScope, policy: NetworkPolicy): void {
  const reachable = policy.reachable;
  const blockedConstructor = (api: string) =>
    class Blocked {
      constructor(url?: unknown) {
        throw new BlockedRequestError(`${api} to ${describeUrl(url)}`, reachable);
      }
    };

  class BlockedXMLHttpRequest extends EventTargetLike {
    readyState = 0;
    status = 0;
    private target = '(no URL)';
    open(method: string, url: unknown) {
      this.target = `${String(method).toUpperCase()} ${describeUrl(url)}`;
      this.readyState = 1;
    }
    setRequestHeader() {}
    abort() {}
    send() {
      throw new BlockedRequestError(`XMLHttpRequest ${this.target}`, reachable);
    }
  }

  const replacements: Record<string, unknown> = {
    fetch: createGuardedFetch(policy),
    XMLHttpRequest: BlockedXMLHttpRequest,
    WebSocket: blockedConstructor('WebSocket'),
    EventSource: blockedConstructor('EventSource'),
    WebTransport: blockedConstructor('WebTransport'),
    Worker: blockedConstructor('Worker'),
    SharedWorker: blockedConstructor('SharedWorker'),
    importScripts: (...urls: unknown[]) => {
      throw new BlockedRequestError(`importScripts(${urls.map(describeUrl).join(', ')})`, reachable);
    },
  };
  for (const [name, value] of Object.entries(replacements)) {
    for (const owner of ownersOf(scope, name)) {
      Object.defineProperty(owner, name, { value, writable: false, configurable: false });
    }
  }
  const navigator = scope.navigator;
  if (navigator && 'sendBeacon' in navigator) {
    for (const owner of ownersOf(navigator as Record<string, unknown>, 'sendBeacon')) {
      Object.defineProperty(owner, 'sendBeacon', {
        value: (url: unknown) => {
          throw new BlockedRequestError(`sendBeacon to ${describeUrl(url)}`, reachable);
        },
      });
    }
  }
}

/** The object itself plus every prototype that defines `name`. */
function ownersOf(scope: object, name: string): object[] {
  const owners: object[] = [scope];
  for (
    let proto = Object.getPrototypeOf(scope) as object | null;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    if (Object.hasOwn(proto, name)) owners.push(proto);
  }
  return owners;
}

function describeUrl(url: unknown): string {
  try {
    const parsed = new URL(String(url), 'https://invalid.example/');
    return parsed.host === 'invalid.example' ? String(url) : `${parsed.origin}${parsed.pathname}`;
  } catch {
    return String(url);
  }
}
