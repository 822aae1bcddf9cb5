/**
 * Drives a scenario through the real SDK: the trigger a reader runs into, and the fix steps
 * that repair it. Tests and the site's build-time reproductions use the same driver.
 */
import * as kms from '@aws-sdk/client-kms';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { ConnectionState } from '../mock/core';
import type { KmsMock } from '../mock';
import type { FixStep, KmsCall, Scenario } from './types';

type CommandClass = new (input: Record<string, unknown>) => Parameters<KMSClient['send']>[0];

/** Sends `operation` with `input` through the SDK, e.g. `send(client, 'ConnectCustomKeyStore', {…})`. */
export async function send(client: KMSClient, call: KmsCall): Promise<Record<string, unknown>> {
  const Command = (kms as unknown as Record<string, CommandClass | undefined>)[`${call.operation}Command`];
  if (!Command) throw new Error(`@aws-sdk/client-kms has no ${call.operation}Command`);
  return (await client.send(new Command(call.input))) as unknown as Record<string, unknown>;
}

export async function describeStore(client: KMSClient, storeId: string) {
  const output = await client.send(new kms.DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }));
  return output.CustomKeyStores?.[0];
}

export interface WaitOptions {
  /** Real milliseconds between polls. */
  intervalMs?: number;
  /** Real milliseconds before giving up. */
  timeoutMs?: number;
  /** Runs between polls instead of sleeping, e.g. to move a frozen simulated clock ahead. */
  tick?: () => unknown;
}

const pause = (options: WaitOptions) =>
  options.tick ? Promise.resolve(options.tick()) : new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));

/** Polls DescribeCustomKeyStores until the store reaches `state`; throws with the last state seen. */
export async function waitForState(client: KMSClient, storeId: string, state: ConnectionState, options: WaitOptions = {}) {
  const { timeoutMs = 10_000 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entry = await describeStore(client, storeId);
    if (entry?.ConnectionState === state) return entry;
    if (Date.now() > deadline) {
      throw new Error(`Store ${storeId} did not reach ${state} within ${timeoutMs} ms (last seen ${entry?.ConnectionState ?? 'missing'})`);
    }
    await pause(options);
  }
}

/** Waits while the store is CONNECTING (or DISCONNECTING), and returns its settled entry. */
export async function waitUntilSettled(client: KMSClient, storeId: string, options: WaitOptions = {}) {
  const { timeoutMs = 10_000 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entry = await describeStore(client, storeId);
    const state = entry?.ConnectionState;
    if (state !== 'CONNECTING' && state !== 'DISCONNECTING') return entry;
    if (Date.now() > deadline) throw new Error(`Store ${storeId} still ${state} after ${timeoutMs} ms`);
    await pause(options);
  }
}

/** Runs the scenario's trigger. Resolves with the thrown error (if any) and the call's output. */
export async function runTrigger(client: KMSClient, scenario: Scenario, options: WaitOptions = {}) {
  try {
    const output = await send(client, scenario.trigger);
    if (scenario.trigger.awaitSettled && scenario.expected.storeId) await waitUntilSettled(client, scenario.expected.storeId, options);
    return { output, error: undefined };
  } catch (error) {
    return { output: undefined, error: error as Error & { $metadata?: Record<string, unknown>; $fault?: string } };
  }
}

export async function runFixStep(client: KMSClient, mock: KmsMock, step: FixStep, options: WaitOptions = {}) {
  switch (step.kind) {
    case 'world':
      return mock.act(step.action);
    case 'kms':
      return void (await send(client, step));
    case 'wait-for-state':
      return void (await waitForState(client, step.storeId, step.state, options));
    case 'advance-time':
      return mock.advanceTime(step.ms);
  }
}
