/**
 * `kms-custom-key-store-mock/testing`: internals this repository's own tests check directly (the
 * problem table's pieces, the state machine's single step, the codec and ciphertext envelope, the
 * CLI's scenario trigger). Not a stable API: anything here may change or go in any release.
 */
export {
  cloudHsmSubject,
  cryptoProblem,
  describeSubject,
  examine,
  repairsFor,
  xksSubject,
  type CloudHsmSubject,
  type ProblemFinding,
  type ProblemRow,
  type XksSubject,
} from './core/backing.ts';
export { transition, type StoreEvent } from './core/transitions.ts';
export { concatBytes, fromBase64, toBase64, utf8 } from './core/codec.ts';
export { open, peekKeyId, seal } from './core/envelope.ts';
export { scenarioIdForCode } from './scenarios/catalog.ts';
export { runScenarioTrigger } from './cli/trigger.ts';
