/**
 * The faults a test or an operator can inject, one entry each: what a matching call meets, and
 * the options the fault takes besides `operation` and `times`. The kinds, their checks (control
 * API, links), the CLI's help and the package README's table are all read from here.
 */
import { kmsError, type ExceptionName, type KmsError } from './errors.ts';
import type { ParameterSpec } from './parameter-kinds.ts';

/** What a call a fault matches meets: an error answer, a dropped connection, or a delay before its answer. */
type FaultEffect = { error: ExceptionName; message: string } | 'dropped connection' | 'delay';

interface FaultDefinition {
  effect: FaultEffect;
  /** Options of this fault only, and their kinds. */
  options: ParameterSpec;
}

export const FAULTS = {
  throttling: { effect: { error: 'ThrottlingException', message: 'Rate exceeded' }, options: {} },
  'internal-error': {
    effect: {
      error: 'KMSInternalException',
      message: 'The request was rejected because an internal exception occurred. The request can be retried.',
    },
    options: {},
  },
  'key-unavailable': {
    effect: {
      error: 'KeyUnavailableException',
      message: 'The request was rejected because the specified KMS key was not available. You can retry the request.',
    },
    options: {},
  },
  'dependency-timeout': {
    effect: {
      error: 'DependencyTimeoutException',
      message: 'The system timed out while trying to fulfill the request. The request can be retried.',
    },
    options: {},
  },
  'network-error': { effect: 'dropped connection', options: {} },
  latency: { effect: 'delay', options: { latencyMs: 'milliseconds' } },
} as const satisfies Record<string, FaultDefinition>;

export type FaultKind = keyof typeof FAULTS;

/** The fault kinds, in table order. */
export const FAULT_KINDS = Object.keys(FAULTS) as readonly FaultKind[];

/** Every option some fault takes, for checking fields of untrusted input. */
export const FAULT_OPTIONS: readonly string[] = [
  ...new Set(Object.values(FAULTS).flatMap((fault) => Object.keys(fault.options))),
];

/** The error a call meets under this fault, if the fault answers with one. */
export function faultError(kind: FaultKind): KmsError | undefined {
  const effect: FaultEffect = FAULTS[kind].effect;
  return typeof effect === 'object' ? kmsError(effect.error, effect.message) : undefined;
}

/** The fault makes a matching call meet `effect` (a dropped connection, a delay). */
export const faultDoes = (kind: FaultKind, effect: 'dropped connection' | 'delay') => FAULTS[kind].effect === effect;
