/**
 * Puts the editor in the page: a plain text editor on small screens; elsewhere the plain editor at
 * once and Monaco when it has loaded. Resolves when the editor the reader keeps is in place.
 */
import type { Notices } from '../ui/notices';
import { part } from '../ui/dom';
import type { CodeEditor, EditorOptions } from './code-editor';
import { loadMonacoEditor, wantsPlainEditor } from './choose-editor';
import { createHandoverEditor } from './handover-editor';
import { createPlainEditor } from './plain-editor';

export async function openEditor(root: HTMLElement, code: string, onRun: () => void, notices: Notices): Promise<CodeEditor> {
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
    return plain;
  }
  // Editable at once as plain text; Monaco takes over when it has loaded.
  const { editor, handedOver } = createHandoverEditor(
    container,
    options,
    async () => (await loadMonacoEditor()).createMonacoEditor,
  );
  performance.mark('pg:editor-editable');
  root.dataset.editor = 'editable';
  notices.status('Loading the full editor (completions, type checks)… The code is editable already.', 'busy');
  try {
    await handedOver;
    root.dataset.editorKind = 'monaco';
  } catch (error) {
    notices.notice(
      'warn',
      `The full editor could not load (${error instanceof Error ? error.message : String(error)}); using a plain text editor.`,
    );
  }
  return editor;
}
