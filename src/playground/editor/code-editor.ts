/** What the playground needs from an editor: Monaco on larger screens, a textarea on small ones. */
export interface CodeEditor {
  readonly kind: 'monaco' | 'plain';
  getCode(): string;
  /** Replaces the whole text as one edit the reader can undo. */
  setCode(code: string): void;
  focus(): void;
  onChange(listener: () => void): void;
  /** Where the reader is: what the plain editor hands over to Monaco (editor/handover-editor.ts). */
  getViewState(): EditorViewState;
  setViewState(state: EditorViewState): void;
}

/** Caret, selection and scroll position, in terms both editors share. */
export interface EditorViewState {
  /** Offsets into the code: where the selection started, and where the caret is now. */
  anchor: number;
  active: number;
  /** The first line in view, 1-based. */
  topLine: number;
  /** Keyboard focus is in the editor. */
  focused: boolean;
}

export interface EditorOptions {
  initialCode: string;
  /** Ctrl/Cmd+Enter inside the editor. */
  onRun(): void;
  /** Messages about the editor itself (types missing, …). */
  onNotice(message: string): void;
  /** The SDK's types are loaded and the type checker is warm. */
  onTypesReady(): void;
}
