/**
 * Per-scenario drafts in local storage, so edits survive a reload or a trip to a guide and back.
 * Storage can be missing, full or disabled (private windows): then drafts are simply not kept.
 */

const KEY_PREFIX = 'kms-playground:v1:draft:';

export interface DraftStore {
  load(scenarioId: string): string | undefined;
  save(scenarioId: string, code: string): void;
  discard(scenarioId: string): void;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function createDraftStore(storage: StorageLike | undefined): DraftStore {
  const attempt = <T>(action: () => T): T | undefined => {
    try {
      return action();
    } catch {
      return undefined;
    }
  };
  return {
    load: (scenarioId) => attempt(() => storage?.getItem(KEY_PREFIX + scenarioId)) ?? undefined,
    save: (scenarioId, code) => void attempt(() => storage?.setItem(KEY_PREFIX + scenarioId, code)),
    discard: (scenarioId) => void attempt(() => storage?.removeItem(KEY_PREFIX + scenarioId)),
  };
}
