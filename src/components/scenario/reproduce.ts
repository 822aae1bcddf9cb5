/**
 * Reproduces a scenario with the real SDK against the mock and reports what a reader sees:
 * the thrown error as the SDK surfaces it, and the store's DescribeCustomKeyStores entry.
 * Pages call this at build time, so their Symptom sections cannot drift from the mock.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import {
  WORLD_EPOCH,
  createKmsMock,
  createMockRequestHandler,
  createSimulatedClock,
  getScenario,
  seededRandom,
} from 'kms-custom-key-store-mock';
import { describeStore, runTrigger } from 'kms-custom-key-store-mock/driver';

export interface Reproduction {
  operation: string;
  input: Record<string, unknown>;
  error?: {
    name: string;
    message: string;
    $fault: string;
    $metadata: { httpStatusCode?: number; requestId?: string; attempts?: number; totalRetryDelay?: number };
  };
  store?: Record<string, unknown>;
}

export async function reproduceScenario(id: string): Promise<Reproduction> {
  const scenario = getScenario(id);
  // Time stands still while the symptom is reproduced (a DISCONNECTING store stays so), and
  // moves only when the reproduction moves it: past a connection attempt, to see how it ended.
  const clock = createSimulatedClock({ realNow: () => 0, start: WORLD_EPOCH });
  // Seeded per scenario, so the request ids printed on pages do not change between builds.
  const mock = createKmsMock({
    scenario,
    clock,
    random: seededRandom([...id].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261)),
  });
  const client = new KMSClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example-secret' },
    requestHandler: createMockRequestHandler(mock.handlers),
  });
  const { error } = await runTrigger(client, { ...scenario, trigger: { ...scenario.trigger, awaitSettled: false } });
  if (scenario.trigger.awaitSettled) {
    const { connectMs, disconnectMs } = mock.snapshot().timing;
    mock.advanceTime(Math.max(connectMs.AWS_CLOUDHSM, connectMs.EXTERNAL_KEY_STORE, disconnectMs) + 1);
  }
  const store = scenario.expected.storeId
    ? await describeStore(client, scenario.expected.storeId).catch(() => undefined)
    : undefined;
  client.destroy();
  return {
    operation: scenario.trigger.operation,
    // A plain copy: the SDK's input types are interfaces, which a `Record` does not accept.
    input: { ...scenario.trigger.input },
    ...(error
      ? {
          error: {
            name: error.name,
            message: error.message,
            $fault: error.$fault ?? 'client',
            $metadata: pickMetadata(error.$metadata ?? {}),
          },
        }
      : {}),
    ...(store ? { store: store as Record<string, unknown> } : {}),
  };
}

type Metadata = NonNullable<Reproduction['error']>['$metadata'];

/** The $metadata fields a reader sees, without the ones the SDK left undefined. */
function pickMetadata(metadata: Metadata): Metadata {
  const keys = ['httpStatusCode', 'requestId', 'attempts', 'totalRetryDelay'] as const;
  return Object.fromEntries(keys.filter((k) => metadata[k] !== undefined).map((k) => [k, metadata[k]])) as Metadata;
}
