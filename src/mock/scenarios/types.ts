/**
 * The shape of one scenario in the catalog. Pages, playground presets, deep links and tests are
 * all derived from the catalog (`./catalog.ts`); nothing about a scenario is kept anywhere else.
 */
import type * as KmsSdk from '@aws-sdk/client-kms';
import type {
  ConnectionErrorCode,
  ConnectionState,
  CustomKeyStoreType,
  ExceptionName,
  FaultRule,
  KeyState,
  WorldAction,
  WorldState,
} from '../core/index.ts';

/** Sidebar group a scenario page belongs to. */
export type ScenarioGroup = 'causes' | 'operations' | 'connection-errors' | 'related' | 'baseline';

type KmsSdkExports = typeof KmsSdk;

/** The SDK's command class of each operation: `typeof EncryptCommand` for `Encrypt`. */
type KmsCommandClasses = {
  [
    Export in keyof KmsSdkExports as Export extends `${infer Operation}Command`
      ? KmsSdkExports[Export] extends new (...args: never) => unknown
        ? Operation
        : never
      : never
  ]: KmsSdkExports[Export];
};

/** A KMS API operation the SDK has a command for, e.g. `ConnectCustomKeyStore`. */
export type KmsOperation = keyof KmsCommandClasses;

/** The SDK's `…CommandInput` of each operation: `EncryptCommandInput` for `Encrypt`. */
export type KmsInputs = { [Operation in KmsOperation]: InstanceType<KmsCommandClasses[Operation]>['input'] };

/** The SDK's `…CommandOutput` of each operation: `EncryptCommandOutput` for `Encrypt`. */
export type KmsOutputs = {
  [Operation in KmsOperation]: InstanceType<KmsCommandClasses[Operation]> extends KmsSdk.$Command<
    infer _Input,
    infer Output,
    infer _ResolvedConfig,
    infer _ServiceInput,
    infer _ServiceOutput
  >
    ? Output
    : never;
};

type KmsInputMember = { [Operation in KmsOperation]: keyof KmsInputs[Operation] }[KmsOperation];

/**
 * The request members of `Operation`, with the members only other operations take marked absent:
 * code handling any call can read, say, `input.CustomKeyStoreId` (undefined where the operation
 * has no such member).
 */
type KmsCallInput<Operation extends KmsOperation> = KmsInputs[Operation] & {
  [Member in Exclude<KmsInputMember, keyof KmsInputs[Operation]>]?: never;
};

/** One KMS API call, e.g. `{ operation: 'ConnectCustomKeyStore', input: { CustomKeyStoreId } }`. */
export type KmsCall<Operation extends KmsOperation = KmsOperation> = {
  [Called in Operation]: { operation: Called; input: KmsCallInput<Called> };
}[Operation];

/** What the reader does that goes wrong. */
type Trigger = KmsCall & {
  /** After the call succeeds, poll DescribeCustomKeyStores until the store leaves CONNECTING. */
  awaitSettled?: boolean;
};

/** What the reader meets: an exception, or (for connection errors) the store's settled state. */
interface Expectation {
  /** The exception `name` the SDK throws for the trigger. */
  error?: ExceptionName;
  httpStatus?: number;
  /** Text the exception message contains. */
  messageIncludes?: string;
  /** The store the scenario is about and what DescribeCustomKeyStores shows for it. */
  storeId?: string;
  connectionState?: ConnectionState;
  connectionErrorCode?: ConnectionErrorCode;
}

export type FixStep =
  | { kind: 'world'; action: WorldAction; note?: string }
  | ({ kind: 'kms'; note?: string } & KmsCall)
  | { kind: 'wait-for-state'; storeId: string; state: ConnectionState; note?: string }
  | { kind: 'advance-time'; ms: number; note: string };

/** The documented good state the fix ends in. */
export interface FixedState {
  storeId?: string;
  connectionState?: ConnectionState;
  /** The store no longer exists (e.g. after a successful DeleteCustomKeyStore). */
  storeDeleted?: boolean;
  keyId?: string;
  keyState?: KeyState;
}

export interface Scenario {
  /** Stable id; it is the page URL (`/scenarios/<id>/`) and the playground link. Never rename. */
  id: string;
  title: string;
  /** One line: what happens and why. */
  summary: string;
  group: ScenarioGroup;
  storeType?: CustomKeyStoreType;
  /** For the 18 connection-error scenarios: the code they produce. */
  connectionErrorCode?: ConnectionErrorCode;
  /** Builds the world the scenario starts from (a fresh copy each call). */
  world: () => WorldState;
  /** Faults active from the start. */
  faults: FaultRule[];
  trigger: Trigger;
  expected: Expectation;
  /** Ordered steps, KMS calls and out-of-KMS actions, that lead to `fixed`. */
  fix: FixStep[];
  fixed: FixedState;
  /** Name of the handling program in `src/samples/` (without `.ts`): the site's programs, not shipped in the package. */
  sample: string;
  /** Text the sample's output contains when it runs in this scenario (asserted by the tests). */
  sampleShows: string[];
  /** Ids of other scenarios a reader of this one should see. */
  related?: string[];
}
