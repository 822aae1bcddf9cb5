/**
 * What a real client sees when KMS refuses an operation for a key in a custom key store: boto3's
 * get_key_rotation_status on a key in a CloudHSM key store, against the mock's HTTP endpoint as
 * `kms-mock serve --scenario tools-fail-on-custom-key-store-keys` starts it.
 */
import { expect } from 'vitest';
import { WORLD_IDS } from 'kms-custom-key-store-mock/core';
import { PYTHON, clientEnvironment, run, test } from './aws-clients';

const GET_ROTATION_STATUS = `
import os, sys, boto3
kms = boto3.client('kms', endpoint_url=os.environ['KMS_ENDPOINT_URL'])
try:
    kms.get_key_rotation_status(KeyId=sys.argv[1])
except kms.exceptions.UnsupportedOperationException as error:
    print(type(error).__name__, error.response['Error']['Message'])
`;

test(
  'boto3 get_key_rotation_status on a key in a CloudHSM key store raises UnsupportedOperationException',
  { timeout: 120_000 },
  async ({ scenarioEndpoint }) => {
    const server = await scenarioEndpoint('tools-fail-on-custom-key-store-keys');
    const result = await run(
      PYTHON,
      ['-c', GET_ROTATION_STATUS, WORLD_IDS.cloudHsmKeyId],
      clientEnvironment(server.url, 'eu-west-1'),
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(
      `UnsupportedOperationException arn:aws:kms:eu-west-1:111122223333:key/${WORLD_IDS.cloudHsmKeyId} origin is AWS_CLOUDHSM which is not valid for this operation.`,
    );
  },
);
