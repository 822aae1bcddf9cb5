/**
 * The reader's work, kept where it survives: the page's URL (scenario, code and the World-panel
 * steps, so Copy link and a reload carry them) and a per-scenario draft in local storage. Opening
 * a link reads the code and replays the steps; what cannot be restored is said in a notice.
 */
import { PLAYGROUND_SCENARIO_PARAM } from '~/components/scenario/links';
import { SAVE_DEBOUNCE_MS } from '../config';
import { EDITOR_PARAM } from '../editor/choose-editor';
import type { CodeEditor } from '../editor/code-editor';
import type { PlaygroundSession } from '../session';
import type { Notices } from '../ui/notices';
import { describeRestore, restoreSituation, type ToggleRestorer } from '../world/restore-situation';
import { decodeCodeHash, encodeCodeHash } from './code-hash';
import { createDraftStore, type DraftStore } from './drafts';
import { decodeSituationHash, encodeSituationParam, type ToggleValue } from './situation-hash';

/** The key of the eventual-consistency toggle in a share link's situation. */
const CONSISTENCY_TOGGLE = 'consistency';

export class LinkState {
  private readonly drafts: DraftStore = createDraftStore(safeLocalStorage());
  private editor: CodeEditor | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** How to apply each mock toggle a share link carries (see {@link linkToggles}). */
  private readonly toggleRestorers: ReadonlyMap<string, ToggleRestorer> = new Map([
    [
      CONSISTENCY_TOGGLE,
      (value: ToggleValue) => {
        if (typeof value !== 'boolean') return 'expected on or off';
        this.session.keeper.setConsistency({ enabled: value });
        return undefined;
      },
    ],
  ]);

  constructor(
    private readonly session: PlaygroundSession,
    private readonly notices: Notices,
    /** The code as just saved (the next run's worker compiles it ahead of Run). */
    private readonly onSaved: (code: string) => void,
  ) {}

  /**
   * From now on the editor's code goes into the link and the draft as the reader types.
   * `openedCode` is the code the page opened with: edits made before this call are saved at once.
   */
  follow(editor: CodeEditor, openedCode: string): void {
    this.editor = editor;
    if (openedCode === this.session.starterCode) this.offerDraft();
    editor.onChange(() => this.scheduleSave());
    if (editor.getCode() !== openedCode) this.scheduleSave();
    addEventListener('pagehide', () => this.persistNow());
    addEventListener('hashchange', () => {
      const code = this.codeFromHash(location.hash);
      if (code !== undefined && code !== editor.getCode()) editor.setCode(code);
    });
  }

  /** The code a `#code=` hash carries; reports (and returns nothing for) a broken one. */
  codeFromHash(hash: string): string | undefined {
    const decoded = decodeCodeHash(hash);
    if (decoded.kind === 'code') return decoded.code;
    if (decoded.kind === 'error') this.reportDamagedCode(decoded.reason);
    return undefined;
  }

  /** Says that the link's code could not be read (`reason`), and that the starter code shows instead. */
  reportDamagedCode(reason: string): void {
    this.notices.notice(
      'error',
      `The code in this link could not be loaded: ${reason} Showing the starter code of “${this.session.scenario.title}” instead.`,
    );
  }

  /** Replays the link's World-panel steps and toggles; says what could not be restored. */
  restoreSituation(hash: string, scenarioFound: boolean): void {
    const decoded = decodeSituationHash(hash);
    if (decoded.kind === 'none') return;
    const title = this.session.scenario.title;
    if (decoded.kind === 'error') {
      this.notices.notice(
        'error',
        `The world situation in this link could not be restored: ${decoded.reason} Showing the starting world of “${title}”.`,
      );
      return;
    }
    if (!scenarioFound) {
      const count = decoded.situation.steps.length;
      this.notices.notice(
        'error',
        `The link’s world situation (${count} World-panel step${count === 1 ? '' : 's'}: repairs and time jumps) belongs to the missing scenario, so none of it was restored.`,
      );
      return;
    }
    const { tone, text } = describeRestore(restoreSituation(this.session.keeper, decoded.situation, this.toggleRestorers));
    this.notices.notice(tone, text);
  }

