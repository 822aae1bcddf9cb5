/**
 * When the page may take the main thread for a while: once the reader has left the playground
 * alone for `quietMs` (they are reading, or have stopped typing), and at the latest `atMostMs`
 * from now, so that it still happens for a reader who types without a pause.
 */
const READER_INPUT = ['pointerdown', 'keydown', 'input', 'compositionupdate'] as const;

export function whenReaderPauses(
  target: EventTarget,
  { quietMs, atMostMs }: { quietMs: number; atMostMs: number },
): Promise<void> {
  return new Promise((resolve) => {
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const restart = () => {
      clearTimeout(quiet);
      quiet = setTimeout(end, quietMs);
    };
    const end = () => {
      clearTimeout(quiet);
      clearTimeout(limit);
      for (const type of READER_INPUT) target.removeEventListener(type, restart, true);
      resolve();
    };
    const limit = setTimeout(end, atMostMs);
    for (const type of READER_INPUT) target.addEventListener(type, restart, { capture: true, passive: true });
    restart();
  });
}
