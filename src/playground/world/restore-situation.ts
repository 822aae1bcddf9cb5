/**
 * Opens a link's situation: replays its World-panel steps on the scenario's starting world, in
 * order, and hands its toggles to the settings that know them. A step that no longer applies
 * (the catalog's world changed, the action was renamed) stops the replay there, since the
 * steps after it were taken in a world that step had changed; the report says what was
 * restored, what could not be and why, and what was left out after it.
 */
import { describeWorldAction } from 'kms-custom-key-store-mock/core';
import type { Situation, SituationStep, ToggleValue } from '../share/situation-hash';
import { formatDuration } from '../ui/format';
import type { WorldKeeper } from './world-keeper';

/** Applies one toggle's value; returns why it cannot, or nothing when it did. */
export type ToggleRestorer = (value: ToggleValue) => string | undefined;

export interface RestoreReport {
  restored: string[];
  failed?: { step: string; reason: string };
  /** Steps after the failed one, not replayed. */
  skipped: string[];
  /** Toggles that could not be applied, with the reason. */
  badToggles: string[];
}

export function restoreSituation(
  keeper: WorldKeeper,
  situation: Situation,
  toggles: ReadonlyMap<string, ToggleRestorer>,
): RestoreReport {
  const report: RestoreReport = { restored: [], skipped: [], badToggles: [] };
  for (const step of situation.steps) {
    if (report.failed) {
      report.skipped.push(describeStep(step));
      continue;
    }
    try {
      if (step.kind === 'act') keeper.act(step.action);
      else keeper.advance(step.ms);
      report.restored.push(describeStep(step));
    } catch (error) {
      report.failed = { step: describeStep(step), reason: error instanceof Error ? error.message : String(error) };
    }
  }
  for (const [key, value] of Object.entries(situation.toggles)) {
    const restore = toggles.get(key);
    const problem = restore ? restore(value) : 'this playground has no such setting';
    if (problem) report.badToggles.push(`${key} = ${JSON.stringify(value)} (${problem})`);
    else report.restored.push(`${key} = ${JSON.stringify(value)}`);
  }
  return report;
}

function describeStep(step: SituationStep): string {
  if (step.kind === 'jump') return `+${formatDuration(step.ms)} of simulated time`;
  try {
    return describeWorldAction(step.action);
  } catch {
    return `the action “${step.action.type}”`;
  }
}

/** What the page tells the reader after opening a link with a situation. */
export function describeRestore(report: RestoreReport): { tone: 'info' | 'error'; text: string } {
  const restored = report.restored.length
    ? `Restored from the link: ${report.restored.join('; ')}.`
    : 'Nothing of the link’s world situation could be restored.';
  if (!report.failed && report.badToggles.length === 0) return { tone: 'info', text: restored };
  const problems = [
    report.failed ? `Could not restore “${report.failed.step}”: ${report.failed.reason}` : '',
    report.skipped.length ? `Not replayed after it: ${report.skipped.join('; ')}.` : '',
    report.badToggles.length ? `Settings not restored: ${report.badToggles.join('; ')}.` : '',
  ].filter(Boolean);
  return {
    tone: 'error',
    text: `This link’s world situation no longer fully applies (the scenario may have changed since the link was made). ${restored} ${problems.join(' ')} The World panel shows the world with what was restored.`,
  };
}
