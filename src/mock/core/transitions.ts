/**
 * The connection state machine of a custom key store, as tables, and the two calls that enforce
 * them: {@link guardState} (may this operation run in the store's state?) and {@link transition}
 * (every change of a store's connection state). The Reference page draws the state diagram and
 * the operation × state matrix from the same tables, so the documentation cannot drift from the
 * mock's behaviour.
 */
import { noteStoreChange, storeAsSeen } from './consistency.ts';
import type { EngineContext } from './context.ts';
import { invalidStoreState } from './errors.ts';
import {
  CONNECTION_STATES,
  type ConnectionErrorCode,
  type ConnectionState,
  type CustomKeyStore,
  type CustomKeyStoreType,
  type PendingTransition,
  type WorldState,
} from './model.ts';

/** The six operations that can throw CustomKeyStoreInvalidStateException. */
const STATE_GUARDED_OPERATIONS = [
  'ConnectCustomKeyStore',
  'DisconnectCustomKeyStore',
  'CreateKey',
  'UpdateCustomKeyStore',
  'DeleteCustomKeyStore',
  'GenerateRandom',
] as const;
export type StateGuardedOperation = (typeof STATE_GUARDED_OPERATIONS)[number];

/**
 * What happens to an operation in a state:
 * - `allowed`: accepted;
 * - `throws`: CustomKeyStoreInvalidStateException;
 * - `partial`: accepted only for some parameters (see `note`), throws for the rest;
 * - `no-op`: accepted, returns 200 `{}`, changes nothing.
 */
export type Verdict = 'allowed' | 'throws' | 'partial' | 'no-op';

export interface OperationRule {
  operation: StateGuardedOperation;
  verdicts: Record<ConnectionState, Verdict>;
  /** Which store types the rule applies to (GenerateRandom only takes CloudHSM stores). */
  storeTypes: readonly CustomKeyStoreType[];
  note: string;
  /**
   * Cells whose verdict AWS does not document (or documents in conflicting ways): what the
   * sources say, and why the mock answers as it does. The Reference matrix marks these cells and
   * the assumptions page lists them.
   */
  undocumented?: Partial<Record<ConnectionState, string>>;
}

const BOTH: readonly CustomKeyStoreType[] = ['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'];

const CONNECT_WHILE_NOT_DISCONNECTED =
  'The API reference lists only DISCONNECTING and FAILED as invalid, so the call is accepted; what it does is not documented, and the Developer Guide says a store must be DISCONNECTED to connect. The mock answers 200 {} and changes nothing.';
const UPDATE_IN_TRANSITION =
  'The API reference asks for CONNECTED or DISCONNECTED; the Developer Guide marks the name, proxy credential and URI path of an external key store as editable in any connection state. The mock refuses every update here.';

const RULES_BY_OPERATION: Readonly<Record<StateGuardedOperation, Omit<OperationRule, 'operation'>>> = {
  ConnectCustomKeyStore: {
    verdicts: {
      DISCONNECTED: 'allowed',
      CONNECTING: 'no-op',
      CONNECTED: 'no-op',
      DISCONNECTING: 'throws',
      FAILED: 'throws',
    },
    storeTypes: BOTH,
    note: 'A FAILED store must be disconnected before it can be connected again.',
    undocumented: {
      CONNECTING: CONNECT_WHILE_NOT_DISCONNECTED,
      CONNECTED: CONNECT_WHILE_NOT_DISCONNECTED,
    },
  },
  DisconnectCustomKeyStore: {
    verdicts: {
      DISCONNECTED: 'throws',
      CONNECTING: 'allowed',
      CONNECTED: 'allowed',
      DISCONNECTING: 'throws',
      FAILED: 'allowed',
    },
    storeTypes: BOTH,
    note: 'Disconnecting a store that is already disconnected (or on its way) is refused.',
  },
  CreateKey: {
    verdicts: {
      DISCONNECTED: 'throws',
      CONNECTING: 'throws',
      CONNECTED: 'allowed',
      DISCONNECTING: 'throws',
      FAILED: 'throws',
    },
    storeTypes: BOTH,
    note: 'External key stores also throw while CONNECTED when the proxy check during CreateKey fails.',
  },
  UpdateCustomKeyStore: {
    verdicts: {
      DISCONNECTED: 'allowed',
      CONNECTING: 'throws',
      CONNECTED: 'partial',
      DISCONNECTING: 'throws',
      FAILED: 'throws',
    },
    storeTypes: BOTH,
    note: 'While CONNECTED only the name may change (and, for external key stores, the proxy credential and URI path).',
    undocumented: {
      CONNECTED:
        'The exception text says only the name may change; the API parameters say the name, and for external key stores the proxy credential and URI path, may change "connected or disconnected". The mock allows those three.',
      CONNECTING: UPDATE_IN_TRANSITION,
      DISCONNECTING: UPDATE_IN_TRANSITION,
      FAILED:
        'The API reference asks for CONNECTED or DISCONNECTED; the Developer Guide marks the name, proxy credential and URI path of an external key store as editable in any connection state, and fixes a wrong URI path "without disconnecting". The mock refuses every update here: disconnect first.',
    },
  },
  DeleteCustomKeyStore: {
    verdicts: {
      DISCONNECTED: 'allowed',
      CONNECTING: 'throws',
      CONNECTED: 'throws',
      DISCONNECTING: 'throws',
      FAILED: 'throws',
    },
    storeTypes: BOTH,
    note: 'A disconnected store that still holds KMS keys fails with CustomKeyStoreHasCMKsException instead.',
  },
  GenerateRandom: {
    verdicts: {
      DISCONNECTED: 'throws',
      CONNECTING: 'throws',
      CONNECTED: 'allowed',
      DISCONNECTING: 'throws',
      FAILED: 'throws',
    },
    storeTypes: ['AWS_CLOUDHSM'],
    note: 'Only CloudHSM key stores; an external key store ID gives UnsupportedOperationException.',
  },
};

