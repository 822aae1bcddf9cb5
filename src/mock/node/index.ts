/**
 * The mock's Node entry: the simulation served over plain HTTP with `node:http`, so that any SDK or
 * the AWS CLI can reach it (`aws --endpoint-url http://127.0.0.1:4599 kms …`, boto3's
 * `endpoint_url`, the Go SDK's `BaseEndpoint`, Java's `endpointOverride`, the JavaScript SDK's
 * `endpoint`). An adapter beside the MSW one on the same seam: it turns each KMS or CloudHSM
 * (`cloudhsmv2`) request into the core's wire request and writes the core's wire response itself;
 * it never loads MSW. `/_mock/…` is the control API. Signatures are verified only when `credentials`
 * are given (and never under `/_mock/aws`, the control API's own way in); otherwise any credentials work.
 *
 * @example
 * const server = await startKmsMockServer({ scenario: getScenario('user-logged-in'), port: 0 });
 * const kms = new KMSClient({ endpoint: server.url, region: 'eu-west-1', credentials });
 * // …
 * await server.close();
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ControlInputError, type ScenarioSetup } from '../core/index.ts';
import { kmsError } from '../core/errors.ts';
import { errorResponse, type WireResponse } from '../core/protocol.ts';
import type { KmsMockOptions, SimulatedMock } from '../mock.ts';
import {
  AccountLimitError,
  DEFAULT_MAX_ACCOUNTS,
  accountOfAwsRequest,
  accountOfControlRequest,
  createAccounts,
} from './accounts.ts';
import { answerControl, CONTROL_PREFIX, controlRouteTakesBody, isUnsignedAwsPath, type ControlTarget } from './control-api.ts';
import { BodyTooLargeError, readBody, sendJson } from './http-io.ts';
import { createRequestGuard, isAwsJsonRequest, isJsonRequest } from './request-guard.ts';
import { signatureFailure, type Credential } from './signatures.ts';
import { readStateFile, writeStateFile } from './state-file.ts';

export { ACCOUNT_HEADER, AccountLimitError, DEFAULT_MAX_ACCOUNTS } from './accounts.ts';
export { CONTROL_ROUTES, UNSIGNED_AWS_PATH } from './control-api.ts';
export { StateFileError } from './state-file.ts';
export { parseCredential, type Credential } from './signatures.ts';
export { isLoopbackHost } from './request-guard.ts';

export const DEFAULT_PORT = 4599;
export const DEFAULT_HOST = '127.0.0.1';
/** Far above any KMS request (ImportKeyMaterial is the largest, a few KiB), far below harm. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const CONTROL_MAX_BODY_BYTES = 64 * 1024;
/** The longest a change waits before the state file is written (`stateFile`). */
const SAVE_DELAY_MS = 100;

export interface KmsMockServerOptions extends KmsMockOptions {
  /** TCP port; default 4599, `0` picks any free port (read it back from `port`). */
  port?: number;
  /** Interface to listen on; default loopback only (`127.0.0.1`). */
  host?: string;
  /**
   * Turns a scenario id into a scenario, for `POST /_mock/scenario`; throw (naming the nearest ids)
   * when unknown. Without it, switching scenario by id answers 400. The CLI passes the catalog's
   * `getScenario`; the mock itself never imports the catalog.
   */
  resolveScenario?: (id: string) => ScenarioSetup;
  /** Largest request body accepted (bytes); larger ones get 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Browser origins that may call the server besides its own (`http://localhost:3000` for a web
   * app under development); they get CORS headers. Any other `Origin` is refused with 403.
   */
  allowOrigins?: readonly string[];
  /** Host names clients may send in `Host` besides the server's own (e.g. `host.docker.internal`). */
  allowHosts?: readonly string[];
  /**
   * How many accounts' worlds the server holds (the default account included); a request for one
   * more is refused with a clear error. Default {@link DEFAULT_MAX_ACCOUNTS}.
   */
  maxAccounts?: number;
  /**
   * Keep every account's world in this JSON file: loaded at start (when it exists), written within
   * 100 ms of a change (once for a burst of requests) and at close, atomically (a temporary file renamed over it). A file that is not a
   * kms-mock state file rejects with StateFileError and is left untouched.
   */
  stateFile?: string;
  /**
   * Verify SigV4 on every KMS and CloudHSM request, accepting only these access keys (answered as AWS
   * does: MissingAuthenticationTokenException, IncompleteSignatureException,
   * UnrecognizedClientException, InvalidSignatureException). Default: any signature is accepted.
   */
  credentials?: readonly Credential[];
}

