/**
 * The pages' real-account commands include other services (EC2's security groups and ENIs). Sent
 * to the mock by mistake, the AWS CLI and boto3 show why it cannot answer them, in their own error
 * line, instead of failing to parse the answer.
 */
import { expect } from 'vitest';
import { PYTHON, clientEnvironment, runShellCommand, run, test } from './aws-clients';

const NOT_SIMULATED = 'is a call to a Query-protocol service such as Amazon EC2; it does not simulate that service';

test('aws ec2 against the mock says the mock does not simulate EC2', { timeout: 120_000 }, async ({ scenarioEndpoint }) => {
  const server = await scenarioEndpoint('healthy');
  const result = await runShellCommand(
    'aws ec2 describe-security-groups --group-ids sg-0123456789abcdef0',
    server.url,
    'eu-west-1',
  );
  expect(result.exitCode).not.toBe(0);
  expect(result.stderr).toContain(
    'An error occurred (UnknownOperationException) when calling the DescribeSecurityGroups operation: This endpoint simulates AWS KMS',
  );
  expect(result.stderr).toContain(`DescribeSecurityGroups ${NOT_SIMULATED}`);
});

test(
  'boto3 sts get_caller_identity against the mock raises a ClientError that says why',
  { timeout: 120_000 },
  async ({ scenarioEndpoint }) => {
    const server = await scenarioEndpoint('healthy');
    const program = `
import os, boto3, botocore.exceptions
try:
    boto3.client('sts', endpoint_url=os.environ['KMS_ENDPOINT_URL']).get_caller_identity()
except botocore.exceptions.ClientError as error:
    print(error.response['Error']['Code'], '|', error.response['Error']['Message'])
`;
    const result = await run(PYTHON, ['-c', program], clientEnvironment(server.url, 'eu-west-1'));
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`UnknownOperationException | This endpoint simulates AWS KMS`);
    expect(result.stdout).toContain(`GetCallerIdentity ${NOT_SIMULATED}`);
  },
);
