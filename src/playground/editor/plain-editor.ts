/**
 * A plain textarea: the editor on small screens (Monaco does not support mobile browsers), and
 * the code's first editor on larger ones until Monaco has loaded (editor/handover-editor.ts).
 */
import type { CodeEditor, EditorOptions, EditorViewState } from './code-editor';

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
  const lineHeight = () => parseFloat(getComputedStyle(textarea).lineHeight) || 16;
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
    getViewState(): EditorViewState {
      const backward = textarea.selectionDirection === 'backward';
      return {
        anchor: backward ? textarea.selectionEnd : textarea.selectionStart,
        active: backward ? textarea.selectionStart : textarea.selectionEnd,
        topLine: Math.floor(textarea.scrollTop / lineHeight()) + 1,
        focused: document.activeElement === textarea,
      };
    },
    setViewState({ anchor, active, topLine, focused }) {
      textarea.setSelectionRange(Math.min(anchor, active), Math.max(anchor, active), active < anchor ? 'backward' : 'forward');
      textarea.scrollTop = (topLine - 1) * lineHeight();
      if (focused) textarea.focus();
    },
  };
}
