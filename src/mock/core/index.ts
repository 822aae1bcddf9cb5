/**
 * The mock's framework-free entry: the simulation, its world model and builders, world actions,
 * the connection state machine and the table of backing-store problems. No MSW, DOM, Astro or
 * Node: the playground's main thread, the Astro components and any JavaScript runtime use it.
 * `createKmsMock` (MSW request handlers) is the other entry, `src/mock/index.ts`.
 */
export type * from './model';
export { CONNECTION_ERROR_CODES, CONNECTION_STATES, KMSUSER_LOCKOUT_THRESHOLD, XKS_PROXY_TIMEOUT_MS } from './model';
export { createScaledTimers, createSimulatedClock, type Clock, type ScaledTimers } from './clock';
export { effectiveKeyState } from './context';
export { setConsistency, visibleStore, type ConsistencyOptions } from './consistency';
export { KMS_HOST } from './protocol';
export { KmsSimulation, type FaultInput, type RequestRecord, type SimulationEvent, type TimingOverrides } from './simulation';
export {
  OPERATION_RULES,
  STATE_TRANSITIONS,
  undocumentedCells,
  type OperationRule,
  type StateGuardedOperation,
  type StateTransition,
  type UndocumentedCell,
  type Verdict,
} from './transitions';
export { WorldActionError, applyWorldAction, describeWorldAction, type WorldAction } from './world-actions';
export { availableActions } from './available-actions';
export {
  ControlInputError,
  FAULT_KINDS,
  MAX_ADVANCE_MS,
  WORLD_ACTION_TYPES,
  parseAdvanceMs,
  parseFaultInput,
  parseWorldAction,
  worldActionParams,
} from './control-input';
export {
  BACKING_PROBLEMS,
  describeStoreBacking,
  nextConnectOutcome,
  type BackingProblem,
  type ProblemRow,
  type Surfacing,
} from './backing';
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
} from './worlds';
