/** Transpile and run a program with a module map, a captured console and tracked timers. */
export { PROGRAM_FILE_NAME, mapProgramStack } from './stack';
export { ProgramSyntaxError, transpileProgram } from './transpile';
export { ModuleNotFoundError, compileProgram, runProgram, type ProgramHost } from './program';
export { DEFAULT_INSPECT_LIMITS, inspect, preview, type InspectEntry, type InspectLimits, type InspectNode } from './inspect';
export {
  DEFAULT_OUTPUT_LIMITS,
  createConsoleCapture,
  formatArguments,
  type ConsoleCapture,
  type ConsoleEntry,
  type ConsoleLevel,
  type OutputLimits,
} from './console-capture';
export { createActivityTracker, type ActivityTracker, type TimerFunctions } from './activity';
export { prepareExecution, type ExecuteOptions, type ExecuteResult, type ProgramEvent, type ProgramExecution } from './execute';
export { BlockedRequestError, createGuardedFetch, installNetworkGuard, type NetworkPolicy } from './network-guard';
