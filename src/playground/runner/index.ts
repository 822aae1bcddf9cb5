/** Transpile and run a program with a module map, a captured console and tracked timers. */
export { mapProgramStack } from './stack';
export { ProgramSyntaxError, transpileProgram } from './transpile';
export { ModuleNotFoundError, runProgram } from './program';
export { inspect, preview, type InspectEntry, type InspectNode } from './inspect';
export { formatArguments, type ConsoleEntry } from './console-capture';
export { type TimerFunctions } from './activity';
export { prepareExecution, type ExecuteOptions, type ExecuteResult, type ProgramEvent, type ProgramExecution } from './execute';
export { BlockedRequestError, installNetworkGuard, type NetworkPolicy } from './network-guard';
