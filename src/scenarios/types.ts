/**
 * The shape of one scenario in the catalog. Pages, playground presets, deep links and tests are
 * all derived from the catalog (`./catalog.ts`); nothing about a scenario is kept anywhere else.
 */
import type {
  ConnectionErrorCode,
  ConnectionState,
  CustomKeyStoreType,
  FaultRule,
  KeyState,
  WorldState,
} from '../mock/core';
import type { WorldAction } from '../mock/core';

/** Sidebar group a scenario page belongs to. */
export type ScenarioGroup = 'causes' | 'operations' | 'connection-errors' | 'related' | 'baseline';

export interface KmsCall {
  /** A KMS API operation name, e.g. `ConnectCustomKeyStore`. */
  operation: string;
  /** The request members, as the SDK command takes them. */
  input: Record<string, unknown>;
}

/** What the reader does that goes wrong. */
export interface Trigger extends KmsCall {
  /** After the call succeeds, poll DescribeCustomKeyStores until the store leaves CONNECTING. */
  awaitSettled?: boolean;
}

/** What the reader meets: an exception, or (for connection errors) the store's settled state. */
export interface Expectation {
  /** The exception `name` the SDK throws for the trigger. */
  error?: string;
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
  /** Name of the handling program in `src/scenarios/samples/` (without `.ts`). */
  sample: string;
  /** Text the sample's output contains when it runs in this scenario (asserted by the tests). */
  sampleShows: string[];
  /** Ids of other scenarios a reader of this one should see. */
  related?: string[];
}
