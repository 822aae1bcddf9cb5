/**
 * Every change of a KMS key's stored state, one call each: what callers saw until now stays
 * visible for the consistency lag (consistency.ts), then the key changes. Operations change keys
 * only through these, as they change stores only through `transition`.
 */
import { noteKeyChange } from './consistency.ts';
import type { EngineContext } from './context.ts';
import type { KmsKey } from './model.ts';

/** A stored key state with the fields that belong to it: a deletion date only while PendingDeletion. */
type KeyStateChange =
  { keyState: 'Enabled' | 'Disabled' } | { keyState: 'PendingDeletion'; pendingWindowInDays: number; deletionDate: number };

/** Adds a new key to the world (list calls may not see it until its lag ends). */
export function addKey(context: EngineContext, key: KmsKey): void {
  context.world.keys.push(key);
  noteKeyChange(context.world, key, context.now(), true);
}

export function setKeyState(context: EngineContext, key: KmsKey, change: KeyStateChange): void {
  noteKeyChange(context.world, key, context.now());
  delete key.deletionDate;
  delete key.pendingWindowInDays;
  Object.assign(key, change);
}
