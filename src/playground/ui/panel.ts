/**
 * What every panel beside the editor (Output, Requests, World, …) implements, after the shape of
 * the TypeScript playground's plugins: a panel mounts into its own markup once, then hears about
 * the scenario and each run; it implements only the events it shows. A new panel is one module,
 * its markup in src/pages/playground.astro, and one entry in app.ts's list.
 */
import type { RequestRecord, WorldState } from 'kms-custom-key-store-mock';
import type { OutcomeReport } from '../run/outcome-report';
import type { RunOutcome } from '../run/run-controller';
import type { ProgramEvent } from '../runner';

export interface Panel {
  /** Finds its elements (`data-pg` parts) under the playground's root and wires its own controls. */
  mount(root: HTMLElement): void;
  /** A scenario was opened, switched to or reset: show it as it starts, with no run's results. */
  onScenarioStart?(): void;
  onRunStart?(): void;
  /** The program printed, or threw where nothing caught it. */
  onProgramEvent?(event: ProgramEvent): void;
  /** A KMS call the program made (each attempt of a retried call is one). */
  onRequest?(record: RequestRecord): void;
  /** The running program changed the world; the session's keeper holds it already. */
  onWorld?(world: WorldState): void;
  /** Simulated now, a few times a second while the program runs. */
  onClock?(now: number): void;
  /** The run ended; for `finished` the session's keeper holds its final world already. */
  onRunFinished?(outcome: RunOutcome, report: OutcomeReport): void;
}

type PanelEvent = Exclude<keyof Panel, 'mount'>;

/** Tells every panel that implements `event`. */
export function tellPanels<E extends PanelEvent>(
  panels: readonly Panel[],
  event: E,
  ...args: Parameters<NonNullable<Panel[E]>>
): void {
  for (const panel of panels) {
    const handler = panel[event] as ((...eventArgs: typeof args) => void) | undefined;
    handler?.apply(panel, args);
  }
}
