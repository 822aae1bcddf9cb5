/**
 * The playground page's controller: wires the scenario picker, the editor, runs in the worker,
 * the Output / Requests / World panels, links and drafts together. Loaded by ./island on demand.
 */
import type { WorldAction, WorldState } from 'kms-custom-key-store-mock';
import { PLAYGROUND_SCENARIO_PARAM, scenarioPagePath, withBase } from '../components/scenario/links';
import type { Scenario } from 'kms-custom-key-store-mock/scenarios';
import { RUN_TIMEOUT_MS, SAVE_DEBOUNCE_MS, SIMULATION_SPEED, TIME_JUMPS } from './config';
import type { CodeEditor, EditorOptions } from './editor/code-editor';
import { loadMonacoEditor, wantsPlainEditor } from './editor/choose-editor';
import { createHandoverEditor } from './editor/handover-editor';
import { createPlainEditor } from './editor/plain-editor';
import type { ProgramEvent } from './runner';
import { RunController, type RunOutcome } from './run/run-controller';
import { defaultScenario, findScenario, loadStarterCode, sampleEnvironment } from './scenarios';
import { decodeCodeHash, encodeCodeHash } from './share/code-hash';
import { createDraftStore, type DraftStore } from './share/drafts';
import { decodeSituationHash, encodeSituationParam, type SituationStep, type ToggleValue } from './share/situation-hash';
import { ConsoleView } from './ui/console-view';
import { h, part } from './ui/dom';
import { formatDuration } from './ui/format';
import { RequestLogView } from './ui/request-log-view';
import { WorldView } from './ui/world-view';
import runWorkerUrl from './worker/run.worker?worker&url';
import { describeRestore, restoreSituation, type ToggleRestorer } from './world/restore-situation';
import { playgroundStartingWorld } from './world/starting-world';
import { WorldKeeper } from './world/world-keeper';

/**
 * The run worker starts from a blob: wrapper that imports the real script. A blob: worker
 * inherits the page's Content-Security-Policy (a worker loaded from its own URL would not),
 * so the policy also stops the reader's code from reaching out with a remote `import()`.
 */
function createRunWorker(): Worker {
  const scriptUrl = new URL(runWorkerUrl, location.href).href;
  const wrapper = new Blob([`import ${JSON.stringify(scriptUrl)};`], { type: 'text/javascript' });
  const wrapperUrl = URL.createObjectURL(wrapper);
  const worker = new Worker(wrapperUrl, { type: 'module', name: 'kms-playground-run' });
  setTimeout(() => URL.revokeObjectURL(wrapperUrl), 60_000);
  return worker;
}

type StatusTone = 'info' | 'busy' | 'ok' | 'warn' | 'error';
interface NoticeAction {
  label: string;
  run(): void;
}

export async function startPlayground(root: HTMLElement): Promise<void> {
  const url = new URL(location.href);
  const requestedId = url.searchParams.get(PLAYGROUND_SCENARIO_PARAM);
  const requested = requestedId ? findScenario(requestedId) : undefined;
  const scenario = requested ?? defaultScenario();
  const playground = new Playground(root, scenario, await loadStarterCode(scenario));
  const scenarioFound = !requestedId || requested !== undefined;
  if (!scenarioFound) {
    playground.notice(
      'error',
      `There is no scenario called “${requestedId}” (the link may be old or mistyped, or the scenario was renamed). Showing “${scenario.title}” instead; pick another one in the Scenario list.`,
    );
  }
  await playground.start(location.hash, scenarioFound);
}

/** The key of the eventual-consistency toggle in a share link's situation. */
const CONSISTENCY_TOGGLE = 'consistency';

class Playground {
  private readonly drafts: DraftStore = createDraftStore(safeLocalStorage());
  private readonly runs = new RunController(createRunWorker, RUN_TIMEOUT_MS);
  private readonly keeper: WorldKeeper;
  private readonly output: ConsoleView;
  private readonly requests: RequestLogView;
  private readonly worldView: WorldView;
  private readonly picker: HTMLSelectElement;
  private readonly runButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  /** How to apply each mock toggle a share link carries (see {@link linkToggles}). */
  private readonly toggleRestorers: ReadonlyMap<string, ToggleRestorer> = new Map([
    [
      CONSISTENCY_TOGGLE,
      (value: ToggleValue) => {
        if (typeof value !== 'boolean') return 'expected on or off';
        this.keeper.setConsistency({ enabled: value });
        return undefined;
      },
    ],
  ]);
  /** A run since the scenario started changed the world in ways a link does not carry. */
  private ranSinceStart = false;
  private editor: CodeEditor | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Changing the scenario while a run is active must not let the old run's results land. */
  private generation = 0;

