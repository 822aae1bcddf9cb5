/** Monaco on larger screens; a plain text editor below 700 px or with `?editor=plain`. */
import { SMALL_SCREEN_QUERY } from '../config';

export function wantsPlainEditor(): boolean {
  return new URL(location.href).searchParams.get('editor') === 'plain' || matchMedia(SMALL_SCREEN_QUERY).matches;
}

/** Starts loading Monaco (a few MB) right away, in parallel with the rest of the playground. */
export function loadMonacoEditor() {
  return import('./monaco-editor');
}