/** A cell of the operation × state table that AWS does not document, with the mock's reasoning. */
export interface UndocumentedCell {
  operation: StateGuardedOperation;
  state: ConnectionState;
  verdict: Verdict;
  why: string;
}

/** Every cell some rule marks `undocumented`, in table order. */
export function undocumentedCells(): UndocumentedCell[] {
  return OPERATION_RULES.flatMap((rule) =>
    CONNECTION_STATES.flatMap((state) => {
      const why = rule.undocumented?.[state];
      return why ? [{ operation: rule.operation, state, verdict: rule.verdicts[state], why }] : [];
    }),
  );
}

/** One row per operation, in the order of {@link STATE_GUARDED_OPERATIONS}. */
export const OPERATION_RULES: readonly OperationRule[] = STATE_GUARDED_OPERATIONS.map((operation) => ({
  operation,
  ...RULES_BY_OPERATION[operation],
}));

function verdictFor(operation: StateGuardedOperation, state: ConnectionState): Verdict {
  return RULES_BY_OPERATION[operation].verdicts[state];
}

/** Fields UpdateCustomKeyStore may change while the store is CONNECTED. */
export const UPDATABLE_WHILE_CONNECTED: Record<CustomKeyStoreType, readonly string[]> = {
  AWS_CLOUDHSM: ['NewCustomKeyStoreName'],
  EXTERNAL_KEY_STORE: ['NewCustomKeyStoreName', 'XksProxyAuthenticationCredential', 'XksProxyUriPath'],
};

/** What moves a store along an edge: an API call, or KMS ending an asynchronous step. */
export type StoreEvent =
  | 'CreateCustomKeyStore'
  | 'ConnectCustomKeyStore'
  | 'connection succeeds'
  | 'connection fails'
  | 'DisconnectCustomKeyStore'
  | 'disconnection completes'
  | 'DeleteCustomKeyStore';

/** An edge of the state diagram. */
export interface StateTransition {
  from: ConnectionState | 'created';
  to: ConnectionState | 'deleted';
  /** The API call or event that moves the store along this edge. */
  trigger: string;
  /** The edge is taken by KMS on its own, some time after the call. */
  asynchronous: boolean;
}

/** An edge of {@link STATE_TRANSITIONS}: the diagram's edge, and the event the engine names to take it. */
export interface EventTransition extends StateTransition {
  event: StoreEvent;
}

export const STATE_TRANSITIONS: readonly EventTransition[] = [
  { from: 'created', to: 'DISCONNECTED', event: 'CreateCustomKeyStore', trigger: 'CreateCustomKeyStore', asynchronous: false },
  {
    from: 'DISCONNECTED',
    to: 'CONNECTING',
    event: 'ConnectCustomKeyStore',
    trigger: 'ConnectCustomKeyStore',
    asynchronous: false,
  },
  { from: 'CONNECTING', to: 'CONNECTED', event: 'connection succeeds', trigger: 'connection succeeds', asynchronous: true },
  {
    from: 'CONNECTING',
    to: 'FAILED',
    event: 'connection fails',
    trigger: 'connection fails (ConnectionErrorCode set)',
    asynchronous: true,
  },
  {
    from: 'CONNECTED',
    to: 'DISCONNECTING',
    event: 'DisconnectCustomKeyStore',
    trigger: 'DisconnectCustomKeyStore',
    asynchronous: false,
  },
  {
    from: 'CONNECTING',
    to: 'DISCONNECTING',
    event: 'DisconnectCustomKeyStore',
    trigger: 'DisconnectCustomKeyStore',
    asynchronous: false,
  },
  {
    from: 'FAILED',
    to: 'DISCONNECTING',
    event: 'DisconnectCustomKeyStore',
    trigger: 'DisconnectCustomKeyStore',
    asynchronous: false,
  },
  {
    from: 'DISCONNECTING',
    to: 'DISCONNECTED',
    event: 'disconnection completes',
    trigger: 'disconnection completes',
    asynchronous: true,
  },
  {
    from: 'DISCONNECTED',
    to: 'deleted',
    event: 'DeleteCustomKeyStore',
    trigger: 'DeleteCustomKeyStore (no KMS keys left)',
    asynchronous: false,
  },
];