  constructor(
    private readonly root: HTMLElement,
    private scenario: Scenario,
    private starterCode: string,
  ) {
    this.keeper = new WorldKeeper(playgroundStartingWorld(scenario, Date.now()));
    this.output = new ConsoleView(part(root, 'console'));
    this.requests = new RequestLogView(part<HTMLTableSectionElement>(root, 'requests'), part(root, 'requests-empty'));
    this.worldView = new WorldView(
      { clock: part(root, 'clock'), consistency: part(root, 'consistency'), stores: part(root, 'stores'), actions: part(root, 'actions') },
      {
        onAction: (action) => this.applyAction(action),
        onJump: (ms) => this.jump(ms),
        onConsistencyChange: (enabled) => {
          this.keeper.setConsistency({ enabled });
          this.worldView.showConsistency(this.keeper.consistency);
          this.persistNow();
        },
      },
    );
    this.worldView.showConsistency(this.keeper.consistency);
    this.picker = part<HTMLSelectElement>(root, 'scenario');
    this.runButton = part<HTMLButtonElement>(root, 'run');
    this.stopButton = part<HTMLButtonElement>(root, 'stop');
  }

  async start(hash: string, scenarioFound: boolean): Promise<void> {
    this.picker.value = this.scenario.id;
    const code = this.codeFromHash(hash) ?? this.starterCode;
    // The editor first: the panels' DOM work would lay out and paint the page while Monaco is
    // still being parsed, on a CPU the parse needs.
    this.editor = await this.createEditor(code);
    performance.mark('pg:editor-ready');
    this.root.dataset.editor = 'ready';
    this.restoreSituation(hash, scenarioFound);
    this.worldView.showConsistency(this.keeper.consistency);
    this.showScenario();
    this.wireControls();
    if (code === this.starterCode) this.offerDraft();
    this.editor.onChange(() => this.scheduleSave());
    // Edits made in the plain editor before Monaco took over: into the link and the draft too.
    if (this.editor.getCode() !== code) this.scheduleSave();
    // After the editor, so the run worker's download does not delay it.
    this.runs.prime(this.editor.getCode());
    this.runs.prepare();
    this.setRunState('idle');
    this.status('Ready. Press Run (or Ctrl+Enter) to run the code against the simulated KMS.', 'info');
  }

  // ------------------------------------------------------------------------------------------
  // Scenario, code, links and drafts

  /** The code a `#code=` hash carries; reports (and returns nothing for) a broken one. */
  private codeFromHash(hash: string): string | undefined {
    const decoded = decodeCodeHash(hash);
    if (decoded.kind === 'code') return decoded.code;
    if (decoded.kind === 'error') {
      this.notice('error', `The code in this link could not be loaded: ${decoded.reason} Showing the starter code of “${this.scenario.title}” instead.`);
    }
    return undefined;
  }

  /** Replays the link's World-panel steps and toggles; says what could not be restored. */
  private restoreSituation(hash: string, scenarioFound: boolean) {
    const decoded = decodeSituationHash(hash);
    if (decoded.kind === 'none') return;
    if (decoded.kind === 'error') {
      this.notice('error', `The world situation in this link could not be restored: ${decoded.reason} Showing the starting world of “${this.scenario.title}”.`);
      return;
    }
    if (!scenarioFound) {
      const count = decoded.situation.steps.length;
      this.notice('error', `The link’s world situation (${count} World-panel step${count === 1 ? '' : 's'}: repairs and time jumps) belongs to the missing scenario, so none of it was restored.`);
      return;
    }
    const { tone, text } = describeRestore(restoreSituation(this.keeper, decoded.situation, this.toggleRestorers));
    this.notice(tone, text);
  }

