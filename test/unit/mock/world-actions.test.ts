/** Out-of-KMS actions refuse what the real systems refuse, with a message that says why. */
import { describe, expect, it } from 'vitest';
import {
  WORLD_IDS,
  applyWorldAction,
  cloudHsmStore,
  defaultCluster,
  emptyAccount,
  type ConnectionState,
} from 'kms-custom-key-store-mock/core';

const changePassword = { type: 'set-kmsuser-password', clusterId: WORLD_IDS.clusterId, password: 'kmsPswd-2025' } as const;

function accountWithStore(state: ConnectionState) {
  const world = emptyAccount();
  world.stores.push(cloudHsmStore(state));
  return world;
}

describe('set-kmsuser-password', () => {
  it.each(['CONNECTED', 'CONNECTING', 'DISCONNECTING'] as const)(
    'is refused while the store is %s, because KMS is logged in as kmsuser',
    (state) => {
      const world = accountWithStore(state);
      expect(() => applyWorldAction(world, changePassword)).toThrow(/logged in .* as kmsuser .* disconnect the store/);
      expect(defaultCluster(world).kmsUser.password).toBe(WORLD_IDS.kmsUserPassword);
    },
  );

  it.each(['DISCONNECTED', 'FAILED'] as const)('changes the password in the cluster once the store is %s', (state) => {
    const world = accountWithStore(state);
    applyWorldAction(world, changePassword);
    expect(defaultCluster(world).kmsUser.password).toBe('kmsPswd-2025');
  });
});
