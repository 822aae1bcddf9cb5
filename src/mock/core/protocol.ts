/**
 * AWS JSON 1.1 as KMS speaks it: `POST /` with `X-Amz-Target: TrentService.<Operation>` and a
 * JSON body; answers with `application/x-amz-json-1.1`, an `x-amzn-RequestId`, and errors as
 * `{"__type": "<Name>", "message": "…"}`. CloudHSM (`cloudhsmv2`) speaks the same protocol with
 * the target prefix `BaldrApiService.`. Framework-free: requests and responses are plain data.
 */
import { EXCEPTIONS, KmsError, kmsError, type ExceptionName } from './errors.ts';

const TARGET_PREFIX = 'TrentService.';
const CLOUDHSM_TARGET_PREFIX = 'BaldrApiService.';
const JSON_1_1 = 'application/x-amz-json-1.1';

/** Every operation in the KMS API (56), simulated or not. */
const KMS_API_OPERATIONS: ReadonlySet<string> = new Set(
  (
    'CancelKeyDeletion ConnectCustomKeyStore CreateAlias CreateCustomKeyStore CreateGrant CreateKey Decapsulate Decrypt ' +
    'DeleteAlias DeleteCustomKeyStore DeleteImportedKeyMaterial DeriveSharedSecret DescribeCustomKeyStores DescribeKey ' +
    'DisableKey DisableKeyRotation DisconnectCustomKeyStore EnableKey EnableKeyRotation Encapsulate Encrypt GenerateDataKey ' +
    'GenerateDataKeyPair GenerateDataKeyPairWithoutPlaintext GenerateDataKeyWithoutPlaintext GenerateMac GenerateRandom ' +
    'GetKeyLastUsage GetKeyPolicy GetKeyRotationStatus GetParametersForImport GetPublicKey ImportKeyMaterial ListAliases ' +
    'ListGrants ListKeyPolicies ListKeyRotations ListKeys ListResourceTags ListRetirableGrants PutKeyPolicy ReEncrypt ' +
    'ReplicateKey RetireGrant RevokeGrant RotateKeyOnDemand ScheduleKeyDeletion Sign TagResource UntagResource UpdateAlias ' +
    'UpdateCustomKeyStore UpdateKeyDescription UpdatePrimaryRegion Verify VerifyMac'
  ).split(' '),
);

