import { describe, expect, it } from 'vitest';
import { getScenario } from 'kms-custom-key-store-mock/scenarios';
import { PLAYGROUND_TIMING } from '../../../src/playground/config';
import { describeWorld } from '../../../src/playground/world/describe-world';
import { playgroundStartingWorld as startingWorld } from '../../../src/playground/world/starting-world';
import { WorldKeeper } from '../../../src/playground/world/world-keeper';

const NOW = Date.UTC(2027, 0, 15, 12, 0, 0);
const DAY = 86_400_000;

describe('startingWorld', () => {
  it('puts the scenario on the playground clock and timing, with its faults', () => {
    const world = startingWorld(getScenario('throttling'), NOW);
    expect(world.now).toBe(NOW);
    expect(world.timing).toEqual(PLAYGROUND_TIMING);
    expect(world.faults).toEqual([{ kind: 'throttling', operation: 'Encrypt', remaining: 3 }]);
  });

  it('gives a store caught mid-transition the whole playground duration, from the first request or time jump', () => {
    const world = startingWorld(getScenario('connect-while-disconnecting'), NOW);
    const store = world.stores.find((s) => s.connectionState === 'DISCONNECTING');
    expect(store?.pending).toEqual({ kind: 'disconnect', at: null });
    const keeper = new WorldKeeper(world);
    keeper.advance(PLAYGROUND_TIMING.disconnectMs - 1);
    expect(keeper.world.stores[0]?.connectionState).toBe('DISCONNECTING');
    keeper.advance(1);
    expect(keeper.world.stores[0]?.connectionState).toBe('DISCONNECTED');
  });
});

describe('WorldKeeper', () => {
  it('repairs the world between runs and says the next connection would succeed', () => {
    const keeper = new WorldKeeper(startingWorld(getScenario('user-locked-out'), NOW));
    const before = describeWorld(keeper.world).stores[0];
    expect(before?.nextConnect).toBe('USER_LOCKED_OUT');
    expect(before?.backing.facts).toContainEqual({ text: 'kmsuser is locked out', ok: false });
    const repair = keeper.actions().find((action) => action.type === 'set-kmsuser-password');
    expect(repair).toBeDefined();
    keeper.act(repair!);
    expect(describeWorld(keeper.world).stores[0]?.nextConnect).toBe('CONNECTED');
    expect(keeper.world.now).toBe(NOW);
  });

  it('jumps simulated time, letting a key deletion waiting period end', () => {
    const start = startingWorld(getScenario('delete-with-keys'), NOW);
    const key = start.keys.find((k) => k.customKeyStoreId);
    Object.assign(key!, { keyState: 'PendingDeletion', deletionDate: NOW + 7 * DAY, pendingWindowInDays: 7 });
    const keeper = new WorldKeeper(start);
    keeper.advance(6 * DAY);
    expect(keeper.world.keys.map((k) => k.keyId)).toContain(key!.keyId);
    keeper.advance(DAY + 60_000);
    expect(keeper.elapsed()).toBe(7 * DAY + 60_000);
    expect(keeper.world.keys.map((k) => k.keyId)).not.toContain(key!.keyId);
  });

  it('starts over from a scenario start on reset', () => {
    const start = startingWorld(getScenario('user-locked-out'), NOW);
    const keeper = new WorldKeeper(start);
    keeper.advance(DAY);
    keeper.reset(start);
    expect(keeper.world).toEqual(start);
    expect(keeper.elapsed()).toBe(0);
  });
});

describe('describeWorld', () => {
  it('shows keys of a store that is not connected as Unavailable, as KMS reports them', () => {
    expect(describeWorld(startingWorld(getScenario('crypto-on-unavailable-key'), NOW))).toMatchInlineSnapshot(`
      {
        "otherKeys": [
          {
            "id": "5555eeee-55ee-55ee-55ee-555555555555",
            "state": "Enabled",
          },
        ],
        "stores": [
          {
            "backing": {
              "facts": [
                {
                  "ok": true,
                  "text": "State ACTIVE",
                },
                {
                  "ok": true,
                  "text": "Subnets exist",
                },
                {
                  "ok": true,
                  "text": "2 HSMs in 2 Availability Zones",
                },
                {
                  "ok": true,
                  "text": "Free IP addresses per subnet: 24, 24",
                },
                {
                  "ok": true,
                  "text": "Security group allows TCP 2223-2225",
                },
                {
                  "ok": true,
                  "text": "Network path from KMS is up",
                },
                {
                  "ok": true,
                  "text": "kmsuser password matches the store",
                },
              ],
              "title": "CloudHSM cluster cluster-234example7",
            },
            "id": "cks-1234567890abcdef0",
            "keys": [
              {
                "id": "1234abcd-12ab-34cd-56ef-1234567890ab",
                "state": "Unavailable",
              },
            ],
            "name": "payments-hsm-store",
            "nextConnect": "CONNECTED",
            "state": "DISCONNECTED",
            "typeLabel": "AWS CloudHSM key store",
          },
        ],
      }
    `);
  });

  it('names the proxy problem behind an external key store connection error', () => {
    const store = describeWorld(startingWorld(getScenario('xks-proxy-timed-out'), NOW)).stores.find(
      (s) => s.typeLabel === 'External key store',
    );
    expect(store).toMatchInlineSnapshot(`
      {
        "backing": {
          "facts": [
            {
              "ok": true,
              "text": "Proxy and key manager up",
            },
            {
              "ok": true,
              "text": "Network path from KMS is up",
            },
            {
              "ok": true,
              "text": "TLS certificate valid",
            },
            {
              "ok": false,
              "text": "Latency 420 ms (KMS waits 250 ms)",
            },
            {
              "ok": true,
              "text": "Serves the store’s URI path",
            },
            {
              "ok": true,
              "text": "Accepts the store’s proxy credential",
            },
            {
              "ok": true,
              "text": "Authorization rules allow KMS",
            },
            {
              "ok": true,
              "text": "Answers follow the XKS Proxy API",
            },
          ],
          "title": "XKS proxy https://xks.example.com/example/kms/xks/v1",
        },
        "id": "cks-0fedcba9876543210",
        "keys": [
          {
            "id": "0987dcba-09fe-87dc-65ba-ab0987654321",
            "state": "Unavailable",
          },
        ],
        "name": "ledger-xks-store",
        "nextConnect": "XKS_PROXY_TIMED_OUT",
        "state": "DISCONNECTED",
        "typeLabel": "External key store",
      }
    `);
  });
});

describe('WorldKeeper with a scenario’s own fix steps', () => {
  it('offers a fix step that repairs no problem only once it applies: the kmsuser password after the disconnect', () => {
    const scenario = getScenario('update-while-connected');
    const fixActions = scenario.fix.flatMap((step) => (step.kind === 'world' ? [step.action] : []));
    const keeper = new WorldKeeper(startingWorld(scenario, NOW));
    const offersPasswordChange = () => keeper.actions(fixActions).some((action) => action.type === 'set-kmsuser-password');
    expect(offersPasswordChange(), 'KMS is logged in as kmsuser while the store is CONNECTED').toBe(false);
    keeper.world.stores[0]!.connectionState = 'DISCONNECTED';
    expect(offersPasswordChange()).toBe(true);
  });
});
