/**
 * The code is editable as soon as the playground starts, in a plain text editor, and moves to
 * Monaco once Monaco has loaded and been built (`loadFullEditor` decides when: the app lets it
 * be built once the reader pauses).
 * Monaco is built out of sight, on top of the plain editor; the hand-over itself is one
 * synchronous step (read the reader's text, caret and scroll; show Monaco with them; focus it), so
 * no keystroke can land in between and none is lost. It waits for an IME composition to end.
 * What the reader typed before the hand-over is one edit in Monaco's history: one undo goes back
 * to the code the page opened with.
 */
import { EDITOR_FONT } from '../config';
import { yieldToMain } from '../main-thread';
import type { CodeEditor, EditorOptions } from './code-editor';
import { createPlainEditor } from './plain-editor';

export type CreateEditor = (container: HTMLElement, options: EditorOptions) => Promise<CodeEditor>;

export interface HandoverEditor {
  /** The editor the page talks to: the plain one, then Monaco. */
  readonly editor: CodeEditor;
  /** Settles once Monaco has taken over; rejects if it could not load (the plain editor stays). */
  readonly handedOver: Promise<void>;
}

export function createHandoverEditor(
  container: HTMLElement,
  options: EditorOptions,
  loadFullEditor: () => Promise<CreateEditor>,
): HandoverEditor {
  let current = createPlainEditor(container, options);
  const plainEditor = container.firstElementChild as HTMLElement;
  plainEditor.classList.add('pg-plain-editor-before-monaco');
  plainEditor.style.font = `${EDITOR_FONT.sizePx}px/${EDITOR_FONT.lineHeightPx}px ${EDITOR_FONT.family}`;
  const compositionEnded = trackComposition(plainEditor);
  const changeListeners: (() => void)[] = [];

  const handedOver = (async () => {
    const createFullEditor = await loadFullEditor();
    // Monaco's last module has just run; building the editor is a long task of its own.
    await yieldToMain();
    const host = document.createElement('div');
    host.className = 'pg-editor-handover';
    container.append(host);
    try {
      const full = await createFullEditor(host, options);
      await compositionEnded();
      // From here to the end of the block nothing yields, so no input event can come between.
      const state = current.getViewState();
      const code = current.getCode();
      if (code !== full.getCode()) full.setCode(code);
      host.classList.add('pg-editor-handover-done');
      plainEditor.remove();
      full.setViewState(state);
      for (const listener of changeListeners) full.onChange(listener);
      current = full;
    } catch (error) {
      host.remove();
      throw error;
    }
  })();

  const editor: CodeEditor = {
    get kind() {
      return current.kind;
    },
    getCode: () => current.getCode(),
    setCode: (code) => current.setCode(code),
    focus: () => current.focus(),
    onChange(listener) {
      changeListeners.push(listener);
      current.onChange(listener);
    },
    getViewState: () => current.getViewState(),
    setViewState: (state) => current.setViewState(state),
  };
  return { editor, handedOver };
}

/** Tracks IME composition in the plain editor: the hand-over waits for a composition to end. */
function trackComposition(element: HTMLElement): () => Promise<void> {
  let composing = false;
  let ended = () => {};
  element.addEventListener('compositionstart', () => (composing = true));
  element.addEventListener('compositionend', () => {
    composing = false;
    ended();
  });
  return () => (composing ? new Promise((resolve) => (ended = resolve)) : Promise.resolve());
}
