/**
 * Drives a scenario through the real SDK: the trigger a reader runs into, and the fix steps
 * that repair it. Tests and the site's build-time reproductions use the same driver.
 */
import * as kms from '@aws-sdk/client-kms';
import type { KMSClient, KMSClientResolvedConfig, ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-kms';
import type { ConnectionState } from '../core/index.ts';
import type { SimulatedMock } from '../mock.ts';
import type { FixStep, KmsCall, KmsInputs, KmsOperation, KmsOutputs, Scenario } from './types.ts';

/** The SDK command for `Operation`, as `KMSClient.send` takes it. */
type KmsCommand<Operation extends KmsOperation> = kms.$Command<
  KmsInputs[Operation],
  KmsOutputs[Operation],
  KMSClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes
>;

// A mapped type over the operation, so that TypeScript knows the class looked up for a
// `KmsCall<Operation>` takes that call's input (rather than any operation's).
type KmsCommandTable = { readonly [Operation in KmsOperation]: new (input: KmsInputs[Operation]) => KmsCommand<Operation> };

const KMS_COMMANDS: KmsCommandTable = {
  CancelKeyDeletion: kms.CancelKeyDeletionCommand,
  ConnectCustomKeyStore: kms.ConnectCustomKeyStoreCommand,
  CreateAlias: kms.CreateAliasCommand,
  CreateCustomKeyStore: kms.CreateCustomKeyStoreCommand,
  CreateGrant: kms.CreateGrantCommand,
  CreateKey: kms.CreateKeyCommand,
  Decapsulate: kms.DecapsulateCommand,
  Decrypt: kms.DecryptCommand,
  DeleteAlias: kms.DeleteAliasCommand,
  DeleteCustomKeyStore: kms.DeleteCustomKeyStoreCommand,
  DeleteImportedKeyMaterial: kms.DeleteImportedKeyMaterialCommand,
  DeriveSharedSecret: kms.DeriveSharedSecretCommand,
  DescribeCustomKeyStores: kms.DescribeCustomKeyStoresCommand,
  DescribeKey: kms.DescribeKeyCommand,
  DisableKey: kms.DisableKeyCommand,
  DisableKeyRotation: kms.DisableKeyRotationCommand,
  DisconnectCustomKeyStore: kms.DisconnectCustomKeyStoreCommand,
  EnableKey: kms.EnableKeyCommand,
  EnableKeyRotation: kms.EnableKeyRotationCommand,
  Encapsulate: kms.EncapsulateCommand,
  Encrypt: kms.EncryptCommand,
  GenerateDataKey: kms.GenerateDataKeyCommand,
  GenerateDataKeyPair: kms.GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintext: kms.GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateDataKeyWithoutPlaintext: kms.GenerateDataKeyWithoutPlaintextCommand,
  GenerateMac: kms.GenerateMacCommand,
  GenerateRandom: kms.GenerateRandomCommand,
  GetKeyLastUsage: kms.GetKeyLastUsageCommand,
  GetKeyPolicy: kms.GetKeyPolicyCommand,
  GetKeyRotationStatus: kms.GetKeyRotationStatusCommand,
  GetParametersForImport: kms.GetParametersForImportCommand,
  GetPublicKey: kms.GetPublicKeyCommand,
  ImportKeyMaterial: kms.ImportKeyMaterialCommand,
  ListAliases: kms.ListAliasesCommand,
  ListGrants: kms.ListGrantsCommand,
  ListKeyPolicies: kms.ListKeyPoliciesCommand,
  ListKeyRotations: kms.ListKeyRotationsCommand,
  ListKeys: kms.ListKeysCommand,
  ListResourceTags: kms.ListResourceTagsCommand,
  ListRetirableGrants: kms.ListRetirableGrantsCommand,
  PutKeyPolicy: kms.PutKeyPolicyCommand,
  ReEncrypt: kms.ReEncryptCommand,
  ReplicateKey: kms.ReplicateKeyCommand,
  RetireGrant: kms.RetireGrantCommand,
  RevokeGrant: kms.RevokeGrantCommand,
  RotateKeyOnDemand: kms.RotateKeyOnDemandCommand,
  ScheduleKeyDeletion: kms.ScheduleKeyDeletionCommand,
  Sign: kms.SignCommand,
  TagResource: kms.TagResourceCommand,
  UntagResource: kms.UntagResourceCommand,
  UpdateAlias: kms.UpdateAliasCommand,
  UpdateCustomKeyStore: kms.UpdateCustomKeyStoreCommand,
  UpdateKeyDescription: kms.UpdateKeyDescriptionCommand,
  UpdatePrimaryRegion: kms.UpdatePrimaryRegionCommand,
  Verify: kms.VerifyCommand,
  VerifyMac: kms.VerifyMacCommand,
};

const isKmsOperation = (name: string): name is KmsOperation => Object.hasOwn(KMS_COMMANDS, name);

/** A call whose operation is known only at run time, e.g. a row of a test table. */
export interface KmsCallByName {
  operation: string;
  input: Record<string, unknown>;
}

/** Sends a call through the SDK, e.g. `send(client, { operation: 'ConnectCustomKeyStore', input: {…} })`. */
export function send<Operation extends KmsOperation>(client: KMSClient, call: KmsCall<Operation>): Promise<KmsOutputs[Operation]>;
/** Sends a call named at run time; an unknown operation rejects, and only KMS (here, the mock) checks the input. */
export function send(client: KMSClient, call: KmsCallByName): Promise<KmsOutputs[KmsOperation]>;
export async function send(client: KMSClient, call: KmsCall | KmsCallByName): Promise<KmsOutputs[KmsOperation]> {
  const { operation, input } = call;
  if (!isKmsOperation(operation)) throw new Error(`@aws-sdk/client-kms has no ${operation}Command`);
  // The driver's one unchecked step: the input of a `KmsCallByName` (e.g. a row of the state
  // matrix test) was never matched to its operation. A `KmsCall` was, where it was written.
  return sendCall(client, { operation, input } as KmsCall);
}

async function sendCall<Operation extends KmsOperation>(
  client: KMSClient,
  call: KmsCall<Operation>,
): Promise<KmsOutputs[Operation]> {
  const Command = KMS_COMMANDS[call.operation];
  return client.send(new Command(call.input));
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
      throw new Error(
        `Store ${storeId} did not reach ${state} within ${timeoutMs} ms (last seen ${entry?.ConnectionState ?? 'missing'})`,
      );
    }
    await pause(options);
  }
}

/** Waits while the store is CONNECTING (or DISCONNECTING), and returns its settled entry. */
async function waitUntilSettled(client: KMSClient, storeId: string, options: WaitOptions = {}) {
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

/** What a trigger threw: an SDK exception (with `$metadata` and `$fault`), or e.g. a dropped connection. */
type TriggerError = Error & { $metadata?: Record<string, unknown>; $fault?: string };

export type TriggerOutcome = { output: KmsOutputs[KmsOperation]; error: undefined } | { output: undefined; error: TriggerError };

/** Runs the scenario's trigger. Resolves with the thrown error (if any) and the call's output. */
export async function runTrigger(client: KMSClient, scenario: Scenario, options: WaitOptions = {}): Promise<TriggerOutcome> {
  try {
    const output = await send(client, scenario.trigger);
    if (scenario.trigger.awaitSettled && scenario.expected.storeId)
      await waitUntilSettled(client, scenario.expected.storeId, options);
    return { output, error: undefined };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return { output: undefined, error };
  }
}

export async function runFixStep(client: KMSClient, mock: SimulatedMock, step: FixStep, options: WaitOptions = {}) {
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
