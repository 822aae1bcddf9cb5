/**
 * The mock's framework-free entry: the simulation, its world model and builders, world actions,
 * the connection state machine and the table of backing-store problems. No MSW, DOM, Astro or
 * Node: the playground's main thread, the Astro components and any JavaScript runtime use it.
 * `createKmsMock` (MSW request handlers) is the other entry, `src/mock/index.ts`.
 */
export type * from './model.ts';
export { CONNECTION_ERROR_CODES, CONNECTION_STATES, KMSUSER_LOCKOUT_THRESHOLD, XKS_PROXY_TIMEOUT_MS } from './model.ts';
export { createScaledTimers, createSimulatedClock, type Clock, type ScaledTimers } from './clock.ts';
export { ACCOUNT_ID, moveToAccount } from './accounts.ts';
export { effectiveKeyState } from './context.ts';
export { setConsistency, visibleStore, type ConsistencyOptions } from './consistency.ts';
export { KMS_HOST } from './protocol.ts';
export { KmsSimulation, type FaultInput, type RequestRecord, type SimulationEvent, type TimingOverrides } from './simulation.ts';
export {
  OPERATION_RULES,
  STATE_TRANSITIONS,
  undocumentedCells,
  type EventTransition,
  type OperationRule,
  type StateGuardedOperation,
  type StateTransition,
  type UndocumentedCell,
  type Verdict,
} from './transitions.ts';
export { WorldActionError, applyWorldAction, describeWorldAction, type WorldAction } from './world-actions.ts';
export { availableActions } from './available-actions.ts';
export {
  ControlInputError,
  FAULT_KINDS,
  MAX_ADVANCE_MS,
  WORLD_ACTION_TYPES,
  parseAdvanceMs,
  parseFaultInput,
  parseWorldAction,
  worldActionParams,
} from './control-input.ts';
export {
  BACKING_PROBLEMS,
  describeStoreBacking,
  nextConnectOutcome,
  type BackingProblem,
  type ProblemRow,
  type Surfacing,
} from './backing.ts';
export {
  WORLD_IDS,
  WORLD_EPOCH,
  cloudHsmKey,
  cloudHsmStore,
  defaultCluster,
  defaultProxy,
  emptyAccount,
  startingWorld,
  world,
  xksKey,
  xksStore,
  type ScenarioSetup,
} from './worlds.ts';