export interface KmsMockServer {
  /** `http://127.0.0.1:4599`: give it to an SDK as its endpoint. */
  readonly url: string;
  readonly port: number;
  /** The default account's mock right now (switching scenario replaces it). */
  readonly mock: SimulatedMock;
  /** The mock of account `accountId` (12 digits), started from the server's scenario on first use. */
  account(accountId: string): SimulatedMock;
  /** Stops listening and closes every connection, idle keep-alive ones included; safe to call twice. */
  close(): Promise<void>;
}

/** Raised when the port is taken: `code` is `EADDRINUSE`, the message says which address. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  readonly code = 'EADDRINUSE';
  constructor(host: string, port: number) {
    super(`Port ${port} on ${host} is already in use (another kms-mock, or another server): pick another with --port.`);
  }
}

/** A header node:http may have joined into an array (a repeated header) as the one value it stands for. */
const headerValue = (value: string | string[] | undefined): string | null =>
  Array.isArray(value) ? value.join(', ') : (value ?? null);

/**
 * Writes a wire response. Ending with a string lets node:http send headers and body in one write; a
 * Buffer body goes out as a separate chunk (writev), which profiling showed costs more.
 */
function sendWire(response: ServerResponse, { status, headers, body }: WireResponse): void {
  response.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
  response.end(body);
}

