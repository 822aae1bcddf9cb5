/**
 * The engine: the operation table, and `settle`, which lets simulated time do its work.
 *
 * Nothing here runs on a timer. A CONNECTING store carries the simulated time its attempt ends;
 * whenever the world is observed (a request, a snapshot, a world action) it is first settled up
 * to the clock's now. That keeps the world plain JSON that can be copied between threads, and
 * makes the outcome depend on the world as it is when KMS would have looked.
 */
import { connectionOutcome } from './backing.ts';
import { forgetEndedLags } from './consistency.ts';
import type { EngineContext, OperationOutput } from './context.ts';
import { kmsError } from './errors.ts';
import type { KmsKey, WorldState } from './model.ts';
import { CRYPTO_OPERATIONS } from './operations/crypto.ts';
import { CUSTOM_KEY_STORE_REFUSALS } from './operations/custom-key-store-refusals.ts';
import { KEY_OPERATIONS } from './operations/keys.ts';
import { STORE_OPERATIONS } from './operations/stores.ts';
import { stepDuration, transition } from './transitions.ts';

const OPERATIONS = {
  ...STORE_OPERATIONS,
  ...KEY_OPERATIONS,
  ...CRYPTO_OPERATIONS,
  ...CUSTOM_KEY_STORE_REFUSALS,
} as const;

/** The name of an operation the mock simulates, as the wire names it (`X-Amz-Target: TrentService.<name>`). */
type SimulatedOperation = keyof typeof OPERATIONS;

const SIMULATED_OPERATIONS: readonly string[] = Object.keys(OPERATIONS);

const isSimulatedOperation = (operation: string): operation is SimulatedOperation => Object.hasOwn(OPERATIONS, operation);

/** Applies every transition and key deletion that is due at `now`, in time order. */
export function settle(world: WorldState, now: number): void {
  const due = world.stores
    .filter((s) => s.pending && s.pending.at !== null && s.pending.at <= now)
    .sort((a, b) => a.pending!.at! - b.pending!.at!);
  for (const store of due) {
    const { kind, at } = store.pending!;
    // The step ends when it was due, however much later the world is observed.
    const change = { world, now: () => at! };
    if (kind === 'disconnect') {
      transition(change, store, 'disconnection completes');
      continue;
    }
    const code = connectionOutcome(world, store);
    if (code) transition(change, store, 'connection fails', code);
    else transition(change, store, 'connection succeeds');
  }
  // Keys whose deletion waiting period has ended are gone.
  const deletedByNow = (k: KmsKey) => k.keyState === 'PendingDeletion' && k.deletionDate !== undefined && k.deletionDate <= now;
  if (world.keys.some(deletedByNow)) world.keys = world.keys.filter((k) => !deletedByNow(k));
  forgetEndedLags(world, now);
  world.now = Math.max(world.now, now);
}

/** Starts the clock of transitions that wait for the first request (`at: null`). */
export function startDeferredTransitions(world: WorldState, now: number): void {
  for (const store of world.stores) {
    if (store.pending?.at !== null || !store.pending) continue;
    store.pending.at = now + stepDuration(world, store.type, store.pending.kind);
  }
}

/** Runs one operation against the world. Throws KmsError for every service error. */
export function runOperation(context: EngineContext, operation: string, rawInput: unknown): OperationOutput {
  if (!isSimulatedOperation(operation)) {
    throw kmsError(
      'MockNotImplementedException',
      `The KMS mock does not simulate ${operation}. Simulated operations: ${SIMULATED_OPERATIONS.join(', ')}.`,
    );
  }
  return OPERATIONS[operation].execute(context, rawInput);
}
