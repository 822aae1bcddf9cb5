/**
 * The AWS CLI and boto3 forms of an error that a scenario page shows (derived from the error the
 * JavaScript SDK meets) are what the real clients print: the page's trigger call made with
 * Debian's AWS CLI v2 and boto3 against the mock's endpoint, in the scenario's starting world.
 */
import { describe, expect } from 'vitest';
import type { KmsMockServer } from 'kms-custom-key-store-mock/node';
import { getScenario } from 'kms-custom-key-store-mock/scenarios';
import { otherClientForms } from '~/components/scenario/other-clients';
import { reproduceScenario } from '~/components/scenario/reproduce';
import { PYTHON, clientEnvironment, run, runAwsCli, test } from './aws-clients';

const REGION = 'eu-west-1';
const words = (operation: string) => operation.split(/(?=[A-Z])/).map((word) => word.toLowerCase());
const bytes = (value: Uint8Array) => Buffer.from(value).toString('base64');

/** The input as the CLI's --cli-input-json takes it: blobs as base64. */
const cliInputJson = (input: Record<string, unknown>) =>
  JSON.stringify(input, (_key, value: unknown) => (value instanceof Uint8Array ? bytes(value) : value));

/** The input as Python keyword arguments (top-level blobs as bytes; the triggers have no nested ones). */
const pythonKeywords = (input: Record<string, unknown>) =>
  Object.entries(input)
    .map(
      ([name, value]) => `${name}=${value instanceof Uint8Array ? `base64.b64decode("${bytes(value)}")` : JSON.stringify(value)}`,
    )
    .join(', ');

/**
 * boto3 waits between its retries of a throttled call (four, with growing random waits: about
 * 8 s a call, as long as 15 s). What is checked is the line it ends with and the except clause that
 * catches it, which the waits do not change, so they end at once (botocore calls `time.sleep`).
 */
const WITHOUT_RETRY_WAITS = 'import time\ntime.sleep = lambda seconds: None\n';

/** The scenario's faults again, lasting until cleared: boto3 makes five attempts where the scenario counts on three. */
function outlastRetries(server: KmsMockServer, id: string) {
  for (const { kind, operation, latencyMs } of getScenario(id).faults)
    server.mock.faults.inject({
      kind,
      ...(operation === '*' ? {} : { operation }),
      ...(latencyMs === undefined ? {} : { latencyMs }),
    });
}

describe.each(['create-key-while-disconnected', 'delete-with-keys', 'connect-without-hsms-fails-fast', 'throttling'])(
  '%s',
  (id) => {
    test('the AWS CLI prints the line the page shows', { timeout: 120_000 }, async ({ scenarioEndpoint }) => {
      const { error, operation, input } = await reproduceScenario(id);
      const { url: endpoint } = await scenarioEndpoint(id, { trigger: false });
      const result = await runAwsCli(
        ['--endpoint-url', endpoint, 'kms', words(operation).join('-'), '--cli-input-json', cliInputJson(input)],
        clientEnvironment(endpoint, REGION),
      );
      expect(result.exitCode).toBe(254);
      expect(result.stderr.trim()).toBe(otherClientForms(error!, operation).cli);
    });

    test(
      'boto3 raises what the page shows, and the page’s except clause catches it',
      { timeout: 180_000 },
      async ({ scenarioEndpoint }) => {
        const { error, operation, input } = await reproduceScenario(id);
        const forms = otherClientForms(error!, operation);
        const server = await scenarioEndpoint(id, { trigger: false });
        const endpoint = server.url;
        outlastRetries(server, id);
        const call = `kms.${words(operation).join('_')}(${pythonKeywords(input)})`;
        const setUp = `import base64, boto3, botocore\n${WITHOUT_RETRY_WAITS}kms = boto3.client("kms", endpoint_url=${JSON.stringify(endpoint)})\n`;

        const uncaught = await run(PYTHON, ['-c', `${setUp}${call}\n`], clientEnvironment(endpoint, REGION));
        expect(uncaught.stderr.trim().split('\n').at(-1)).toBe(forms.boto3);

        const caught = await run(
          PYTHON,
          ['-c', `${setUp}try:\n    ${call}\n${forms.boto3Except}\n    print("caught", error.response["Error"]["Code"])\n`],
          clientEnvironment(endpoint, REGION),
        );
        expect(caught.stderr).toBe('');
        expect(caught.stdout.trim()).toBe(`caught ${error!.name}`);
      },
    );
  },
);
