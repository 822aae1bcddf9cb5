/** Monaco on larger screens; a plain text editor on the narrow layout or with `?editor=plain`. */
import { yieldToMain } from '../main-thread';

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
 * One module of each of Monaco's layers, in their order (src/playground/build/monaco-layers.ts
 * puts each layer in a chunk of its own): importing it evaluates its layer's chunk.
 */
export const MONACO_LAYER_ENTRIES = [
  () => import('monaco-editor/base/common/lifecycle'),
  () => import('monaco-editor/base/browser/dom'),
  () => import('monaco-editor/platform/instantiation/common/instantiation'),
  () => import('monaco-editor/editor/common/model/textModel'),
  () => import('monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget'),
  () => import('monaco-editor/editor/standalone/browser/standaloneServices'),
  () => import('monaco-editor/editor/contrib/suggest/browser/suggestController'),
];

/**
 * Monaco's code (a few MB, preloaded once the island runs) evaluated a layer per task, then the
 * editor module with the features and the TypeScript language: a key the reader types meanwhile
 * is handled between two layers, not after all of them.
 */
export async function loadMonacoEditor() {
  // The dev server serves Monaco pre-bundled in one piece (the layers are a build's chunks), where
  // a layer's module imported by its own path would be a second copy of it.
  if (import.meta.env.DEV) return import('./monaco-editor');
  for (const evaluateLayer of MONACO_LAYER_ENTRIES) {
    await evaluateLayer();
    await yieldToMain();
  }
  return import('./monaco-editor');
}
