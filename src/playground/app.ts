/**
 * The playground page's composition root: builds the session, the editor, the panels and the run
 * presenter, and wires the toolbar to them. Loaded by ./island on demand.
 */
import { FULL_EDITOR_AFTER_QUIET_MS, FULL_EDITOR_WAITS_AT_MOST_MS, RUN_TIMEOUT_MS } from './config';
import { openEditor } from './editor/open-editor';
import { afterNextPaint } from './main-thread';
import { whenReaderPauses } from './editor/reader-pause';
import { RunController } from './run/run-controller';
import { RunPresenter } from './run/run-presenter';
import { createRunWorker } from './run/run-worker';
import { findScenario, loadStarterCode, scenarioFromUrl } from './scenarios';
import { PlaygroundSession } from './session';
import { decodeCodeHash } from './share/code-hash';
import { LinkState } from './share/link-state';
import { part } from './ui/dom';
import { Notices } from './ui/notices';
import { OutputPanel } from './ui/output-panel';
import { tellPanels, type Panel } from './ui/panel';
import { RequestsPanel } from './ui/requests-panel';
import { ScenarioSummary } from './ui/scenario-summary';
import { WorldPanel } from './ui/world-panel';

export async function startPlayground(root: HTMLElement): Promise<void> {
  const notices = new Notices(root);
  const { scenario, missingId } = scenarioFromUrl(new URL(location.href));
  const starterCode = loadStarterCode(scenario);
  const hash = location.hash;
  const codeInLink = decodeCodeHash(hash);

  // The code first, editable, then the rest of the page; then Monaco's code, a layer per task so
  // that the reader's keys get through in between; Monaco is built and takes over once the reader
  // pauses (building it is a long task, and a key typed into a new editor waits for its first
  // render). A link's code does not wait for the starter code.
  // Ctrl+Enter in the editor does nothing until the panels are up (the Run button is disabled till then).
  let startRun: (() => void) | undefined;
  let appStarted = () => {};
  const started = new Promise<void>((resolve) => (appStarted = resolve));
  /** The code the page opens with: the link's, else the scenario's starter code. */
  const initialCode = codeInLink.kind === 'code' ? codeInLink.code : await starterCode;
  // The reader's quiet counts from the moment the code is on screen, while the rest of the page
  // comes up; Monaco's hand-over waits for both.
  const readerPaused = whenReaderPauses(root, { quietMs: FULL_EDITOR_AFTER_QUIET_MS, atMostMs: FULL_EDITOR_WAITS_AT_MOST_MS });
  const { editor, settled } = openEditor(root, initialCode, () => startRun?.(), notices, {
    mayEvaluate: started,
    mayTakeOver: Promise.all([started, readerPaused]).then(() => undefined),
  });
  await afterNextPaint();

  const session = new PlaygroundSession(scenario, await starterCode);
  if (missingId !== undefined) {
    notices.notice(
      'error',
      `There is no scenario called “${missingId}” (the link may be old or mistyped, or the scenario was renamed). Showing “${scenario.title}” instead; pick another one in the Scenario list.`,
    );
  }
  const runs = new RunController(createRunWorker, RUN_TIMEOUT_MS);
  const link = new LinkState(session, notices, (code) => runs.prime(code));
  if (codeInLink.kind === 'error') link.reportDamagedCode(codeInLink.reason);
  const picker = part<HTMLSelectElement>(root, 'scenario');
  picker.value = scenario.id;

  link.restoreSituation(hash, missingId === undefined);
  const panels: Panel[] = [
    new ScenarioSummary(session),
    new OutputPanel(),
    new RequestsPanel(),
    new WorldPanel({ session, runs, notices, onSituationChange: () => link.persistNow() }),
  ];
  for (const panel of panels) panel.mount(root);
  tellPanels(panels, 'onScenarioStart');
  const runControls = {
    root,
    runButtons: [part<HTMLButtonElement>(root, 'run'), part<HTMLButtonElement>(root, 'run-again')],
    stopButton: part<HTMLButtonElement>(root, 'stop'),
  };
  const presenter = new RunPresenter(runs, session, editor, panels, notices, runControls, () => link.persistNow());
  startRun = () => void presenter.run();

  picker.addEventListener('change', async () => {
    const next = findScenario(picker.value);
    if (!next || next.id === session.scenario.id) return;
    link.persistNow();
    presenter.cancel();
    notices.status(`Loading “${next.title}”…`, 'busy');
    session.restart(next, await loadStarterCode(next));
    notices.clear();
    tellPanels(panels, 'onScenarioStart');
    editor.setCode(session.starterCode);
    link.offerDraft();
    link.persistNow();
    notices.status(`Loaded “${next.title}”.`, 'info');
  });
  part(root, 'reset').addEventListener('click', () => {
    presenter.cancel();
    session.restart();
    editor.setCode(session.starterCode);
    link.discardDraft();
    tellPanels(panels, 'onScenarioStart');
    link.persistNow();
    notices.status(
      'Reset: starter code and the scenario’s starting world are back (Ctrl+Z in the editor undoes the code change).',
      'info',
    );
  });
  part(root, 'copy-link').addEventListener('click', () => void link.copyLink(part<HTMLInputElement>(root, 'link')));
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
      event.preventDefault();
      void presenter.run();
    }
  });
  link.follow(editor, initialCode);
  presenter.setRunState('idle');
  appStarted();

  const statusWhileLoading = notices.currentStatus;
  await settled;
  performance.mark('pg:editor-ready');
  root.dataset.editor = 'ready';
  // Unless a run or a copied link has had its say meanwhile.
  if (notices.currentStatus === statusWhileLoading)
    notices.status('Ready. Press Run (or Ctrl+Enter) to run the code against the simulated KMS.', 'info');
  // After the editor, so the run worker's download does not delay it.
  runs.prime(editor.getCode());
  runs.prepare();
}
