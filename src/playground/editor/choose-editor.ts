/** Monaco on larger screens; a plain text editor on the narrow layout or with `?editor=plain`. */

/**
 * The layout is chosen in narrow-layout.css, the one place that holds its breakpoint: the narrow
 * layout sets `--pg-layout: narrow` on the playground element, and the editor follows it.
 */
/** The page's query parameter by which a reader chooses an editor: `?editor=plain`. */
export const EDITOR_PARAM = 'editor';

export function wantsPlainEditor(playground: Element): boolean {
  return (
    new URL(location.href).searchParams.get(EDITOR_PARAM) === 'plain' ||
    getComputedStyle(playground).getPropertyValue('--pg-layout').trim() === 'narrow'
  );
}

/**
 * Monaco's code (a few MB; the page's head preloads it) evaluated: a task of a good part of a
 * second on the main thread, which no keystroke can interrupt.
 */
export function loadMonacoEditor() {
  return import('./monaco-editor');
}
