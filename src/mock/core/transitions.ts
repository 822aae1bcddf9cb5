/**
 * The connection state machine of a custom key store, as one table. The engine enforces it,
 * and the Reference page draws the state diagram and the operation × state matrix from it, so
 * the documentation cannot drift from the mock's behaviour.
 */
import { CONNECTION_STATES, type ConnectionState, type CustomKeyStoreType } from './model';

/** The six operations that can throw CustomKeyStoreInvalidStateException. */
export const STATE_GUARDED_OPERATIONS = [
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
}

const BOTH: readonly CustomKeyStoreType[] = ['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'];

export const OPERATION_RULES: readonly OperationRule[] = [
  {
    operation: 'ConnectCustomKeyStore',
    verdicts: {
      DISCONNECTED: 'allowed',
      CONNECTING: 'no-op',
      CONNECTED: 'no-op',
      DISCONNECTING: 'throws',
      FAILED: 'throws',
    },
    storeTypes: BOTH,
    note: 'A FAILED store must be disconnected before it can be connected again.',
  },
  {
    operation: 'DisconnectCustomKeyStore',
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
  {
    operation: 'CreateKey',
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
  {
    operation: 'UpdateCustomKeyStore',
    verdicts: {
      DISCONNECTED: 'allowed',
      CONNECTING: 'throws',
      CONNECTED: 'partial',
      DISCONNECTING: 'throws',
      FAILED: 'throws',
    },
    storeTypes: BOTH,
    note: 'While CONNECTED only the name may change (and, for external key stores, the proxy credential and URI path).',
  },
  {
    operation: 'DeleteCustomKeyStore',
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
  {
    operation: 'GenerateRandom',
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
];

export function verdictFor(operation: StateGuardedOperation, state: ConnectionState): Verdict {
  const rule = OPERATION_RULES.find((r) => r.operation === operation);
  if (!rule) throw new Error(`No state rule for ${operation}`);
  return rule.verdicts[state];
}

/** Fields UpdateCustomKeyStore may change while the store is CONNECTED. */
export const UPDATABLE_WHILE_CONNECTED: Record<CustomKeyStoreType, readonly string[]> = {
  AWS_CLOUDHSM: ['NewCustomKeyStoreName'],
  EXTERNAL_KEY_STORE: ['NewCustomKeyStoreName', 'XksProxyAuthenticationCredential', 'XksProxyUriPath'],
};

/** An edge of the state diagram. */
export interface StateTransition {
  from: ConnectionState | 'created';
  to: ConnectionState | 'deleted';
  /** The API call or event that moves the store along this edge. */
  trigger: string;
  /** The edge is taken by KMS on its own, some time after the call. */
  asynchronous: boolean;
}

export const STATE_TRANSITIONS: readonly StateTransition[] = [
  { from: 'created', to: 'DISCONNECTED', trigger: 'CreateCustomKeyStore', asynchronous: false },
  { from: 'DISCONNECTED', to: 'CONNECTING', trigger: 'ConnectCustomKeyStore', asynchronous: false },
  { from: 'CONNECTING', to: 'CONNECTED', trigger: 'connection succeeds', asynchronous: true },
  { from: 'CONNECTING', to: 'FAILED', trigger: 'connection fails (ConnectionErrorCode set)', asynchronous: true },
  { from: 'CONNECTED', to: 'DISCONNECTING', trigger: 'DisconnectCustomKeyStore', asynchronous: false },
  { from: 'CONNECTING', to: 'DISCONNECTING', trigger: 'DisconnectCustomKeyStore', asynchronous: false },
  { from: 'FAILED', to: 'DISCONNECTING', trigger: 'DisconnectCustomKeyStore', asynchronous: false },
  { from: 'DISCONNECTING', to: 'DISCONNECTED', trigger: 'disconnection completes', asynchronous: true },
  { from: 'DISCONNECTED', to: 'deleted', trigger: 'DeleteCustomKeyStore (no KMS keys left)', asynchronous: false },
];

export { CONNECTION_STATES };
