/**
 * Run as the reader sees it: the Run and Stop buttons, the status line while the program runs and
 * when it ends, and every panel told about the run (./run-controller runs it in a worker). The
 * session's world follows what the run reports.
 */
import { RUN_SHOWN_WITHIN_MS, SIMULATION_SPEED } from '../config';
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
    // The program goes to its worker first. The page shows the run (Running…, Stop, panels
    // cleared) when its first news arrives, or RUN_SHOWN_WITHIN_MS after the click if none has:
    // a program that prints at once then replaces the last run's results in one frame, with no
    // empty panels in between, and the click renders no frame of its own that would hold up the
    // worker's first message.
    let shown = false;
    const showRun = () => {
      if (shown) return;
      shown = true;
      clearTimeout(showAnyway);
      if (!current()) return;
      this.setRunState('running');
      this.controls.root.dataset.runs = String(++this.runsStarted);
      this.notices.status('Running…', 'busy');
      tellPanels(this.panels, 'onRunStart');
    };
    const showAnyway = setTimeout(showRun, RUN_SHOWN_WITHIN_MS);
    /** A listener that shows the run first, and ignores news from a run a scenario change or Reset stopped. */
    const news =
      <A extends unknown[]>(listener: (...args: A) => void) =>
      (...args: A) => {
        showRun();
        if (current()) listener(...args);
      };
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
        onProgramEvent: news((event) => tellPanels(this.panels, 'onProgramEvent', event)),
        onRequest: news((record) => tellPanels(this.panels, 'onRequest', record)),
        onWorld: news((world) => {
          keeper.replace(world);
          tellPanels(this.panels, 'onWorld', world);
        }),
        onClock: news((now) => tellPanels(this.panels, 'onClock', now)),
        onActFailed: news((message) => this.notices.status(`That fix could not be applied: ${message}`, 'error')),
      },
    );
    this.saveCode();
    this.session.ranSinceStart = true;
    const outcome = await running;
    showRun();
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