/** Starts the mock's HTTP endpoint. Rejects with {@link PortInUseError} when the port is taken. */
export async function startKmsMockServer(options: KmsMockServerOptions = {}): Promise<KmsMockServer> {
  const {
    port: requestedPort = DEFAULT_PORT,
    host = DEFAULT_HOST,
    resolveScenario,
    maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
    allowOrigins = [],
    allowHosts = [],
    maxAccounts = DEFAULT_MAX_ACCOUNTS,
    stateFile,
    credentials,
    ...mockOptions
  } = options;
  const secrets = credentials && new Map(credentials.map(({ accessKeyId, secretAccessKey }) => [accessKeyId, secretAccessKey]));
  const accounts = createAccounts({ mockOptions, maxAccounts });
  // Before listening: a damaged or foreign file stops the start, and is never written over.
  const saved = stateFile === undefined ? undefined : readStateFile(stateFile);
  if (saved) accounts.restore(saved);

  let saveTimer: NodeJS.Timeout | undefined;
  const saveNow = () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    if (stateFile !== undefined) writeStateFile(stateFile, accounts.save());
  };
  /**
   * A request may have changed a world: save within {@link SAVE_DELAY_MS}, once for all the requests
   * answered meanwhile. Writing every world costs far more than answering a request, so a server
   * under load must not write once per request (or once per turn of the event loop).
   */
  const stateChanged = () => {
    if (stateFile === undefined || saveTimer !== undefined) return;
    saveTimer = setTimeout(() => {
      try {
        saveNow();
      } catch (error) {
        console.error(`kms-mock: ${(error as Error).message}`);
      }
    }, SAVE_DELAY_MS);
    // close() saves what is left, so a pending save does not keep the process alive.
    saveTimer.unref();
  };

  function scenarioById(id: string): ScenarioSetup {
    if (!resolveScenario)
      throw new ControlInputError('This server was started without resolveScenario, so it cannot switch scenario by id.');
    try {
      return resolveScenario(id);
    } catch (error) {
      throw new ControlInputError(error instanceof Error ? error.message : `Unknown scenario "${id}".`);
    }
  }

  /** What a control request acts on: the world of the account it names. */
  function controlTarget(accountId: string): ControlTarget {
    return {
      get mock() {
        return accounts.mock(accountId);
      },
      get scenarioId() {
        return accounts.scenarioId(accountId);
      },
      switchScenario: (id) => accounts.switchScenario(accountId, scenarioById(id)),
      accountIds: () => [...accounts.entries()].map(([id]) => id),
    };
  }

  /** A KMS or CloudHSM request; its signature is verified when the server has credentials and `verify` is set. */
  async function answerAws(request: IncomingMessage, response: ServerResponse, path: string, { verify = true } = {}) {
    if (request.method !== 'POST' || (path !== '/' && verify)) {
      request.resume();
      sendJson(response, 404, {
        error: `Nothing here answers ${request.method} ${path}: AWS JSON 1.1 requests are POST / with X-Amz-Target (TrentService.<Operation> for KMS, BaldrApiService.<Operation> for CloudHSM); the control API is under ${CONTROL_PREFIX}.`,
      });
      return;
    }
    // AWS JSON 1.1 bodies are text.
    const body = (await readBody(request, maxBodyBytes)).toString('utf8');
    const refused = secrets && verify && (await signatureFailure(request, body, secrets));
    if (refused) return sendWire(response, errorResponse(randomUUID(), kmsError(refused.type, refused.message)));
    let mock: SimulatedMock;
    try {
      mock = accounts.mock(accountOfAwsRequest(request, accounts));
    } catch (error) {
      if (!(error instanceof AccountLimitError)) throw error;
      return sendWire(response, errorResponse(randomUUID(), kmsError('MockAccountLimitExceededException', error.message)));
    }
    const result = await mock.handle({
      target: headerValue(request.headers['x-amz-target']),
      body,
      sdkRequestHeader: headerValue(request.headers['amz-sdk-request']),
    });
    stateChanged();
    // An injected network-error fault: drop the connection, as a failing network would.
    if ('networkError' in result) {
      request.socket.destroy();
      return;
    }
    sendWire(response, result);
  }

  /**
   * The AWS endpoint without signature verification, as part of the control API (which needs no
   * signature either: it can change any world anyway). The CLI sends a scenario's trigger there, so
   * `kms-mock scenario` and `reset` work against a server started with credentials without knowing
   * its secret. Only AWS JSON bodies: a cross-site page cannot send that type without a preflight.
   */
  async function answerUnsignedAws(request: IncomingMessage, response: ServerResponse, path: string) {
    if (!isAwsJsonRequest(request)) {
      request.resume();
      sendJson(response, 415, {
        error: `${path} takes AWS JSON 1.1 requests (content-type: application/x-amz-json-1.1), as an SDK sends them.`,
      });
      return;
    }
    await answerAws(request, response, path, { verify: false });
  }

  async function answerControlRequest(request: IncomingMessage, response: ServerResponse, path: string) {
    // A cross-site page can POST text/plain without a preflight; it cannot POST application/json.
    if (request.method === 'POST' && !isJsonRequest(request)) {
      request.resume();
      sendJson(response, 415, { error: `${path} takes a JSON body sent as content-type: application/json (even an empty {}).` });
      return;
    }
    const bodyText = controlRouteTakesBody(path) ? (await readBody(request, CONTROL_MAX_BODY_BYTES)).toString('utf8') : undefined;
    if (bodyText === undefined) request.resume();
    let answer: ReturnType<typeof answerControl>;
    try {
      answer = answerControl(controlTarget(accountOfControlRequest(request, accounts)), request.method ?? 'GET', path, bodyText);
    } catch (error) {
      if (!(error instanceof ControlInputError || error instanceof AccountLimitError)) throw error;
      answer = { status: 400, body: { error: error.message } };
    }
    if (request.method === 'POST') stateChanged();
    sendJson(response, answer.status, answer.body);
  }

  // Set once the port is known (port 0 picks one): the guard needs it for the server's own origins.
  let guard: ReturnType<typeof createRequestGuard> | undefined;
  const server = createServer({ keepAlive: true }, (request, response) => {
    const refusal = guard!.refusal(request);
    if (refusal !== undefined) {
      request.resume();
      sendJson(response, 403, { error: refusal });
      return;
    }
    const cors = guard!.corsHeaders(request);
    for (const [name, value] of Object.entries(cors)) response.setHeader(name, value);
    if (request.method === 'OPTIONS') {
      request.resume();
      response.writeHead(204).end();
      return;
    }
    const path = (request.url ?? '/').split('?', 1)[0]!;
    const answer = isUnsignedAwsPath(path)
      ? answerUnsignedAws(request, response, path)
      : path.startsWith(CONTROL_PREFIX)
        ? answerControlRequest(request, response, path)
        : answerAws(request, response, path);
    answer.catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) sendJson(response, 413, { error: error.message }, { close: true });
      else
        sendJson(response, 500, { error: `The mock server failed: ${error instanceof Error ? error.message : String(error)}` });
    });
  });
  // Keep idle keep-alive connections longer than the SDKs' own pools do, so they are reused.
  server.keepAliveTimeout = 60_000;
  // A malformed request line or header never reaches the handler: answer 400 and drop the socket.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, requestedPort) : error),
    );
    server.listen(requestedPort, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard = createRequestGuard({ host, port, allowOrigins, allowHosts });
  // Closing twice (a test's own close, then its cleanup) waits for the same close.
  let closing: Promise<void> | undefined;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    get mock() {
      return accounts.mock(accounts.defaultAccountId);
    },
    account: (accountId) => accounts.mock(accountId),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        // The last changes are saved before the connections go; a failed save still closes, then rejects.
        let saveError: unknown;
        try {
          saveNow();
        } catch (error) {
          saveError = error;
        }
        server.close((error) => (error || saveError ? reject(error ?? saveError) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
