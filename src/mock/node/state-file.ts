/**
 * `--state <file>`: the worlds of every account, kept in a JSON file so that a restarted server
 * goes on where it stopped. Written within 100 ms of a change (once for a burst of requests) and at exit, atomically: the new content goes
 * to a temporary file beside it, which then replaces the old one by rename, so a crash mid-write
 * leaves the previous state, never half a file. A file that is not JSON, or not a kms-mock state
 * file, is an error that names it and is left as it is (the server does not start over it).
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { ACCOUNT_ID, type WorldState } from '../core/index.ts';

const KIND = 'kms-mock-state';
const VERSION = 1;

interface SavedAccount {
  /** The world as it was. */
  world: WorldState;
  /** The world `reset` goes back to. */
  start: WorldState;
  /** Simulated now when it was saved (time jumps included). */
  now: number;
}

export interface SavedState {
  /** Real time of the save (ms), so simulated time goes on by the time the server was down. */
  savedAt: number;
  accounts: Record<string, SavedAccount>;
}

export class StateFileError extends Error {
  override name = 'StateFileError';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const looksLikeWorld = (value: unknown): value is WorldState =>
  isRecord(value) &&
  typeof value['accountId'] === 'string' &&
  Array.isArray(value['stores']) &&
  Array.isArray(value['keys']) &&
  typeof value['now'] === 'number';

/** Reads the state file; `undefined` when there is none yet. Throws {@link StateFileError} for anything else that is wrong. */
export function readStateFile(path: string): SavedState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(`Cannot read the state file ${path}: ${(error as Error).message}`);
  }
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch {
    throw new StateFileError(
      `The state file ${path} is not JSON (damaged?). It was left as it is: move it away, or pass another --state file.`,
    );
  }
  if (!isRecord(content) || content['kind'] !== KIND)
    throw new StateFileError(
      `${path} is not a kms-mock state file (no "kind": "${KIND}"). It was left as it is: pass a file of its own to --state.`,
    );
  if (content['version'] !== VERSION)
    throw new StateFileError(
      `The state file ${path} has version ${String(content['version'])}; this kms-mock reads version ${VERSION}. It was left as it is.`,
    );
  const accounts = content['accounts'];
  if (!isRecord(accounts) || typeof content['savedAt'] !== 'number')
    throw new StateFileError(`The state file ${path} has no accounts (damaged?). It was left as it is.`);
  for (const [accountId, saved] of Object.entries(accounts)) {
    if (
      !ACCOUNT_ID.test(accountId) ||
      !isRecord(saved) ||
      !looksLikeWorld(saved['world']) ||
      !looksLikeWorld(saved['start']) ||
      typeof saved['now'] !== 'number'
    )
      throw new StateFileError(`The state file ${path} holds a damaged world for account "${accountId}". It was left as it is.`);
  }
  return { savedAt: content['savedAt'], accounts: accounts as Record<string, SavedAccount> };
}

/** Writes the state: to a temporary file beside `path`, then renamed over it. */
export function writeStateFile(path: string, state: SavedState): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify({ kind: KIND, version: VERSION, ...state }));
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new StateFileError(`Cannot write the state file ${path}: ${(error as Error).message}`);
  }
}
