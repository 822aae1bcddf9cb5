import { describe, expect, it } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { getScenario } from 'kms-custom-key-store-mock/scenarios';
import { decodeCodeHash, encodeCodeHash } from '../../../src/playground/share/code-hash';
import { decodeSituationHash, encodeSituationParam, type Situation } from '../../../src/playground/share/situation-hash';
import { describeWorld } from '../../../src/playground/world/describe-world';
import { describeRestore, restoreSituation, type ToggleRestorer } from '../../../src/playground/world/restore-situation';
import { playgroundStartingWorld } from '../../../src/playground/world/starting-world';
import { WorldKeeper } from '../../../src/playground/world/world-keeper';

const NOW = Date.UTC(2027, 0, 15, 12, 0, 0);
const HOUR = 3_600_000;
const noToggles = new Map<string, ToggleRestorer>();

function lockedOutKeeper() {
  return new WorldKeeper(playgroundStartingWorld(getScenario('user-locked-out'), NOW));
}

describe('the world situation in the URL hash', () => {
  it('round-trips the steps a reader took and the toggles, beside the code', () => {
    const keeper = lockedOutKeeper();
    keeper.act(keeper.actions().find((a) => a.type === 'set-kmsuser-password')!);
    keeper.advance(HOUR);
    const situation: Situation = { steps: [...keeper.steps], toggles: { eventualConsistency: true, seed: 7 } };
    const hash = `${encodeCodeHash('console.log(1)')}&${encodeSituationParam(situation)}`;
    expect(decodeSituationHash(hash)).toEqual({ kind: 'situation', situation });
    expect(decodeCodeHash(hash)).toEqual({ kind: 'code', code: 'console.log(1)' });
  });

  it('adds nothing to the link for an untouched world', () => {
    expect(encodeSituationParam({ steps: [], toggles: {} })).toBe('');
  });

  it('is absent from old #code= links', () => {
    expect(decodeSituationHash(encodeCodeHash('console.log(1)'))).toEqual({ kind: 'none' });
  });

  it('reports a cut-short or malformed situation instead of replaying part of it', () => {
    const param = encodeSituationParam({ steps: [{ kind: 'jump', ms: HOUR }], toggles: {} });
    expect(decodeSituationHash(`#${param.slice(0, -3)}`)).toMatchObject({
      kind: 'error',
      reason: expect.stringMatching(/incomplete or damaged/),
    });
    const malformed = (data: unknown) => `#world=${compressToEncodedURIComponent(JSON.stringify(data))}`;
    expect(decodeSituationHash(malformed({ v: 1, steps: [{ jump: -5 }] }))).toMatchObject({
      kind: 'error',
      reason: expect.stringMatching(/malformed/),
    });
    expect(decodeSituationHash(malformed({ v: 2, steps: [] }))).toMatchObject({
      kind: 'error',
      reason: expect.stringMatching(/format 2/),
    });
    expect(decodeSituationHash(malformed({ v: 1, steps: [], toggles: { x: [1] } }))).toMatchObject({
      kind: 'error',
      reason: expect.stringMatching(/toggles/),
    });
  });
});

describe('restoring a situation', () => {
  it('replays the steps on the starting world, so the World panel matches the one the link was made from', () => {
    const original = lockedOutKeeper();
    original.act(original.actions().find((a) => a.type === 'set-kmsuser-password')!);
    original.advance(HOUR);
    const opened = new WorldKeeper(playgroundStartingWorld(getScenario('user-locked-out'), NOW + 999));
    const report = restoreSituation(opened, { steps: [...original.steps], toggles: {} }, noToggles);
    expect(report).toMatchObject({ skipped: [], badToggles: [] });
    expect(report.failed).toBeUndefined();
    expect(describeWorld(opened.world)).toEqual(describeWorld(original.world));
    expect(opened.elapsed()).toBe(HOUR);
    expect(opened.steps).toEqual(original.steps);
    expect(describeRestore(report)).toEqual({
      tone: 'info',
      text: expect.stringMatching(/^Restored from the link: .*kmsuser.*; \+1 h of simulated time\.$/),
    });
  });

  it('stops at a step that no longer applies and says what was and was not restored', () => {
    const keeper = lockedOutKeeper();
    const report = restoreSituation(
      keeper,
      {
        steps: [
          { kind: 'jump', ms: HOUR },
          { kind: 'act', action: { type: 'activate-cluster', clusterId: 'cluster-gone' } },
          { kind: 'jump', ms: 5 * 60_000 },
        ],
        toggles: { eventualConsistency: true },
      },
      noToggles,
    );
    expect(keeper.elapsed()).toBe(HOUR);
    const { tone, text } = describeRestore(report);
    expect(tone).toBe('error');
    expect(text).toContain('Restored from the link: +1 h of simulated time.');
    expect(text).toContain(
      'Could not restore “Initialize and activate cluster cluster-gone”: No CloudHSM cluster cluster-gone in this world.',
    );
    expect(text).toContain('Not replayed after it: +5 min of simulated time.');
    expect(text).toContain('Settings not restored: eventualConsistency = true (this playground has no such setting).');
  });

  it('names an action type that no longer exists', () => {
    const report = restoreSituation(
      lockedOutKeeper(),
      { steps: [{ kind: 'act', action: { type: 'renamed-action' } as never }], toggles: {} },
      noToggles,
    );
    expect(describeRestore(report).text).toMatch(
      /Nothing of the link’s world situation could be restored\. Could not restore “the action “renamed-action””: Unknown world action "renamed-action"/,
    );
  });

  it('hands each toggle to the setting that knows it', () => {
    const applied: unknown[] = [];
    const restorers = new Map<string, ToggleRestorer>([
      ['lag', (value) => (typeof value === 'boolean' ? void applied.push(value) : 'expected on or off')],
    ]);
    const report = restoreSituation(lockedOutKeeper(), { steps: [], toggles: { lag: true } }, restorers);
    expect(applied).toEqual([true]);
    expect(describeRestore(report)).toEqual({ tone: 'info', text: 'Restored from the link: lag = true.' });
    const bad = restoreSituation(lockedOutKeeper(), { steps: [], toggles: { lag: 'sometimes' } }, restorers);
    expect(describeRestore(bad).text).toContain('lag = "sometimes" (expected on or off)');
  });
});

describe('steps taken during a run', () => {
  it('are kept for the link unless they name nothing in the world', () => {
    const keeper = lockedOutKeeper();
    keeper.recordDuringRun({ kind: 'jump', ms: HOUR });
    expect(() =>
      keeper.recordDuringRun({ kind: 'act', action: { type: 'activate-cluster', clusterId: 'cluster-gone' } }),
    ).toThrow(/No CloudHSM cluster/);
    expect(keeper.steps).toEqual([{ kind: 'jump', ms: HOUR }]);
  });
});