/** Matches KMS hosts in any Region, including FIPS endpoints: kms.<region>.amazonaws.com, kms-fips.… */
export const KMS_HOST = /^kms(-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;
/** Matches CloudHSM hosts in any Region: cloudhsmv2.<region>.amazonaws.com. */
export const CLOUDHSM_HOST = /^cloudhsmv2(-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;

/** Which API a request is for: KMS, or the CloudHSM API that shares its world. */
export type AwsService = 'kms' | 'cloudhsmv2';

export interface WireRequest {
  /** The X-Amz-Target header, or null when missing. */
  target: string | null;
  body: string;
  /** The SDK's retry header `amz-sdk-request: attempt=2; max=3`, when present. */
  sdkRequestHeader?: string | null;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses the operation name; `undefined` means the target is missing or not KMS's. */
function operationOf(target: string | null): string | undefined {
  if (!target?.startsWith(TARGET_PREFIX)) return undefined;
  return target.slice(TARGET_PREFIX.length);
}

export function attemptOf(sdkRequestHeader: string | null | undefined): number {
  const match = /attempt=(\d+)/.exec(sdkRequestHeader ?? '');
  return match?.[1] ? Number(match[1]) : 1;
}

export function successResponse(requestId: string, output: Record<string, unknown>): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': JSON_1_1, 'x-amzn-requestid': requestId },
    body: JSON.stringify(output),
  };
}

/** HTTP statuses to answer some errors with, instead of those of {@link EXCEPTIONS}. */
export type StatusOverrides = Readonly<Partial<Record<ExceptionName, number>>>;

/**
 * The error answer for `request`. A Query-protocol request (Amazon EC2, which the pages' real-account
 * commands call) gets its error in that protocol's XML, because its clients cannot parse a JSON
 * error body: the AWS CLI then says only that the response could not be parsed.
 */
export function errorResponseFor(
  request: WireRequest,
  requestId: string,
  error: KmsError,
  statusOverrides: StatusOverrides = {},
): WireResponse {
  const response = errorResponse(requestId, error, statusOverrides);
  return queryActionOf(request) === undefined ? response : { ...response, ...queryErrorAnswer(requestId, error) };
}

const queryActionOf = (request: WireRequest) => (request.target ? undefined : /(?:^|&)Action=(\w+)/.exec(request.body)?.[1]);

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * EC2's error document (`Response/Errors/Error`); botocore's parsers for EC2 and for the other
 * Query-protocol services both read the code and the message from it.
 */
function queryErrorAnswer(requestId: string, error: KmsError): Pick<WireResponse, 'headers' | 'body'> {
  const message = error.detail === undefined ? '' : `<Message>${escapeXml(error.detail)}</Message>`;
  return {
    headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${error.type}</Code>${message}</Error></Errors><RequestID>${requestId}</RequestID></Response>`,
  };
}

export function errorResponse(requestId: string, error: KmsError, statusOverrides: StatusOverrides = {}): WireResponse {
  const body: Record<string, string> = { __type: error.type };
  if (error.detail !== undefined) body['message'] = error.detail;
  return {
    status: statusOverrides[error.type] ?? EXCEPTIONS[error.type].status,
    // x-amzn-ErrorType matches __type: older SDKs read the header first, newer ones the body.
    headers: { 'content-type': JSON_1_1, 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.type },
    body: JSON.stringify(body),
  };
}

const SERVED =
  'This endpoint simulates AWS KMS (X-Amz-Target TrentService.<Operation>) and CloudHSM (BaldrApiService.<Operation>) only';

/**
 * What a request for another AWS service is told: which service it is for (the CloudTrail or EC2
 * commands a page shows for a real account), and that it belongs with that service.
 */
function notKmsOrCloudHsm(request: WireRequest): string {
  const elsewhere = 'it does not simulate that service: send the request to AWS itself (without --endpoint-url).';
  if (request.target) {
    // `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents`, `Logs_20140328.FilterLogEvents`
    const [, api = request.target, call = ''] = /(?:^|\.)([A-Za-z0-9]+?)(?:_\d+)?\.(\w+)$/.exec(request.target) ?? [];
    return `${SERVED}. ${call || request.target} is a call to ${api}; ${elsewhere}`;
  }
  const queryAction = queryActionOf(request);
  if (queryAction) return `${SERVED}. ${queryAction} is a call to a Query-protocol service such as Amazon EC2; ${elsewhere}`;
  return `${SERVED}. This request has no X-Amz-Target header (KMS expects TrentService.<Operation>).`;
}

/** Decodes the request into a service, an operation and its input, or throws the service's answer. */
export function decodeRequest(request: WireRequest): { service: AwsService; operation: string; input: unknown } {
  const cloudHsmOperation = request.target?.startsWith(CLOUDHSM_TARGET_PREFIX)
    ? request.target.slice(CLOUDHSM_TARGET_PREFIX.length)
    : undefined;
  const service: AwsService = cloudHsmOperation !== undefined ? 'cloudhsmv2' : 'kms';
  const operation = cloudHsmOperation ?? operationOf(request.target);
  if (operation === undefined) throw kmsError('UnknownOperationException', notKmsOrCloudHsm(request));
  if ((service === 'kms' && !KMS_API_OPERATIONS.has(operation)) || !/^[A-Za-z]{1,64}$/.test(operation)) {
    throw kmsError('UnknownOperationException', `Unknown operation ${request.target}.`);
  }
  const text = request.body.trim();
  if (text === '') return { service, operation, input: {} };
  try {
    return { service, operation, input: JSON.parse(text) as unknown };
  } catch {
    throw kmsError('SerializationException', `The request body of ${operation} is not valid JSON.`);
  }
}