  private offerDraft() {
    const draft = this.drafts.load(this.scenario.id);
    if (draft === undefined || draft === this.starterCode) return;
    const scenarioId = this.scenario.id;
    this.notice('info', 'You edited this scenario’s code before; your edits are saved in this browser.', [
      { label: 'Restore my edits', run: () => this.editor?.setCode(draft) },
      { label: 'Discard them', run: () => this.drafts.discard(scenarioId) },
    ]);
  }

  private async switchScenario(id: string) {
    const scenario = findScenario(id);
    if (!scenario || scenario.id === this.scenario.id) return;
    this.persistNow();
    this.generation += 1;
    this.runs.stop();
    this.status(`Loading “${scenario.title}”…`, 'busy');
    const starter = await loadStarterCode(scenario);
    this.scenario = scenario;
    this.starterCode = starter;
    this.clearNotices();
    this.keeper.reset(playgroundStartingWorld(scenario, Date.now()));
    this.ranSinceStart = false;
    this.output.clear();
    this.requests.clear();
    this.showScenario();
    this.editor?.setCode(starter);
    this.offerDraft();
    this.persistNow();
    this.status(`Loaded “${scenario.title}”.`, 'info');
  }

  private reset() {
    this.generation += 1;
    this.runs.stop();
    this.keeper.reset(playgroundStartingWorld(this.scenario, Date.now()));
    this.ranSinceStart = false;
    this.editor?.setCode(this.starterCode);
    this.drafts.discard(this.scenario.id);
    this.output.clear();
    this.requests.clear();
    this.showWorld();
    this.persistNow();
    this.status('Reset: starter code and the scenario’s starting world are back (Ctrl+Z in the editor undoes the code change).', 'info');
  }

  private showScenario() {
    part(this.root, 'summary').textContent = this.scenario.summary;
    const guide = part<HTMLAnchorElement>(this.root, 'guide-link');
    guide.href = withBase(scenarioPagePath(this.scenario.id));
    guide.textContent = `Read the guide: ${this.scenario.title}`;
    this.showWorld();
  }

