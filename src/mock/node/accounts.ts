/**
 * One world per account, as LocalStack does it: a request signed with a 12-digit access key id is
 * in that account, with a world of its own started from the server's scenario; every other access
 * key shares the default account's world. So parallel test workers, each with its own account,
 * never see each other's changes on one shared server. The number of worlds is bounded: past
 * `maxAccounts` a new account is refused with a clear error (never a silent eviction, which
 * would lose a worker's world in the middle of its test).
 */
import type { IncomingMessage } from 'node:http';
import { ACCOUNT_ID, ControlInputError, createSimulatedClock, type ScenarioSetup } from '../core/index.ts';
import { createSimulatedMock, type KmsMockOptions, type SimulatedMock } from '../mock.ts';
import type { SavedState } from './state-file.ts';

/** The control API's header naming the account a request is for (default: the default account). */
export const ACCOUNT_HEADER = 'x-kms-mock-account';
export const DEFAULT_MAX_ACCOUNTS = 100;

/** A request for an account beyond the server's limit. */
export class AccountLimitError extends Error {
  override name = 'AccountLimitError';
  constructor(accountId: string, limit: number) {
    super(
      `kms-mock holds at most ${limit} accounts' worlds and has no room for account ${accountId}: start the server with a higher --max-accounts, or reuse account ids across test runs.`,
    );
  }
}

export interface Accounts {
  /** The account every request without a 12-digit access key id (or account header) is in. */
  readonly defaultAccountId: string;
  /** The world of `accountId`, started from the server's scenario on first use. */
  mock(accountId: string): SimulatedMock;
  /** Replaces the account's world with one started from `scenario`. */
  switchScenario(accountId: string, scenario: ScenarioSetup): void;
  /** The id of the scenario the account's world started from (undefined for a given world, or one restored from a state file). */
  scenarioId(accountId: string): string | undefined;
  /** Every account with a world, the default one first. */
  entries(): IterableIterator<[string, SimulatedMock]>;
  /**
   * Puts saved worlds in place (a state file), each counted against the limit. Simulated time goes
   * on from where it was by the real time the server was down, as if it had kept running.
   */
  restore(saved: SavedState): void;
  /** Every account's world as it is now, for a state file. */
  save(): SavedState;
}

export interface AccountOptions {
  /** The options every world is made with; `scenario`/`world` start the default account. */
  mockOptions: KmsMockOptions;
  maxAccounts?: number;
}

export function createAccounts({ mockOptions, maxAccounts = DEFAULT_MAX_ACCOUNTS }: AccountOptions): Accounts {
  // What a new account or a scenario switch keeps: every option but the starting world.
  const { scenario, world: _firstWorld, accountId: _firstAccount, ...sharedOptions } = mockOptions;
  const defaultMock = createSimulatedMock(mockOptions);
  const defaultAccountId = defaultMock.snapshot().accountId;
  const worlds = new Map<string, SimulatedMock>([[defaultAccountId, defaultMock]]);
  const scenarioIds = new Map<string, string | undefined>([[defaultAccountId, mockOptions.world ? undefined : scenario?.id]]);

  const makeRoom = (accountId: string) => {
    if (!worlds.has(accountId) && worlds.size >= maxAccounts) throw new AccountLimitError(accountId, maxAccounts);
  };

  return {
    defaultAccountId,
    mock(accountId) {
      let mock = worlds.get(accountId);
      if (!mock) {
        makeRoom(accountId);
        mock = createSimulatedMock({ ...sharedOptions, ...(scenario ? { scenario } : {}), accountId });
        worlds.set(accountId, mock);
        scenarioIds.set(accountId, scenario?.id);
      }
      return mock;
    },
    switchScenario(accountId, next) {
      makeRoom(accountId);
      worlds.set(accountId, createSimulatedMock({ ...sharedOptions, scenario: next, accountId }));
      scenarioIds.set(accountId, next.id);
    },
    scenarioId: (accountId) => scenarioIds.get(accountId),
    entries: () => worlds.entries(),
    restore({ savedAt, accounts }) {
      const downFor = Math.max(0, Date.now() - savedAt);
      for (const [accountId, { world, start, now }] of Object.entries(accounts)) {
        makeRoom(accountId);
        const clock = sharedOptions.clock ?? createSimulatedClock({ start: now + downFor });
        const mock = createSimulatedMock({ ...sharedOptions, clock, world: start });
        mock.restore(world);
        worlds.set(accountId, mock);
        scenarioIds.set(accountId, undefined);
      }
    },
    save() {
      const accounts = Object.fromEntries(
        [...worlds].map(([accountId, mock]) => [
          accountId,
          { world: mock.snapshot(), start: mock.startingWorld(), now: mock.now() },
        ]),
      );
      return { savedAt: Date.now(), accounts };
    },
  };
}

const SIGNED_ACCESS_KEY = /Credential=([^/,\s]+)\//;

/** The access key id a SigV4 `Authorization` header names, if any. */
function accessKeyIdOf(request: IncomingMessage): string | undefined {
  return SIGNED_ACCESS_KEY.exec(request.headers.authorization ?? '')?.[1];
}

/** The account an AWS request is in: its access key id when that is 12 digits, else the default one. */
export function accountOfAwsRequest(request: IncomingMessage, accounts: Accounts): string {
  const accessKeyId = accessKeyIdOf(request);
  return accessKeyId !== undefined && ACCOUNT_ID.test(accessKeyId) ? accessKeyId : accounts.defaultAccountId;
}

/** The account a control request addresses (`x-kms-mock-account`); throws ControlInputError when it is not 12 digits. */
export function accountOfControlRequest(request: IncomingMessage, accounts: Accounts): string {
  const named = request.headers[ACCOUNT_HEADER];
  if (named === undefined) return accounts.defaultAccountId;
  if (typeof named !== 'string' || !ACCOUNT_ID.test(named))
    throw new ControlInputError(`${ACCOUNT_HEADER} must be a 12-digit account id, got "${String(named)}".`);
  return named;
}
