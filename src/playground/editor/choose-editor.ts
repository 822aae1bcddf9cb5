/** Monaco on larger screens; a plain text editor on the narrow layout or with `?editor=plain`. */

/**
 * The layout is chosen in narrow-layout.css, the one place that holds its breakpoint: the narrow
 * layout sets `--pg-layout: narrow` on the playground element, and the editor follows it.
 */
export function wantsPlainEditor(playground: Element): boolean {
  return (
    new URL(location.href).searchParams.get('editor') === 'plain' ||
    getComputedStyle(playground).getPropertyValue('--pg-layout').trim() === 'narrow'
  );
}

/** Starts loading Monaco (a few MB) right away, in parallel with the rest of the playground. */
export function loadMonacoEditor() {
  return import('./monaco-editor');
}