  private scheduleSave() {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.persistNow(), SAVE_DEBOUNCE_MS);
  }

  /** Keeps the URL (scenario, code and world situation) and the draft current. */
  private persistNow() {
    clearTimeout(this.saveTimer);
    if (!this.editor) return;
    const code = this.editor.getCode();
    // Starter code is not a draft; an older draft stays until it is restored, replaced or discarded.
    if (code !== this.starterCode) this.drafts.save(this.scenario.id, code);
    history.replaceState(history.state, '', this.shareUrl(code));
    this.runs.prime(code);
  }

  /**
   * The mock toggles that differ from a fresh playground's, as a link carries them. The lag's seed
   * is the same for everyone, so only turning the lag off needs saying.
   */
  private linkToggles(): Record<string, ToggleValue> {
    return this.keeper.consistency.enabled ? {} : { [CONSISTENCY_TOGGLE]: false };
  }

  /** Starter code and an untouched world need no hash: `?scenario=<id>` alone opens them. */
  private shareUrl(code: string): string {
    const url = new URL(location.href);
    url.search = '';
    url.searchParams.set(PLAYGROUND_SCENARIO_PARAM, this.scenario.id);
    const codeParam = code === this.starterCode ? '' : encodeCodeHash(code).slice(1);
    const situationParam = encodeSituationParam({ steps: [...this.keeper.steps], toggles: this.linkToggles() });
    url.hash = [codeParam, situationParam].filter(Boolean).join('&');
    return url.href;
  }

  private async copyLink() {
    this.persistNow();
    const link = location.href;
    const field = part<HTMLInputElement>(this.root, 'link');
    field.value = link;
    field.hidden = false;
    try {
      await navigator.clipboard.writeText(link);
      this.status(`Link copied. ${this.linkContents()}`, 'ok');
    } catch {
      field.select();
      this.status('Copy the link from the field below the toolbar (the browser did not allow copying).', 'warn');
    }
  }

  private linkContents(): string {
    const steps = this.keeper.steps.length;
    const situation = steps ? ` and the ${steps} World-panel step${steps === 1 ? '' : 's'} you took (repairs and time jumps)` : '';
    const runs = this.ranSinceStart ? ' What your runs did to the world is not in it: running the code again redoes it.' : '';
    return `It opens this scenario with your code${situation}.${runs}`;
  }

  // ------------------------------------------------------------------------------------------
  // Runs

  private async run() {
    if (this.runs.running || !this.editor) return;
    this.persistNow();
    const generation = this.generation;
    const startedAt = this.keeper.world.now;
    this.ranSinceStart = true;
    this.output.clear();
    this.requests.clear();
    this.setRunState('running');
    this.status('Running…', 'busy');
    performance.mark('pg:run-start');
    this.output.onNextLine(() => performance.measure('pg:run-to-first-output', 'pg:run-start'));
    const current = () => generation === this.generation;
    const outcome = await this.runs.run(
      {
        source: this.editor.getCode(),
        world: this.keeper.worldForRun(),
        speed: SIMULATION_SPEED,
        environment: sampleEnvironment(this.scenario),
      },
      {
        onProgramEvent: (event) => current() && this.showProgramEvent(event),
        onRequest: (record) => current() && this.requests.add(record),
        onWorld: (world) => current() && this.updateWorld(world),
        onClock: (now) => current() && this.worldView.showClock(now, this.keeper.elapsed(now)),
        onActFailed: (message) => current() && this.status(`That fix could not be applied: ${message}`, 'error'),
      },
    );
    this.setRunState(this.runs.running ? 'running' : 'idle');
    // A scenario change or Reset stopped this run: its results belong to the old world.
    if (!current()) return;
    this.reportOutcome(outcome, startedAt);
  }

  private showProgramEvent(event: ProgramEvent) {
    if (event.type === 'console') this.output.entry(event.entry);
    else if (event.type === 'uncaught') this.output.uncaught(event.where, event.error);
    else this.output.note(event.note, 'warn');
  }

  private reportOutcome(outcome: RunOutcome, startedAt: number) {
    const real = formatDuration(outcome.realMs);
    switch (outcome.kind) {
      case 'finished': {
        this.updateWorld(outcome.world);
        const simulated = formatDuration(outcome.now - startedAt);
        const { status, uncaughtErrors } = outcome.result;
        if (status === 'syntax-error') return this.status('The code has a syntax error (see Output); nothing ran.', 'error');
        if (status === 'threw') return this.status(`The program stopped with an uncaught error after ${real} (${simulated} simulated). See Output.`, 'error');
        const extra = uncaughtErrors ? `; ${uncaughtErrors} uncaught error${uncaughtErrors > 1 ? 's' : ''} reported in Output` : '';
        if (this.output.isEmpty()) this.output.note('The program finished without printing anything.');
        return this.status(`Finished in ${real} (${simulated} of simulated time)${extra}.`, uncaughtErrors ? 'warn' : 'ok');
      }
      case 'timed-out': {
        const message = `Stopped: the program was still running after ${RUN_TIMEOUT_MS / 1000} s, the playground’s limit (an endless loop, or a wait that never ends?). Its worker was terminated; the World panel keeps the last state it reported.`;
        this.output.note(message, 'error');
        return this.status(message, 'error');
      }
      case 'stopped':
        this.output.note(`Stopped after ${real}: you pressed Stop. The World panel keeps the last state the program reported.`, 'warn');
        return this.status(`Stopped after ${real}.`, 'warn');
      case 'crashed':
        this.output.note(`The playground could not run the program: ${outcome.message}`, 'error');
        return this.status(`The playground could not run the program: ${outcome.message}`, 'error');
    }
  }

  private setRunState(state: 'idle' | 'running') {
    this.root.dataset.run = state;
    this.runButton.disabled = state === 'running';
    this.stopButton.disabled = state !== 'running';
  }

  // ------------------------------------------------------------------------------------------
  // World

  private updateWorld(world: WorldState) {
    this.keeper.replace(world);
    this.showWorld();
  }

  private showWorld() {
    const fixActions = this.scenario.fix.flatMap((step) => (step.kind === 'world' ? [step.action] : []));
    const fixTypes = new Set(fixActions.map((action) => action.type));
    // The scenario's own fix steps are offered too once they apply (not every step repairs a problem).
    this.worldView.show(this.keeper.world, this.keeper.actions(fixActions), (action) => fixTypes.has(action.type));
    this.worldView.showClock(this.keeper.world.now, this.keeper.elapsed());
  }

  private applyAction(action: WorldAction) {
    try {
      if (this.runs.running) return this.forwardToRun({ kind: 'act', action }, { type: 'act', action });
      this.keeper.act(action);
      this.showWorld();
      this.persistNow();
      this.status('Done. Run your code again to see KMS meet the repaired world.', 'ok');
    } catch (error) {
      this.status(`That fix could not be applied: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
  }

  private jump(ms: number) {
    if (this.runs.running) return this.forwardToRun({ kind: 'jump', ms }, { type: 'advance-time', ms });
    this.keeper.advance(ms);
    this.showWorld();
    this.persistNow();
    this.status(`Simulated time moved ${formatDuration(ms)} ahead.`, 'info');
  }

  /** The running program's mock carries the step out; the link records it. */
  private forwardToRun(step: SituationStep, message: Parameters<RunController['send']>[0]) {
    this.keeper.recordDuringRun(step);
    this.runs.send(message);
    this.persistNow();
  }

  // ------------------------------------------------------------------------------------------
  // Page plumbing

  private async createEditor(code: string): Promise<CodeEditor> {
    const container = part(this.root, 'editor');
    const options: EditorOptions = {
      initialCode: code,
      onRun: () => void this.run(),
      onNotice: (message) => this.notice('warn', message),
      onTypesReady: () => {
        performance.mark('pg:types-ready');
        this.root.dataset.types = 'ready';
      },
    };
    this.root.dataset.editorKind = 'plain';
    if (wantsPlainEditor()) {
      const plain = createPlainEditor(container, options);
      performance.mark('pg:editor-editable');
      return plain;
    }
    // Editable at once as plain text; Monaco takes over when it has loaded.
    const { editor, handedOver } = createHandoverEditor(container, options, async () => (await loadMonacoEditor()).createMonacoEditor);
    performance.mark('pg:editor-editable');
    this.root.dataset.editor = 'editable';
    this.status('Loading the full editor (completions, type checks)… The code is editable already.', 'busy');
    try {
      await handedOver;
      this.root.dataset.editorKind = 'monaco';
    } catch (error) {
      this.notice('warn', `The full editor could not load (${error instanceof Error ? error.message : String(error)}); using a plain text editor.`);
    }
    return editor;
  }

  private wireControls() {
    this.picker.addEventListener('change', () => void this.switchScenario(this.picker.value));
    this.runButton.addEventListener('click', () => void this.run());
    this.stopButton.addEventListener('click', () => this.runs.stop());
    part(this.root, 'reset').addEventListener('click', () => this.reset());
    part(this.root, 'copy-link').addEventListener('click', () => void this.copyLink());
    part(this.root, 'clear-output').addEventListener('click', () => this.output.clear());
    const jumps = part(this.root, 'jumps');
    jumps.replaceChildren(
      ...TIME_JUMPS.map(({ label, ms }) => {
        const button = h('button', { type: 'button', class: 'pg-jump', title: `Move simulated time ${formatDuration(ms)} ahead` }, label);
        button.addEventListener('click', () => this.jump(ms));
        return button;
      }),
    );
    this.root.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
        event.preventDefault();
        void this.run();
      }
    });
    addEventListener('pagehide', () => this.persistNow());
    addEventListener('hashchange', () => {
      const code = this.codeFromHash(location.hash);
      if (code !== undefined && code !== this.editor?.getCode()) this.editor?.setCode(code);
    });
  }

  private status(text: string, tone: StatusTone) {
    const status = part(this.root, 'status');
    status.textContent = text;
    status.dataset.tone = tone;
  }

  notice(tone: 'info' | 'warn' | 'error', text: string, actions: NoticeAction[] = []) {
    const notice = h('div', { class: `pg-notice pg-notice-${tone}`, role: tone === 'info' ? 'status' : 'alert' }, h('p', {}, text));
    for (const action of [...actions, { label: 'Dismiss', run: () => {} }]) {
      const button = h('button', { type: 'button' }, action.label);
      button.addEventListener('click', () => {
        action.run();
        notice.remove();
      });
      notice.append(button);
    }
    part(this.root, 'notices').append(notice);
  }

  private clearNotices() {
    part(this.root, 'notices').replaceChildren();
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
