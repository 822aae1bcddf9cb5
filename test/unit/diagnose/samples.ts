/**
 * What the clients we cannot run here print, written from each tool's documented format (the
 * source is cited beside each builder), filled with the facts of one catalog scenario: its
 * exception, operation and the message the mock sends. Captured output of the AWS CLI, boto3 and
 * Go lives in ./captures (scripts/capture-client-output.mjs).
 */
import type { Scenario } from 'kms-custom-key-store-mock/scenarios';

export interface ErrorFacts {
  exception: string;
  operation: string;
  message: string;
  storeId: string;
}

const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const REQUEST_ID = '4f3a9c0e-7b1d-4e5f-9a2b-0c1d2e3f4a5b';

export interface CitedFormat {
  name: string;
  /** Where the format is documented. */
  source: string;
  /** Whether the format names the operation (a JavaScript error does not). */
  namesOperation: boolean;
  render(facts: ErrorFacts): string;
}

export const CITED_FORMATS: readonly CitedFormat[] = [
  {
    name: 'Java SDK v1',
    // AmazonServiceException#getMessage: "<message> (Service: …; Status Code: …; Error Code: …; Request ID: …; Proxy: …)";
    // the client's frames are AWSKMSClient.<operation> and AWSKMSClient.execute<Operation>.
    source:
      'https://github.com/aws/aws-sdk-java/blob/master/aws-java-sdk-core/src/main/java/com/amazonaws/AmazonServiceException.java',
    namesOperation: true,
    render: (f) =>
      [
        `Exception in thread "main" com.amazonaws.services.kms.model.${f.exception}: ${f.message} (Service: AWSKMS; Status Code: 400; Error Code: ${f.exception}; Request ID: ${REQUEST_ID}; Proxy: null)`,
        '\tat com.amazonaws.http.AmazonHttpClient$RequestExecutor.handleErrorResponse(AmazonHttpClient.java:1879)',
        '\tat com.amazonaws.http.AmazonHttpClient.execute(AmazonHttpClient.java:550)',
        `\tat com.amazonaws.services.kms.AWSKMSClient.execute${f.operation}(AWSKMSClient.java:2210)`,
        `\tat com.amazonaws.services.kms.AWSKMSClient.${camel(f.operation)}(AWSKMSClient.java:2179)`,
        '\tat com.example.Payments.main(Payments.java:42)',
      ].join('\n'),
  },
  {
    name: 'Java SDK v2',
    // AwsServiceException#toString: "<message> (Service: Kms, Status Code: 400, Request ID: …)"; the client is DefaultKmsClient.
    source:
      'https://github.com/aws/aws-sdk-java-v2/blob/master/core/aws-core/src/main/java/software/amazon/awssdk/awscore/exception/AwsServiceException.java',
    namesOperation: true,
    render: (f) =>
      [
        `software.amazon.awssdk.services.kms.model.${f.exception}: ${f.message} (Service: Kms, Status Code: 400, Request ID: ${REQUEST_ID})`,
        '\tat software.amazon.awssdk.core.internal.http.CombinedResponseHandler.handleErrorResponse(CombinedResponseHandler.java:125)',
        '\tat software.amazon.awssdk.core.internal.http.pipeline.stages.RetryableStage.execute(RetryableStage.java:50)',
        `\tat software.amazon.awssdk.services.kms.DefaultKmsClient.${camel(f.operation)}(DefaultKmsClient.java:1502)`,
        '\tat com.example.Payments.main(Payments.java:42)',
      ].join('\n'),
  },
  {
    name: '.NET SDK',
    // Exceptions live in Amazon.KeyManagementService.Model; the client's methods are <Operation>Async.
    source:
      'https://docs.aws.amazon.com/sdkfornet/v3/apidocs/items/KeyManagementService/TKeyManagementServiceCustomKeyStoreInvalidStateException.html',
    namesOperation: true,
    render: (f) =>
      [
        `Unhandled exception. Amazon.KeyManagementService.Model.${f.exception}: ${f.message}`,
        " ---> Amazon.Runtime.Internal.HttpErrorResponseException: Exception of type 'Amazon.Runtime.Internal.HttpErrorResponseException' was thrown.",
        '   --- End of inner exception stack trace ---',
        `   at Amazon.KeyManagementService.Model.Internal.MarshallTransformations.${f.operation}ResponseUnmarshaller.UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)`,
        '   at Amazon.Runtime.Internal.ErrorHandler.InvokeAsync[T](IExecutionContext executionContext)',
        `   at Amazon.KeyManagementService.AmazonKeyManagementServiceClient.${f.operation}Async(${f.operation}Request request, CancellationToken cancellationToken)`,
        '   at Payments.Program.Main(String[] args) in /src/Program.cs:line 18',
      ].join('\n'),
  },
  {
    name: 'JavaScript SDK v3',
    // A service exception printed by console.log: name, $fault, $metadata, __type; the stack names no operation.
    source: 'https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/handling-exceptions.html',
    namesOperation: false,
    render: (f) =>
      [
        `${f.exception}: ${f.message}`,
        '    at throwDefaultError (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:388:20)',
        '    at de_CommandError (/app/node_modules/@aws-sdk/client-kms/dist-cjs/index.js:2511:14)',
        '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5) {',
        "  '$fault': 'client',",
        "  '$metadata': {",
        '    httpStatusCode: 400,',
        `    requestId: '${REQUEST_ID}',`,
        '    extendedRequestId: undefined,',
        '    attempts: 1,',
        '    totalRetryDelay: 0',
        '  },',
        `  __type: '${f.exception}'`,
        '}',
      ].join('\n'),
  },
  {
    name: 'Terraform',
    // The AWS provider wraps the Go SDK v2 error: "Error: creating KMS Key: operation error KMS: CreateKey, https response error …".
    source: 'https://github.com/awslabs/minimum-viable-dataspace-on-aws/issues/6',
    namesOperation: true,
    render: (f) =>
      [
        `│ Error: ${f.operation === 'CreateKey' ? 'creating KMS Key' : `calling KMS ${f.operation}`}: operation error KMS: ${f.operation}, https response error StatusCode: 400, RequestID: ${REQUEST_ID}, ${f.exception}: ${f.message}`,
        '│',
        '│   with aws_kms_key.payments,',
        '│   on main.tf line 12, in resource "aws_kms_key" "payments":',
        '│   12: resource "aws_kms_key" "payments" {',
      ].join('\n'),
  },
  {
    name: 'CloudTrail',
    // A KMS CloudTrail record (eventName, requestParameters) with the errorCode and errorMessage fields of a failed call.
    source: 'https://docs.aws.amazon.com/kms/latest/developerguide/ct-connect-keystore.html',
    namesOperation: true,
    render: (f) =>
      JSON.stringify(
        {
          eventVersion: '1.08',
          userIdentity: {
            type: 'IAMUser',
            principalId: 'EX_PRINCIPAL_ID',
            arn: 'arn:aws:iam::111122223333:user/Alice',
            accountId: '111122223333',
            userName: 'Alice',
          },
          eventTime: '2026-10-21T20:17:32Z',
          eventSource: 'kms.amazonaws.com',
          eventName: f.operation,
          awsRegion: 'eu-west-1',
          sourceIPAddress: '192.0.2.0',
          userAgent: 'aws-cli/2.9.19',
          errorCode: f.exception,
          errorMessage: f.message,
          requestParameters: { customKeyStoreId: f.storeId },
          responseElements: null,
          requestID: REQUEST_ID,
          eventID: '114b61b9-0ea6-47f5-a9d2-4f2bdd0017d5',
          readOnly: false,
          eventType: 'AwsApiCall',
          managementEvent: true,
          recipientAccountId: '111122223333',
        },
        null,
        2,
      ),
  },
];

/** The facts a client would print for the scenario, with the message the AWS CLI captured from the mock. */
export function errorFactsOf(scenario: Scenario, capturedCliError: string): ErrorFacts {
  const message = /operation(?: \(reached max retries: \d+\))?: (.*)$/m.exec(capturedCliError)?.[1] ?? '';
  return {
    exception: scenario.expected.error!,
    operation: scenario.trigger.operation,
    message,
    storeId: scenario.expected.storeId ?? 'cks-1234567890abcdef0',
  };
}
