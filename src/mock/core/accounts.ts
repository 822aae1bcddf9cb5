/**
 * Worlds in other accounts. Every world is built in the cast's account (`WORLD_IDS.accountId`);
 * a server that gives each test worker its own account moves a copy of the scenario's world there,
 * so that the account id in every ARN and in DescribeKey's `AWSAccountId` is the worker's.
 */
import type { WorldState } from './model.ts';

/** An AWS account id: twelve digits. */
export const ACCOUNT_ID = /^\d{12}$/;

/** Moves `world` (in place) to `accountId`: its account and the ARNs of its keys. */
export function moveToAccount(world: WorldState, accountId: string): WorldState {
  if (!ACCOUNT_ID.test(accountId)) throw new RangeError(`An account id is 12 digits, got "${accountId}".`);
  const from = `:${world.accountId}:`;
  world.accountId = accountId;
  for (const key of world.keys) key.arn = key.arn.replace(from, `:${accountId}:`);
  return world;
}
