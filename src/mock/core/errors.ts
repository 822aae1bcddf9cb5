/**
 * The errors the mock answers with, and KMS errors as the engine raises them. The protocol layer
 * turns a {@link KmsError} into the JSON 1.1 error response the SDK parses:
 * `{"__type": name, "message": …}` with the status {@link EXCEPTIONS} gives the name.
 */

/** Who is at fault, as the SDK's `$fault` says, and the HTTP status the error comes with. */
interface ExceptionShape {
  fault: 'client' | 'server';
  status: number;
}

const CLIENT = { fault: 'client', status: 400 } as const satisfies ExceptionShape;
const FORBIDDEN = { fault: 'client', status: 403 } as const satisfies ExceptionShape;

/**
 * Every error name the mock can answer with: a name that is not here does not compile. Each row's
 * fault is the `$fault` of the SDK's error class (a unit test compares them). Client faults are
 * answered with 400; server faults with the status of KMS's service model (500, and 503 for
 * DependencyTimeoutException).
 */
export const EXCEPTIONS = {
  // The errors KMS models (the error classes of @aws-sdk/client-kms).
  AlreadyExistsException: CLIENT,
  CloudHsmClusterInUseException: CLIENT,
  CloudHsmClusterInvalidConfigurationException: CLIENT,
  CloudHsmClusterNotActiveException: CLIENT,
  CloudHsmClusterNotFoundException: CLIENT,
  CloudHsmClusterNotRelatedException: CLIENT,
  ConflictException: CLIENT,
  CustomKeyStoreHasCMKsException: CLIENT,
  CustomKeyStoreInvalidStateException: CLIENT,
  CustomKeyStoreNameInUseException: CLIENT,
  CustomKeyStoreNotFoundException: CLIENT,
  DependencyTimeoutException: { fault: 'server', status: 503 },
  DisabledException: CLIENT,
  DryRunOperationException: CLIENT,
  ExpiredImportTokenException: CLIENT,
  IncorrectKeyException: CLIENT,
  IncorrectKeyMaterialException: CLIENT,
  IncorrectTrustAnchorException: CLIENT,
  InvalidAliasNameException: CLIENT,
  InvalidArnException: CLIENT,
  InvalidCiphertextException: CLIENT,
  InvalidGrantIdException: CLIENT,
  InvalidGrantTokenException: CLIENT,
  InvalidImportTokenException: CLIENT,
  InvalidKeyUsageException: CLIENT,
  InvalidMarkerException: CLIENT,
  KMSInternalException: { fault: 'server', status: 500 },
  KMSInvalidMacException: CLIENT,
  KMSInvalidSignatureException: CLIENT,
  KMSInvalidStateException: CLIENT,
  KeyUnavailableException: { fault: 'server', status: 500 },
  LimitExceededException: CLIENT,
  MalformedPolicyDocumentException: CLIENT,
  NotFoundException: CLIENT,
  TagException: CLIENT,
  UnsupportedOperationException: CLIENT,
  XksKeyAlreadyInUseException: CLIENT,
  XksKeyInvalidConfigurationException: CLIENT,
  XksKeyNotFoundException: CLIENT,
  XksProxyIncorrectAuthenticationCredentialException: CLIENT,
  XksProxyInvalidConfigurationException: CLIENT,
  XksProxyInvalidResponseException: CLIENT,
  XksProxyUriEndpointInUseException: CLIENT,
  XksProxyUriInUseException: CLIENT,
  XksProxyUriUnreachableException: CLIENT,
  XksProxyVpcEndpointServiceInUseException: CLIENT,
  XksProxyVpcEndpointServiceInvalidConfigurationException: CLIENT,
  XksProxyVpcEndpointServiceNotFoundException: CLIENT,
  // Errors of the AWS JSON 1.1 protocol, which every service answers without modeling them.
  SerializationException: CLIENT,
  ThrottlingException: CLIENT,
  UnknownOperationException: CLIENT,
  ValidationException: CLIENT,
  // AWS CloudHSM's (cloudhsmv2) errors, for its operations on the same world.
  CloudHsmInvalidRequestException: CLIENT,
  CloudHsmResourceNotFoundException: CLIENT,
  // Refusals of a request's SigV4 signature (the endpoint's --credentials), named as AWS's JSON
  // services name them, with the status KMS's Common Errors page gives: 403 for a missing token and
  // for an access key it does not know (MissingAuthenticationToken, InvalidClientTokenId there), 400
  // for an incomplete signature and a stale date (IncompleteSignature, RequestExpired). The page does
  // not list a signature that does not match: 400, as DynamoDB documents InvalidSignatureException.
  IncompleteSignatureException: CLIENT,
  InvalidSignatureException: CLIENT,
  MissingAuthenticationTokenException: FORBIDDEN,
  UnrecognizedClientException: FORBIDDEN,
  // Not AWS errors: the mock's answer when its endpoint holds no more accounts' worlds, and
  // for a real operation it does not simulate (never retried).
  MockAccountLimitExceededException: CLIENT,
  MockNotImplementedException: { fault: 'server', status: 501 },
} as const satisfies Record<string, ExceptionShape>;

export type ExceptionName = keyof typeof EXCEPTIONS;

export class KmsError extends Error {
  override name = 'KmsError';
  /** The exception's shape name, e.g. `CustomKeyStoreInvalidStateException`. */
  readonly type: ExceptionName;
  /** The message; `undefined` sends no message at all (real KMS does that for some errors). */
  readonly detail: string | undefined;
  constructor(type: ExceptionName, detail: string | undefined) {
    super(detail ?? type);
    this.type = type;
    this.detail = detail;
  }
}

export const kmsError = (type: ExceptionName, message?: string) => new KmsError(type, message);

/** ValidationException in the service's own format, naming each field (lower camel case). */
export function validationError(problems: readonly string[]): KmsError {
  const count = problems.length;
  return new KmsError(
    'ValidationException',
    `${count} validation error${count === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
  );
}

export const storeNotFound = (id: string) =>
  kmsError('CustomKeyStoreNotFoundException', `Custom key store ${id} does not exist in this account and Region.`);

export const invalidStoreState = (operation: string, storeId: string, state: string, hint: string) =>
  kmsError(
    'CustomKeyStoreInvalidStateException',
    `${operation} is not allowed while custom key store ${storeId} is ${state}. ${hint}`,
  );
