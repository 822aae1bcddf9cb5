/**
 * Run as the reader sees it: the Run and Stop buttons, the status line while the program runs and
 * when it ends, and every panel told about the run (./run-controller runs it in a worker). The
 * session's world follows what the run reports.
 */
import { SIMULATION_SPEED } from '../config';
import type { CodeEditor } from '../editor/code-editor';
import { sampleEnvironment } from '../scenarios';
import type { PlaygroundSession } from '../session';
import type { Notices } from '../ui/notices';
import { tellPanels, type Panel } from '../ui/panel';
import { describeOutcome } from './outcome-report';
import type { RunController } from './run-controller';

export interface RunControls {
  /** Carries a `data-run` of `idle` or `running`. */
  root: HTMLElement;
  /** Every button that starts a run: disabled while one is active. */
  runButtons: readonly HTMLButtonElement[];
  stopButton: HTMLButtonElement;
}

export class RunPresenter {
  /** Changing the scenario or Reset while a run is active must not let the old run's results land. */
  private generation = 0;
  /** Runs started on this page; shown as `data-runs` so a test can tell this run's end from the last one's. */
  private runsStarted = 0;

  constructor(
    private readonly runs: RunController,
    private readonly session: PlaygroundSession,
    private readonly editor: CodeEditor,
    private readonly panels: readonly Panel[],
    private readonly notices: Notices,
    private readonly controls: RunControls,
    /** Saves the code (link, draft) before it runs. */
    private readonly saveCode: () => void,
  ) {
    controls.stopButton.addEventListener('click', () => this.runs.stop());
    for (const button of controls.runButtons) button.addEventListener('click', () => void this.run());
  }

  async run(): Promise<void> {
    if (this.runs.running) return;
    performance.mark('pg:run-start');
    const generation = this.generation;
    const current = () => generation === this.generation;
    const { keeper, scenario } = this.session;
    const startedAt = keeper.world.now;
    // The program goes to its worker first; saving the code and clearing the panels happen while
    // it runs (its first message arrives in a later task, after they are done).
    const consistency = keeper.consistencyForRun();
    const running = this.runs.run(
      {
        source: this.editor.getCode(),
        world: keeper.worldForRun(),
        ...(consistency ? { consistency } : {}),
        speed: SIMULATION_SPEED,
        environment: sampleEnvironment(scenario),
      },
      {
        onProgramEvent: (event) => current() && tellPanels(this.panels, 'onProgramEvent', event),
        onRequest: (record) => current() && tellPanels(this.panels, 'onRequest', record),
        onWorld: (world) => {
          if (!current()) return;
          keeper.replace(world);
          tellPanels(this.panels, 'onWorld', world);
        },
        onClock: (now) => current() && tellPanels(this.panels, 'onClock', now),
        onActFailed: (message) => current() && this.notices.status(`That fix could not be applied: ${message}`, 'error'),
      },
    );
    this.saveCode();
    this.session.ranSinceStart = true;
    this.setRunState('running');
    this.controls.root.dataset.runs = String(++this.runsStarted);
    this.notices.status('Running…', 'busy');
    tellPanels(this.panels, 'onRunStart');
    const outcome = await running;
    this.setRunState(this.runs.running ? 'running' : 'idle');
    // A scenario change or Reset stopped this run: its results belong to the old world.
    if (!current()) return;
    if (outcome.kind === 'finished') keeper.replace(outcome.world);
    const report = describeOutcome(outcome, startedAt);
    tellPanels(this.panels, 'onRunFinished', outcome, report);
    this.notices.status(report.status.text, report.status.tone);
  }

  /** Stops the active run, if any, and keeps its results from landing (a scenario change, Reset). */
  cancel(): void {
    this.generation += 1;
    this.runs.stop();
  }

  setRunState(state: 'idle' | 'running'): void {
    this.controls.root.dataset.run = state;
    for (const button of this.controls.runButtons) button.disabled = state === 'running';
    this.controls.stopButton.disabled = state !== 'running';
  }
}
