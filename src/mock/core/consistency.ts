/**
 * Eventual consistency, as data. AWS KMS is eventually consistent: a change usually reaches all of
 * KMS in under a few seconds, in some cases only after several minutes, and calls in that window
 * may meet the old state (Developer Guide, AWS KMS eventual consistency,
 * https://docs.aws.amazon.com/kms/latest/developerguide/programming-eventual-consistency.html).
 *
 * When a world has {@link ConsistencyState}, every change of a store's connection state or a
 * key's state first records what callers saw until then, with a lag drawn from the world's seeded
 * generator (0 to `lagMs`). Until the lag ends, reads report that earlier view, and the calls that
 * depend on the state (CreateKey, Connect, crypto, …) decide by it too. Nothing runs on a timer:
 * the view carries the simulated time it ends, like a pending transition (see `settle`).
 *
 * The mock keeps one view for every caller, so reads never go back in time; real KMS promises
 * no such thing. Without `consistency` in the world, none of this does anything.
 */
import { effectiveKeyState, type EngineContext } from './context.ts';
import type { CustomKeyStore, KeyState, KmsKey, StoreConnection, StoredKeyState, WorldState } from './model.ts';
import { mulberry32 } from './random.ts';

export interface ConsistencyOptions {
  /** The longest lag after a change, in simulated ms (0 turns the lag off). */
  lagMs: number;
  /** Seed for the lags; the same seed and the same calls give the same stale answers. */
  seed?: number;
}

/**
 * Turns the lag on in `world` (or off, with `undefined`: older views still pending are dropped
 * too, so every answer shows the world as it is). Throws RangeError on bad input.
 */
export function setConsistency(world: WorldState, options: ConsistencyOptions | undefined): void {
  if (!options) {
    delete world.consistency;
    for (const item of [...world.stores, ...world.keys]) delete item.lagging;
    return;
  }
  if (!(Number.isFinite(options.lagMs) && options.lagMs >= 0)) {
    throw new RangeError(`consistency.lagMs must be a non-negative number of milliseconds, got ${options.lagMs}.`);
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new RangeError(`consistency.seed must be an integer from 0 to 2^32 - 1, got ${seed}.`);
  }
  world.consistency = { lagMs: options.lagMs, seed, generator: seed };
}

/** The next number in [0, 1) from the world's generator, whose state is kept in the world. */
function nextRandom(world: WorldState): number {
  const consistency = world.consistency!;
  const { value, state } = mulberry32(consistency.generator);
  consistency.generator = state;
  return value;
}

/** The lag of one change: until this simulated time callers may see what was there before. */
function lagEnd(world: WorldState, changedAt: number): number {
  return changedAt + Math.round(nextRandom(world) * world.consistency!.lagMs);
}

const stillLagging = (view: { until: number } | undefined, now: number): view is { until: number } =>
  view !== undefined && view.until > now;

/**
 * Call just before `store`'s connection state changes at `changedAt`: from then on callers keep
 * seeing what they saw (its state, or an earlier view still in its window) until the new lag ends.
 */
export function noteStoreChange(world: WorldState, store: CustomKeyStore, changedAt: number): void {
  if (!world.consistency) return;
  const until = lagEnd(world, changedAt);
  const seen = stillLagging(store.lagging, changedAt) ? store.lagging : undefined;
  const view = seen ?? {
    connectionState: store.connectionState,
    ...(store.connectionErrorCode ? { connectionErrorCode: store.connectionErrorCode } : {}),
  };
  store.lagging = { ...view, until: Math.max(seen?.until ?? 0, until) };
}

/** Call just before `key`'s stored state changes at `changedAt` (or right after a new key is added, with `isNew`). */
export function noteKeyChange(world: WorldState, key: KmsKey, changedAt: number, isNew = false): void {
  if (!world.consistency) return;
  const until = lagEnd(world, changedAt);
  const seen = stillLagging(key.lagging, changedAt) ? key.lagging : undefined;
  const keyState = seen?.keyState ?? (isNew ? 'absent' : key.keyState);
  key.lagging = { keyState, until: Math.max(seen?.until ?? 0, until) };
}

/** Drops views whose lag has ended, so a settled world carries none. */
export function forgetEndedLags(world: WorldState, now: number): void {
  for (const store of world.stores) forgetEndedLag(store, now);
  for (const key of world.keys) forgetEndedLag(key, now);
}

function forgetEndedLag(item: CustomKeyStore | KmsKey, now: number): void {
  if (item.lagging && item.lagging.until <= now) delete item.lagging;
}

/** The store as callers see it at `now`. */
export function visibleStore(store: CustomKeyStore, now: number): StoreConnection {
  if (stillLagging(store.lagging, now)) return store.lagging;
  return {
    connectionState: store.connectionState,
    ...(store.connectionErrorCode ? { connectionErrorCode: store.connectionErrorCode } : {}),
  };
}

/** The stored key state callers see at `now` (a key still `absent` to others shows its own state). */
function visibleStoredKeyState(key: KmsKey, now: number): StoredKeyState {
  const lagging = key.lagging;
  return stillLagging(lagging, now) && lagging.keyState !== 'absent' ? lagging.keyState : key.keyState;
}

/** The key state callers see at `now`: keys of a store they see as not connected are Unavailable. */
function visibleKeyState(world: WorldState, key: KmsKey, now: number): KeyState {
  const stored = visibleStoredKeyState(key, now);
  if (stored === 'PendingDeletion' || !key.customKeyStoreId) return stored;
  const store = world.stores.find((s) => s.id === key.customKeyStoreId);
  return store && visibleStore(store, now).connectionState === 'CONNECTED' ? stored : 'Unavailable';
}

// What the operations ask: the same views, telling the context when the answer is an older one
// (the request log marks such requests, so a reader and a test can see a stale answer happen).

export function storeAsSeen(context: EngineContext, store: CustomKeyStore): StoreConnection {
  const view = visibleStore(store, context.now());
  if (view.connectionState !== store.connectionState) context.noteStaleView();
  return view;
}

export function keyStateAsSeen(context: EngineContext, key: KmsKey): KeyState {
  const seen = visibleKeyState(context.world, key, context.now());
  if (seen !== effectiveKeyState(context.world, key)) context.noteStaleView();
  return seen;
}

/** False while a new key is not yet seen by list calls. */
export function keyIsListed(context: EngineContext, key: KmsKey): boolean {
  const hidden = stillLagging(key.lagging, context.now()) && key.lagging.keyState === 'absent';
  if (hidden) context.noteStaleView();
  return !hidden;
}
