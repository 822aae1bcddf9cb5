/**
 * KMS errors as the engine raises them. The protocol layer turns a {@link KmsError} into the
 * JSON 1.1 error response the SDK parses: `{"__type": name, "message": …}` with `status`.
 */

/** Server-fault errors and their status; every client fault is 400 (kms-facts §5.3 Mock rule). */
const SERVER_FAULT_STATUS: Readonly<Record<string, number>> = {
  KMSInternalException: 500,
  KeyUnavailableException: 500,
  DependencyTimeoutException: 503,
  // Not a KMS error: the mock's answer for a real KMS operation it does not simulate (never retried).
  MockNotImplementedException: 501,
};

export function defaultStatusFor(errorType: string): number {
  return SERVER_FAULT_STATUS[errorType] ?? 400;
}

export class KmsError extends Error {
  override name = 'KmsError';
  /**
   * @param type    the exception's shape name, e.g. `CustomKeyStoreInvalidStateException`
   * @param message the text; `undefined` sends no message at all (real KMS does that for some errors)
   */
  readonly type: string;
  readonly detail: string | undefined;
  constructor(type: string, detail: string | undefined) {
    super(detail ?? type);
    this.type = type;
    this.detail = detail;
  }
}

export const kmsError = (type: string, message?: string) => new KmsError(type, message);

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
