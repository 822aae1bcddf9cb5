/**
 * Every catalog scenario, through the real SDK: the trigger produces the documented error (or,
 * for connection errors, the documented FAILED state and code), and the fix steps, KMS calls and
 * out-of-KMS actions alike, end in the documented good state. The transport is the caller's: the
 * mock in process (msw/node) or the mock's HTTP endpoint.
 */
import { DescribeKeyCommand, KMSServiceException, type KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import type { SimulatedMock } from 'kms-custom-key-store-mock';
import { scenarios } from 'kms-custom-key-store-mock/scenarios';
import { describeStore, runFixStep, runTrigger } from 'kms-custom-key-store-mock/driver';
import { frozenClock, type TestMockOptions } from './mock-options';

/** Starts a fresh mock for one test and a client that reaches it. */
export interface ScenarioTransport {
  start(
    options: TestMockOptions,
  ): { mock: SimulatedMock; client: KMSClient } | Promise<{ mock: SimulatedMock; client: KMSClient }>;
}

// Simulated time stands still unless the test moves it: each poll of a wait step advances it 100 ms.

export function scenarioSuite(transport: ScenarioTransport): void {
  describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    it('meets the reader with the documented symptom', async () => {
      const { client, mock } = await transport.start({ scenario: scenario.id, clock: frozenClock() });
      const { error } = await runTrigger(client, scenario, { tick: () => mock.advanceTime(100) });
      const expected = scenario.expected;
      if (expected.error) {
        expect(error?.name).toBe(expected.error);
        expect(error).toBeInstanceOf(KMSServiceException);
        expect(error?.$metadata?.['httpStatusCode']).toBe(expected.httpStatus);
        if (expected.messageIncludes) expect(error?.message).toContain(expected.messageIncludes);
      } else {
        expect(error).toBeUndefined();
      }
      if (expected.storeId) {
        const entry = await describeStore(client, expected.storeId);
        expect(entry?.ConnectionState).toBe(expected.connectionState);
        expect(entry?.ConnectionErrorCode).toBe(expected.connectionErrorCode);
      }
    });

    it('is repaired by its fix steps', async () => {
      const { client, mock } = await transport.start({ scenario: scenario.id, clock: frozenClock() });
      const tick = () => mock.advanceTime(100);
      await runTrigger(client, scenario, { tick });
      for (const step of scenario.fix) await runFixStep(client, mock, step, { tick });
      const world = mock.snapshot();
      const { storeId, connectionState, storeDeleted, keyId, keyState } = scenario.fixed;
      if (storeId && storeDeleted) expect(world.stores.find((s) => s.id === storeId)).toBeUndefined();
      if (storeId && connectionState) expect((await describeStore(client, storeId))?.ConnectionState).toBe(connectionState);
      if (keyId && keyState) {
        const { KeyMetadata } = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
        expect(KeyMetadata?.KeyState).toBe(keyState);
      }
    });
  });
}