  /** Offers the scenario's saved draft, if the reader left one that differs from the starter code. */
  offerDraft(): void {
    const { scenario, starterCode } = this.session;
    const draft = this.drafts.load(scenario.id);
    if (draft === undefined || draft === starterCode) return;
    this.notices.notice('info', 'You edited this scenario’s code before; your edits are saved in this browser.', [
      { label: 'Restore my edits', run: () => this.editor?.setCode(draft) },
      { label: 'Discard them', run: () => this.drafts.discard(scenario.id) },
    ]);
  }

  discardDraft(): void {
    this.drafts.discard(this.session.scenario.id);
  }

  /** Keeps the URL (scenario, code and world situation) and the draft current. */
  persistNow(): void {
    clearTimeout(this.saveTimer);
    if (!this.editor) return;
    const code = this.editor.getCode();
    // Starter code is not a draft; an older draft stays until it is restored, replaced or discarded.
    if (code !== this.session.starterCode) this.drafts.save(this.session.scenario.id, code);
    // Replacing the URL is a same-document navigation, several milliseconds of the main thread on
    // this page: Run saves first, so it is skipped when the link already says the same.
    const url = this.pageUrl(code);
    if (url !== location.href) history.replaceState(history.state, '', url);
    this.onSaved(code);
  }

  /** Puts the link in `field` and on the clipboard, and says what it carries. */
  async copyLink(field: HTMLInputElement): Promise<void> {
    this.persistNow();
    const link = this.shareUrl(this.editor?.getCode() ?? this.session.starterCode);
    field.value = link;
    field.hidden = false;
    try {
      await navigator.clipboard.writeText(link);
      this.notices.status(`Link copied. ${this.linkContents()}`, 'ok');
    } catch {
      field.select();
      this.notices.status('Copy the link from the field below the toolbar (the browser did not allow copying).', 'warn');
    }
  }

  private scheduleSave() {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.persistNow(), SAVE_DEBOUNCE_MS);
  }

  /**
   * The mock toggles that differ from a fresh playground's, as a link carries them. The lag's seed
   * is the same for everyone, so only turning the lag off needs saying.
   */
  private linkToggles(): Record<string, ToggleValue> {
    return this.session.keeper.consistency.enabled ? {} : { [CONSISTENCY_TOGGLE]: false };
  }

  /** Starter code and an untouched world need no hash: `?scenario=<id>` alone opens them. */
  private shareUrl(code: string): string {
    const url = new URL(location.href);
    url.search = '';
    url.searchParams.set(PLAYGROUND_SCENARIO_PARAM, this.session.scenario.id);
    const codeParam = code === this.session.starterCode ? '' : encodeCodeHash(code).slice(1);
    const situationParam = encodeSituationParam({ steps: [...this.session.keeper.steps], toggles: this.linkToggles() });
    url.hash = [codeParam, situationParam].filter(Boolean).join('&');
    return url.href;
  }

  /**
   * The page's own address: the share link plus the reader's choice of editor (`?editor=plain`),
   * which a reload keeps and a shared link leaves to whoever opens it.
   */
  private pageUrl(code: string): string {
    const url = new URL(this.shareUrl(code));
    const editorChoice = new URL(location.href).searchParams.get(EDITOR_PARAM);
    if (editorChoice !== null) url.searchParams.set(EDITOR_PARAM, editorChoice);
    return url.href;
  }

  private linkContents(): string {
    const steps = this.session.keeper.steps.length;
    const situation = steps
      ? ` and the ${steps} World-panel step${steps === 1 ? '' : 's'} you took (repairs and time jumps)`
      : '';
    const runs = this.session.ranSinceStart
      ? ' What your runs did to the world is not in it: running the code again redoes it.'
      : '';
    return `It opens this scenario with your code${situation}.${runs}`;
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
