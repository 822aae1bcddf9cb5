/**
 * SigV4 verification, when the server is given credentials (`--credentials id:secret`): the request
 * is signed again with `@smithy/signature-v4` (the signer the JavaScript SDK itself uses) over the
 * headers the client says it signed, and the two signatures must match. Without credentials any
 * signature is accepted, as before.
 *
 * The answers are those of AWS's JSON-protocol services, which share KMS's front end:
 *  - no `Authorization` header: `MissingAuthenticationTokenException`, "Missing Authentication Token";
 *  - an `Authorization` header without its `Credential`, `SignedHeaders` or `Signature`, or without
 *    `X-Amz-Date`: `IncompleteSignatureException`;
 *  - an access key id the server does not know: `UnrecognizedClientException`, "The security token
 *    included in the request is invalid.";
 *  - a signature that does not match: `InvalidSignatureException`, "The request signature we
 *    calculated does not match the signature you provided. …";
 *  - a date more than 15 minutes before or after the server's clock: `InvalidSignatureException`,
 *    "Signature expired: <date> is now earlier than <limit> (<now> - 15 min.)" (or "Signature not yet
 *    current: … is still later than …").
 * The statuses are those of KMS's Common Errors page
 * (https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html): MissingAuthenticationToken and
 * an unknown access key (InvalidClientTokenId there) 403, IncompleteSignature and a stale date
 * (RequestExpired) 400. It does not list a signature that does not match: 400, as DynamoDB, a
 * JSON-protocol service, documents the exception names
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html). The
 * statuses are the core's (EXCEPTIONS), by exception name.
 */
import type { IncomingMessage } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ExceptionName } from '../core/errors.ts';

export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignatureFailure {
  type: ExceptionName;
  message: string;
}

/** `AKIA…:secret` → a credential; throws RangeError naming the expected shape. */
export function parseCredential(text: string): Credential {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1)
    throw new RangeError(
      `--credentials takes <accessKeyId>:<secretAccessKey>, got "${text.slice(0, 24)}${text.length > 24 ? '…' : ''}".`,
    );
  return { accessKeyId: text.slice(0, colon), secretAccessKey: text.slice(colon + 1) };
}

const ALLOWED_SKEW_MS = 15 * 60_000;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const amzDate = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function parseAmzDate(text: string): number | undefined {
  const parts = AMZ_DATE.exec(text);
  if (!parts) return undefined;
  const [, year, month, day, hour, minute, second] = parts.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** `Credential=…, SignedHeaders=…, Signature=…` as a map (the names AWS uses). */
function authorizationParameters(value: string): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const part of value.replace(/^AWS4-HMAC-SHA256\s+/, '').split(/\s*,\s*/)) {
    const equals = part.indexOf('=');
    if (equals > 0) parameters.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  return parameters;
}

/** Why the request's signature is refused, or undefined when it is good. `now` is the server's real clock. */
export async function signatureFailure(
  request: IncomingMessage,
  body: string,
  credentials: ReadonlyMap<string, string>,
  now: number = Date.now(),
): Promise<SignatureFailure | undefined> {
  const authorization = request.headers.authorization;
  if (!authorization) return { type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  if (!authorization.startsWith('AWS4-HMAC-SHA256 '))
    return {
      type: 'IncompleteSignatureException',
      message: `Unsupported Authorization Type (expected AWS4-HMAC-SHA256): ${authorization.split(' ', 1)[0]}`,
    };
  const parameters = authorizationParameters(authorization);
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((name) => !parameters.get(name));
  if (missing.length > 0)
    return {
      type: 'IncompleteSignatureException',
      message: missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' '),
    };
  const dateHeader = request.headers['x-amz-date'];
  const signedAt = typeof dateHeader === 'string' ? parseAmzDate(dateHeader) : undefined;
  if (signedAt === undefined)
    return {
      type: 'IncompleteSignatureException',
      message: "Authorization header requires existence of a valid 'X-Amz-Date' header (YYYYMMDD'T'HHMMSS'Z').",
    };

  const [accessKeyId, day, region, service, terminator] = parameters.get('Credential')!.split('/');
  if (!accessKeyId || !day || !region || !service || terminator !== 'aws4_request' || day !== dateHeader!.slice(0, 8))
    return {
      type: 'IncompleteSignatureException',
      message: `Credential should be scoped to <accessKeyId>/<date of X-Amz-Date>/<region>/<service>/aws4_request, got "${parameters.get('Credential')}".`,
    };
  const secretAccessKey = credentials.get(accessKeyId);
  if (secretAccessKey === undefined)
    return { type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };

  if (signedAt < now - ALLOWED_SKEW_MS)
    return {
      type: 'InvalidSignatureException',
      message: `Signature expired: ${dateHeader} is now earlier than ${amzDate(now - ALLOWED_SKEW_MS)} (${amzDate(now)} - 15 min.)`,
    };
  if (signedAt > now + ALLOWED_SKEW_MS)
    return {
      type: 'InvalidSignatureException',
      message: `Signature not yet current: ${dateHeader} is still later than ${amzDate(now + ALLOWED_SKEW_MS)} (${amzDate(now)} + 15 min.)`,
    };

  // Sign the same request again, over exactly the headers the client signed.
  const signedHeaders = parameters.get('SignedHeaders')!.toLowerCase().split(';');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return { type: 'InvalidSignatureException', message: MISMATCH };
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // A signed payload hash stands in for the body in the signature: it must be the body's.
  const payloadHash = headers['x-amz-content-sha256'];
  if (payloadHash !== undefined && payloadHash !== createHash('sha256').update(body).digest('hex'))
    return { type: 'InvalidSignatureException', message: MISMATCH };
  const url = new URL(request.url ?? '/', 'http://mock');
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey },
    region,
    service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method ?? 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
    },
    { signingDate: new Date(signedAt), signingRegion: region, signingService: service, signableHeaders: new Set(signedHeaders) },
  );
  const expected = Buffer.from(/Signature=([0-9a-f]+)/.exec(String(signed.headers['authorization']))?.[1] ?? '');
  const given = Buffer.from(parameters.get('Signature')!);
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? undefined
    : { type: 'InvalidSignatureException', message: MISMATCH };
}
