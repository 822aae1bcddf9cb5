/**
 * The table of backing-store problems (src/mock/core/backing.ts): every row is complete, and
 * every row's check, words and repair agree in a world where the problem is really there.
 * Worlds come from the catalog's scenarios; a row no scenario exercises yet gets one here.
 */
import { describe, expect, it } from 'vitest';
import {
  BACKING_PROBLEMS,
  WORLD_IDS,
  applyWorldAction,
  cloudHsmKey,
  cloudHsmStore,
  defaultCluster,
  defaultProxy,
  describeWorldAction,
  emptyAccount,
  nextConnectOutcome,
  xksStore,
  type BackingProblem,
  type WorldState,
} from 'kms-custom-key-store-mock/core';
import {
  cloudHsmSubject,
  cryptoProblem,
  describeSubject,
  examine,
  repairsFor,
  xksSubject,
  type CloudHsmSubject,
  type ProblemRow,
  type XksSubject,
} from 'kms-custom-key-store-mock/testing';
import { scenarios } from 'kms-custom-key-store-mock/scenarios';

type Subject = CloudHsmSubject | XksSubject;

function subjectsOf(world: WorldState): Subject[] {
  return [
    ...world.clusters.map((cluster) =>
      cloudHsmSubject(world, cluster.id, world.stores.find((store) => store.cloudHsmClusterId === cluster.id)?.keyStorePassword),
    ),
    ...world.stores.flatMap((store) => (store.xks ? [xksSubject(world, store.xks)] : [])),
  ];
}

/** The same cluster or proxy settings, looked at in another world. */
const sameSubjectIn = (world: WorldState, subject: Subject): Subject =>
  subject.type === 'AWS_CLOUDHSM'
    ? cloudHsmSubject(world, subject.clusterId, subject.keyStorePassword)
    : xksSubject(world, subject.settings);

const holdsFor = (subject: Subject, problem: BackingProblem) =>
  examine(subject).some((finding) => finding.problem === problem && finding.holds);

/** Worlds for the rows that no catalog scenario starts from (yet). */
const WORLDS_WITHOUT_A_SCENARIO: Partial<Record<BackingProblem, () => WorldState>> = {
  'cluster-not-active': () => withStores((w) => void (defaultCluster(w).state = 'INITIALIZED')),
  'hsms-in-one-zone': () => withStores((w) => void defaultCluster(w).hsms.splice(1)),
  'security-group': () => withStores((w) => void (defaultCluster(w).securityGroupValid = false)),
  'xks-network': () => withStores((w) => void (w.network.xksNetworkErrors = true)),
  'proxy-credential': () =>
    withStores((w) => void (defaultProxy(w).credential.secretAccessKey = 'rotated-on-the-proxy-only-0123456789abcdefghij')),
  'xks-kms-internal': () => withStores((w) => void (w.network.kmsInternalErrorsOnConnect = 1)),
};

function withStores(breaks: (world: WorldState) => void): WorldState {
  const world = emptyAccount();
  world.stores.push(cloudHsmStore('DISCONNECTED'), xksStore('DISCONNECTED'));
  breaks(world);
  return world;
}

/** A world and subject in which `problem` holds. */
function brokenBy(problem: BackingProblem): { world: WorldState; subject: Subject; from: string } | undefined {
  const candidates: Array<[string, () => WorldState]> = [
    ...scenarios.map((scenario): [string, () => WorldState] => [`scenario ${scenario.id}`, scenario.world]),
    ...(WORLDS_WITHOUT_A_SCENARIO[problem]
      ? [['a world built in this test', WORLDS_WITHOUT_A_SCENARIO[problem]] as [string, () => WorldState]]
      : []),
  ];
  for (const [from, build] of candidates) {
    const world = build();
    const subject = subjectsOf(world).find((candidate) => holdsFor(candidate, problem));
    if (subject) return { world, subject, from };
  }
  return undefined;
}

const rows = Object.entries(BACKING_PROBLEMS) as Array<[BackingProblem, ProblemRow]>;

