/**
 * The error a page reproduces with the JavaScript SDK, as the AWS CLI and boto3 print it. Both
 * report it through botocore's ClientError, whose text is
 * `An error occurred (<code>) when calling the <Operation> operation[ (reached max retries: N)]: <message>`,
 * so a reader who pastes either line into the site's search finds the page.
 */
import * as kms from '@aws-sdk/client-kms';
import type { Reproduction } from './reproduce';

type ThrownError = NonNullable<Reproduction['error']>;

/**
 * Retries botocore reports when a retryable error outlasts every attempt: the AWS CLI v2 uses the
 * standard retry mode (3 attempts), boto3 the legacy mode (5 attempts) unless configured.
 */
const CLI_MAX_RETRIES = 2;
const BOTO3_MAX_RETRIES = 4;

/**
 * Whether the KMS service model names the error. botocore builds a class for each modeled error
 * (`botocore.errorfactory.<Name>`, caught as `kms.exceptions.<Name>`); any other error code, such
 * as ThrottlingException, arrives as a plain `botocore.exceptions.ClientError`.
 */
function isModeled(name: string): boolean {
  const candidate: unknown = (kms as Record<string, unknown>)[name];
  return typeof candidate === 'function' && candidate.prototype instanceof kms.KMSServiceException;
}

function clientErrorText(error: ThrownError, operation: string, maxRetries: number): string {
  // The JavaScript SDK retried it, so it is retryable: botocore retries it too, and says so.
  const retries = (error.$metadata.attempts ?? 1) > 1 ? ` (reached max retries: ${maxRetries})` : '';
  return `An error occurred (${error.name}) when calling the ${operation} operation${retries}: ${error.message}`;
}

export interface OtherClientForms {
  /** What `aws kms …` prints on stderr (exit code 254). */
  cli: string;
  /** The last line of boto3's traceback when the exception is not caught. */
  boto3: string;
  /** How boto3 code catches it: the `except` clause (and the check of the code it needs). */
  boto3Except: string;
}

export function otherClientForms(error: ThrownError, operation: string): OtherClientForms {
  const modeled = isModeled(error.name);
  return {
    cli: clientErrorText(error, operation, CLI_MAX_RETRIES),
    boto3: `${modeled ? `botocore.errorfactory.${error.name}` : 'botocore.exceptions.ClientError'}: ${clientErrorText(error, operation, BOTO3_MAX_RETRIES)}`,
    boto3Except: modeled
      ? `# KMS.Client.exceptions.${error.name} in boto3's documentation\nexcept kms.exceptions.${error.name} as error:`
      : `# not in the KMS service model, so no class of its own: check the code\nexcept botocore.exceptions.ClientError as error:\n    if error.response["Error"]["Code"] != "${error.name}":\n        raise`,
  };
}
