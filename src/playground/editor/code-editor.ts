/** What the playground needs from an editor: Monaco on larger screens, a textarea on small ones. */
export interface CodeEditor {
  readonly kind: 'monaco' | 'plain';
  getCode(): string;
  /** Replaces the whole text as one edit the reader can undo. */
  setCode(code: string): void;
  focus(): void;
  onChange(listener: () => void): void;
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
