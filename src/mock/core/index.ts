/**
 * The mock's framework-free entry: the simulation, its world model and builders, world actions,
 * the connection state machine and the table of backing-store problems. No MSW, DOM, Astro or
 * Node: the playground's main thread, the Astro components and any JavaScript runtime use it.
 * `createKmsMock` (with MSW request handlers) is in the main entry, `src/mock/index.ts`.
 */
export type * from './model.ts';
export { CONNECTION_ERROR_CODES, CONNECTION_STATES, KMSUSER_LOCKOUT_THRESHOLD, XKS_PROXY_TIMEOUT_MS } from './model.ts';
export { createScaledTimers, createSimulatedClock, type Clock, type ScaledTimers } from './clock.ts';
export { ACCOUNT_ID, moveToAccount } from './accounts.ts';
export { effectiveKeyState } from './context.ts';
export { seededRandom } from './random.ts';
export { setConsistency, visibleStore, type ConsistencyOptions } from './consistency.ts';
export { EXCEPTIONS, type ExceptionName } from './errors.ts';
export { KMS_HOST, type StatusOverrides } from './protocol.ts';
export { CRYPTO_OPERATION_NAMES } from './operations/crypto.ts';
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
export {
  WORLD_ACTION_TYPES,
  WorldActionError,
  applyWorldAction,
  breaksWorld,
  describeWorldAction,
  worldActionParams,
  type WorldAction,
} from './world-actions.ts';
export { PARAMETER_KINDS, describeKind, type ParameterKind, type ParameterSpec } from './parameter-kinds.ts';
export { FAULTS, FAULT_KINDS, FAULT_OPTIONS, type FaultKind } from './faults.ts';
export { availableActions, describeOffer, type ActionOffer } from './available-actions.ts';
export {
  ControlInputError,
  MAX_ADVANCE_MS,
  describeWorldActionParameters,
  parseAdvanceMs,
  parseFaultInput,
  parseWorldAction,
  type WorldActionParameter,
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