describe.each(rows)('%s', (problem, row) => {
  it('has a check, a way to surface, words, a cause and a repair', () => {
    expect(['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE']).toContain(row.storeType);
    expect(typeof row.holds).toBe('function');
    expect(typeof row.repair).toBe('function');
    expect(row.cause.length).toBeGreaterThan(10);
    expect(row.says.broken).toBeDefined();
    if (row.repair === BACKING_PROBLEMS['cluster-not-found'].repair)
      expect('thenInKms' in row && row.thenInKms).toMatch(/UpdateCustomKeyStore/);
    const places = Object.entries(row.surfaces).filter(([, value]) => value !== undefined && value !== false);
    expect(places.length, 'surfaces somewhere').toBeGreaterThan(0);
  });

  it('holds in a real world, says so, and its repair removes it', () => {
    const found = brokenBy(problem);
    expect(found, `no scenario (and no world in this test) where ${problem} holds`).toBeDefined();
    const { world, subject } = found!;

    const fact = describeSubject(subject).find((line) => !line.ok);
    expect(fact, 'the World panel names a broken condition').toBeDefined();

    const repair = repairsFor(subject).find((action) => {
      const repaired = structuredClone(world);
      applyWorldAction(repaired, action);
      // A cluster restored from backup replaces the broken one once the store points at it.
      const after =
        action.type === 'restore-cluster-from-backup' && subject.type === 'AWS_CLOUDHSM'
          ? { ...subject, clusterId: action.newClusterId }
          : subject;
      return !holdsFor(sameSubjectIn(repaired, after), problem);
    });
    expect(
      repair,
      `one of the offered repairs (${repairsFor(subject).map(describeWorldAction).join('; ')}) removes ${problem}`,
    ).toBeDefined();
  });
});

describe('connection outcomes follow the table', () => {
  it.each(rows.filter(([, row]) => row.surfaces.connect !== undefined && 'code' in row.surfaces.connect))(
    '%s: a store for which it is the first problem fails to connect with its code',
    (problem, row) => {
      const { world, subject } = brokenBy(problem)!;
      const store = world.stores.find((candidate) =>
        subject.type === 'AWS_CLOUDHSM' ? candidate.cloudHsmClusterId === subject.clusterId : candidate.xks === subject.settings,
      );
      expect(store, 'a store uses the broken cluster or proxy').toBeDefined();
      const connect = row.surfaces.connect as { code: string };
      expect(nextConnectOutcome(world, store!)).toBe(connect.code);
    },
  );
});

describe('problems of single keys', () => {
  it('fail cryptography on the affected key only, with words that name it', () => {
    const world = emptyAccount();
    world.stores.push(cloudHsmStore('CONNECTED'));
    const intact = cloudHsmKey();
    const withoutMaterial = {
      ...cloudHsmKey({ materialPresent: false }),
      keyId: 'ffff0000-12ab-34cd-56ef-1234567890ab',
      arn: 'arn:aws:kms:eu-west-1:111122223333:key/ffff0000-12ab-34cd-56ef-1234567890ab',
    };
    world.keys.push(intact, withoutMaterial);
    const subject = cloudHsmSubject(world, WORLD_IDS.clusterId, WORLD_IDS.kmsUserPassword);
    expect(cryptoProblem(subject, intact)).toBeUndefined();
    expect(cryptoProblem(subject, withoutMaterial)).toMatchObject({
      problem: 'key-material-deleted',
      exception: 'KMSInvalidStateException',
      message: expect.stringContaining(withoutMaterial.arn),
    });
  });

  it('a cluster without free PKCS #11 sessions fails with KMSInternalException until the busy requests are used up', () => {
    const world = withStores((w) => void (defaultCluster(w).pkcs11SessionsBusyFor = 2));
    world.keys.push(cloudHsmKey());
    const subject = cloudHsmSubject(world, WORLD_IDS.clusterId, WORLD_IDS.kmsUserPassword);
    const key = world.keys.at(-1)!;
    expect(cryptoProblem(subject, key)?.exception).toBe('KMSInternalException');
    expect(cryptoProblem(subject, key)?.message).toMatch(/PKCS #11/);
    expect(cryptoProblem(subject, key)).toBeUndefined();
  });
});