/** What to do next, per state: appended to CustomKeyStoreInvalidStateException messages. */
const STATE_HINTS: Record<ConnectionState, string> = {
  CONNECTED: 'Disconnect the custom key store first.',
  CONNECTING: 'Wait until the connection attempt finishes (CONNECTED or FAILED).',
  DISCONNECTED: 'Connect the custom key store first.',
  DISCONNECTING: 'Wait until the custom key store is DISCONNECTED.',
  FAILED: 'Disconnect the custom key store, fix the cause in ConnectionErrorCode, then connect it again.',
};

/**
 * Throws CustomKeyStoreInvalidStateException unless the operation × state table allows the call.
 * With eventual consistency simulated, the call is judged by the state KMS may still see as well
 * as by the real one: it is refused (or only partly allowed) if either refuses it, and otherwise
 * acts on the real state.
 */
export function guardState(
  context: EngineContext,
  operation: StateGuardedOperation,
  store: CustomKeyStore,
): 'allowed' | 'no-op' | 'partial' {
  const seenState = storeAsSeen(context, store).connectionState;
  // The state KMS may still see is judged first: its refusal is the stale answer a caller meets.
  for (const state of [seenState, store.connectionState]) {
    if (verdictFor(operation, state) !== 'throws') continue;
    const hint =
      operation === 'DisconnectCustomKeyStore' && state === 'DISCONNECTED' ? 'It is already disconnected.' : STATE_HINTS[state];
    throw invalidStoreState(operation, store.id, state, hint);
  }
  const verdict = verdictFor(operation, store.connectionState) as Exclude<Verdict, 'throws'>;
  return verdictFor(operation, seenState) === 'partial' ? 'partial' : verdict;
}

/** The world a store changes in, and the simulated time of the change. */
export type StoreChangeContext = Pick<EngineContext, 'world' | 'now'>;

/** A store CreateCustomKeyStore is about to add: the `created` edge gives it its first state. */
export type NewCustomKeyStore = Omit<CustomKeyStore, 'connectionState' | 'connectionErrorCode' | 'pending' | 'lagging'>;

/** The states KMS leaves by itself (an asynchronous edge leaves them), and the step it takes. */
const PENDING_STEPS: Partial<Record<ConnectionState, PendingTransition['kind']>> = {
  CONNECTING: 'connect',
  DISCONNECTING: 'disconnect',
};

/** How long KMS takes for a pending step of a store of this type (simulated ms). */
export function stepDuration(world: WorldState, type: CustomKeyStoreType, step: PendingTransition['kind']): number {
  return step === 'connect' ? world.timing.connectMs[type] : world.timing.disconnectMs;
}

/**
 * Moves `store` along the edge `event` takes from its current state, as one step: what callers
 * saw until now stays visible for the consistency lag, the state changes, and an edge into a
 * state KMS leaves by itself schedules that step. The edge out of `created` adds the store to the
 * world; the edge to `deleted` removes it (a store that appears or disappears carries no older
 * view: the mock does not simulate a new store missing from lists, or a deleted one lingering).
 * ConnectionErrorCode belongs to FAILED: set on entering it, cleared by every other edge.
 * An edge that is not in {@link STATE_TRANSITIONS} is a bug in the engine, so it throws (the wire
 * sees KMSInternalException) and changes nothing.
 */
export function transition(context: StoreChangeContext, store: NewCustomKeyStore, event: 'CreateCustomKeyStore'): void;
export function transition(
  context: StoreChangeContext,
  store: CustomKeyStore,
  event: 'connection fails',
  errorCode: ConnectionErrorCode,
): void;
export function transition(
  context: StoreChangeContext,
  store: CustomKeyStore,
  event: Exclude<StoreEvent, 'connection fails'>,
): void;
export function transition(
  context: StoreChangeContext,
  store: NewCustomKeyStore | CustomKeyStore,
  event: StoreEvent,
  errorCode?: ConnectionErrorCode,
): void {
  const from = 'connectionState' in store ? store.connectionState : 'created';
  const edge = STATE_TRANSITIONS.find((candidate) => candidate.from === from && candidate.event === event);
  if (!edge) {
    throw new Error(
      `Internal error: custom key store ${store.id} is ${from}, and the state diagram has no ${event} edge out of ${from}.`,
    );
  }
  const { world } = context;
  if (edge.to === 'deleted') {
    world.stores = world.stores.filter((s) => s.id !== store.id);
    return;
  }
  const changed = store as CustomKeyStore;
  const at = context.now();
  if (edge.from === 'created') world.stores.push(changed);
  else noteStoreChange(world, changed, at);
  changed.connectionState = edge.to;
  if (errorCode === undefined) delete changed.connectionErrorCode;
  else changed.connectionErrorCode = errorCode;
  const step = PENDING_STEPS[edge.to];
  if (step) changed.pending = { kind: step, at: at + stepDuration(world, changed.type, step) };
  else delete changed.pending;
}
