/**
 * The connection state machine of a custom key store, as one table. The engine enforces it
 * (every change of a store's connection state goes through {@link transition}), and the
 * Reference page draws the state diagram and the operation × state matrix from it, so the
 * documentation cannot drift from the mock's behaviour.
 */
import { CONNECTION_STATES, type ConnectionErrorCode, type ConnectionState, type CustomKeyStore, type CustomKeyStoreType } from './model.ts';

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

export function verdictFor(operation: StateGuardedOperation, state: ConnectionState): Verdict {
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

/** The state CreateCustomKeyStore gives a new store: the diagram's edge out of `created`. */
export const NEW_STORE_STATE = 'DISCONNECTED' satisfies ConnectionState;

export const STATE_TRANSITIONS: readonly EventTransition[] = [
  { from: 'created', to: NEW_STORE_STATE, event: 'CreateCustomKeyStore', trigger: 'CreateCustomKeyStore', asynchronous: false },
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

/**
 * Moves `store` along the edge `event` takes from its current state. An edge that is not in
 * {@link STATE_TRANSITIONS} is a bug in the engine, so it throws (the wire sees
 * KMSInternalException). ConnectionErrorCode belongs to FAILED: set on entering it, cleared by
 * every other edge. An edge to `deleted` changes nothing on the store: the caller removes it.
 */
export function transition(store: CustomKeyStore, event: 'connection fails', errorCode: ConnectionErrorCode): void;
export function transition(store: CustomKeyStore, event: Exclude<StoreEvent, 'connection fails'>): void;
export function transition(store: CustomKeyStore, event: StoreEvent, errorCode?: ConnectionErrorCode): void {
  const from = store.connectionState;
  const edge = STATE_TRANSITIONS.find((candidate) => candidate.from === from && candidate.event === event);
  if (!edge) {
    throw new Error(
      `Internal error: custom key store ${store.id} is ${from}, and the state diagram has no ${event} edge out of ${from}.`,
    );
  }
  if (edge.to === 'deleted') return;
  store.connectionState = edge.to;
  if (errorCode === undefined) delete store.connectionErrorCode;
  else store.connectionErrorCode = errorCode;
}
