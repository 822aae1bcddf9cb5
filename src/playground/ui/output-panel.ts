/** The Output panel: what the program printed (./console-view draws it) and how the run ended. */
import type { OutcomeReport } from '../run/outcome-report';
import type { RunOutcome } from '../run/run-controller';
import type { ProgramEvent } from '../runner';
import { ConsoleView } from './console-view';
import { part } from './dom';
import type { Panel } from './panel';

export class OutputPanel implements Panel {
  private view!: ConsoleView;

  mount(root: HTMLElement): void {
    this.view = new ConsoleView(part(root, 'console'));
    part(root, 'clear-output').addEventListener('click', () => this.view.clear());
  }

  onScenarioStart(): void {
    this.view.clear();
  }

  onRunStart(): void {
    this.view.clear();
    this.view.onNextLine(() => performance.measure('pg:run-to-first-output', 'pg:run-start'));
  }

  onProgramEvent(event: ProgramEvent): void {
    if (event.type === 'console') this.view.entry(event.entry);
    else if (event.type === 'uncaught') this.view.uncaught(event.where, event.error);
    else this.view.note(event.note, 'warn');
  }

  onRunFinished(outcome: RunOutcome, report: OutcomeReport): void {
    if (report.note) this.view.note(report.note.text, report.note.tone);
    else if (outcome.kind === 'finished' && outcome.result.status === 'completed' && this.view.isEmpty()) {
      this.view.note('The program finished without printing anything.');
    }
  }
}
