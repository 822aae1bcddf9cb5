/**
 * The World panel: the session's world as ./world-view draws it, and the reader's hand on it:
 * out-of-KMS actions, time jumps and the eventual-consistency toggle. With no run active they
 * change the session's world here; during a run the running program's mock carries them out.
 */
import type { WorldAction } from 'kms-custom-key-store-mock';
import { breaksWorld } from 'kms-custom-key-store-mock/core';
import { TIME_JUMPS } from '../config';
import type { RunController, RunOutcome } from '../run/run-controller';
import type { PlaygroundSession } from '../session';
import type { SituationStep } from '../share/situation-hash';
import { afterNextPaint, h, part } from './dom';
import { formatDuration } from './format';
import type { Notices } from './notices';
import type { Panel } from './panel';
import { WorldView } from './world-view';

export interface WorldPanelOptions {
  session: PlaygroundSession;
  runs: Pick<RunController, 'running' | 'send'>;
  notices: Notices;
  /** A World-panel step or setting changed what a link carries. */
  onSituationChange(): void;
}

export class WorldPanel implements Panel {
  private view!: WorldView;
  /** Under the buttons: what the last step did, how the run it calls for goes, and Run again. */
  private next!: HTMLElement;

  private readonly renderAfterPaint = afterNextPaint();

  constructor(private readonly options: WorldPanelOptions) {}

  mount(root: HTMLElement): void {
    const { keeper } = this.options.session;
    this.view = new WorldView(
      {
        clock: part(root, 'clock'),
        consistency: part(root, 'consistency'),
        stores: part(root, 'stores'),
        actions: part(root, 'actions'),
      },
      {
        onAction: (action) => this.act(action),
        onJump: (ms) => this.jump(ms),
        onConsistencyChange: (enabled) => {
          keeper.setConsistency({ enabled });
          this.view.showConsistency(keeper.consistency);
          this.options.onSituationChange();
        },
      },
    );
    this.view.showConsistency(keeper.consistency);
    part(root, 'jumps').replaceChildren(
      ...TIME_JUMPS.map(({ label, ms }) => {
        const button = h(
          'button',
          { type: 'button', class: 'pg-jump', title: `Move simulated time ${formatDuration(ms)} ahead` },
          label,
        );
        button.addEventListener('click', () => this.jump(ms));
        return button;
      }),
    );
    this.next = part(root, 'world-next');
    this.options.notices.repeatStatusIn(part(root, 'world-next-status'));
  }

  onScenarioStart(): void {
    this.next.hidden = true;
    this.render();
  }

  onWorld(): void {
    // The keeper holds the newest world already; one redraw after the frame shows all changes so far.
    this.renderAfterPaint(() => this.render());
  }

  onClock(now: number): void {
    this.view.showClock(now, this.options.session.keeper.elapsed(now));
  }

  onRunFinished(outcome: RunOutcome): void {
    if (outcome.kind === 'finished') this.render();
  }

  private render() {
    const { keeper, fixActions } = this.options.session;
    const fixTypes = new Set(fixActions.map((action) => action.type));
    // The scenario's own fix steps are offered too once they apply (not every step repairs a problem).
    this.view.show(keeper.world, keeper.actions(fixActions), (action) => fixTypes.has(action.type));
    this.view.showClock(keeper.world.now, keeper.elapsed());
  }

  private act(action: WorldAction) {
    const { session, runs, notices, onSituationChange } = this.options;
    try {
      if (runs.running) return this.forwardToRun({ kind: 'act', action }, { type: 'act', action });
      session.keeper.act(action);
      this.render();
      onSituationChange();
      notices.status(`Done. Run your code again to see KMS meet the ${breaksWorld(action) ? 'broken' : 'changed'} world.`, 'ok');
    } catch (error) {
      notices.status(`That fix could not be applied: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
    this.offerRun();
  }

  private jump(ms: number) {
    const { session, runs, notices, onSituationChange } = this.options;
    if (runs.running) return this.forwardToRun({ kind: 'jump', ms }, { type: 'advance-time', ms });
    session.keeper.advance(ms);
    this.render();
    onSituationChange();
    notices.status(`Simulated time moved ${formatDuration(ms)} ahead.`, 'info');
    this.offerRun();
  }

  /**
   * A step taken between runs calls for a run: Run comes to the reader, who may be far below the
   * toolbar (on a phone the World panel is the page's last), beside the step's result.
   */
  private offerRun() {
    this.next.hidden = false;
    this.next.scrollIntoView({ block: 'nearest' });
  }

  /** The running program's mock carries the step out; the link records it. */
  private forwardToRun(step: SituationStep, message: Parameters<RunController['send']>[0]) {
    this.options.session.keeper.recordDuringRun(step);
    this.options.runs.send(message);
    this.options.onSituationChange();
  }
}
