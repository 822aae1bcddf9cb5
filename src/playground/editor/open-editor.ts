/**
 * Puts the editor in the page: a plain text editor on small screens; elsewhere the plain editor at
 * once, Monaco's code evaluated (a layer per task) once `fullEditor.mayEvaluate` settles, and
 * Monaco built and in the plain editor's place once `fullEditor.mayTakeOver` has settled too.
 */
import type { Notices } from '../ui/notices';
import { yieldToMain } from '../main-thread';
import { part } from '../ui/dom';
import type { CodeEditor, EditorOptions } from './code-editor';
import { loadMonacoEditor, wantsPlainEditor } from './choose-editor';
import { createHandoverEditor } from './handover-editor';
import { createPlainEditor } from './plain-editor';

export interface OpenedEditor {
  /** The editor the page talks to, editable now. */
  editor: CodeEditor;
  /** Settles once the editor the reader keeps is in place: Monaco, or the plain editor if Monaco could not load. */
  settled: Promise<void>;
}

export function openEditor(
  root: HTMLElement,
  code: string,
  onRun: () => void,
  notices: Notices,
  fullEditor: { mayEvaluate: Promise<void>; mayTakeOver: Promise<void> },
): OpenedEditor {
  const container = part(root, 'editor');
  const options: EditorOptions = {
    initialCode: code,
    onRun,
    onNotice: (message) => notices.notice('warn', message),
    onTypesReady: () => {
      performance.mark('pg:types-ready');
      root.dataset.types = 'ready';
    },
  };
  root.dataset.editorKind = 'plain';
  if (wantsPlainEditor(root)) {
    const plain = createPlainEditor(container, options);
    performance.mark('pg:editor-editable');
    return { editor: plain, settled: Promise.resolve() };
  }
  // Editable at once as plain text; Monaco takes over when it has loaded.
  const { editor, handedOver } = createHandoverEditor(container, options, async () => {
    const loaded = fullEditor.mayEvaluate.then(loadMonacoEditor).then(async (monaco) => {
      await yieldToMain();
      monaco.prepareMonacoModel(code);
      return monaco;
    });
    // A failure to load is reported once the hand-over would have come (the plain editor stays).
    loaded.catch(() => undefined);
    await fullEditor.mayTakeOver;
    return (await loaded).createMonacoEditor;
  });
  performance.mark('pg:editor-editable');
  root.dataset.editor = 'editable';
  const settled = handedOver.then(
    () => void (root.dataset.editorKind = 'monaco'),
    (error: unknown) =>
      notices.notice(
        'warn',
        `The full editor could not load (${error instanceof Error ? error.message : String(error)}); using a plain text editor.`,
      ),
  );
  return { editor, settled };
}
