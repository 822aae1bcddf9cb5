/** The small-screen editor: a plain textarea (Monaco does not support mobile browsers). */
import type { CodeEditor, EditorOptions } from './code-editor';

export function createPlainEditor(container: HTMLElement, options: EditorOptions): CodeEditor {
  const textarea = document.createElement('textarea');
  textarea.className = 'pg-plain-editor';
  textarea.value = options.initialCode;
  textarea.spellcheck = false;
  textarea.setAttribute('autocapitalize', 'off');
  textarea.setAttribute('autocomplete', 'off');
  textarea.setAttribute('aria-label', 'TypeScript code');
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      options.onRun();
    }
  });
  container.replaceChildren(textarea);
  return {
    kind: 'plain',
    getCode: () => textarea.value,
    setCode(code) {
      textarea.select();
      // execCommand keeps the change on the textarea's undo stack where browsers support it.
      if (!document.execCommand?.('insertText', false, code) || textarea.value !== code) textarea.value = code;
      textarea.dispatchEvent(new Event('input'));
    },
    focus: () => textarea.focus(),
    onChange: (listener) => textarea.addEventListener('input', listener),
  };
}
