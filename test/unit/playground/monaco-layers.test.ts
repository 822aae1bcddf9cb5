/**
 * Monaco's layers: which of its modules each layer's chunk holds, and the page evaluating one
 * module of each layer, in order, before the editor module (so that each task evaluates one layer).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MONACO_LAYERS, monacoLayerOf } from '../../../src/playground/build/monaco-layers';
import { MONACO_LAYER_ENTRIES } from '../../../src/playground/editor/choose-editor';

const inMonaco = (path: string) => `/work/node_modules/monaco-editor/esm/vs/${path}`;

describe('the layer of a module', () => {
  it.each([
    ['base/common/lifecycle.js', 'monaco-base-common'],
    ['nls.js', 'monaco-base-common'],
    ['base/browser/dom.js', 'monaco-base'],
    ['base/parts/storage/common/storage.js', 'monaco-base'],
    ['platform/instantiation/common/instantiation.js', 'monaco-platform'],
    ['editor/common/model/textModel.js', 'monaco-editor-common'],
    ['editor/browser/widget/codeEditor/codeEditorWidget.js', 'monaco-editor-browser'],
    ['editor/standalone/browser/standaloneServices.js', 'monaco-editor-standalone'],
    ['editor/contrib/suggest/browser/suggestController.js', 'monaco-editor-contrib'],
  ])('%s is in %s', (path, chunk) => {
    expect(monacoLayerOf(inMonaco(path))?.chunk).toBe(chunk);
  });

  it.each([
    ['the TypeScript language', inMonaco('languages/features/typescript/register.js')],
    ['the editor API module', inMonaco('editor/editor.api.js')],
    ['a module outside Monaco', '/work/node_modules/@aws-sdk/client-kms/dist-es/index.js'],
  ])('%s is in none (it goes with the editor module)', (_, moduleId) => {
    expect(monacoLayerOf(moduleId)).toBeUndefined();
  });
});

it("the page evaluates one module of each layer, in the layers' order", () => {
  // What each entry imports: a package specifier, or the file Vitest has already resolved it to.
  const imported = MONACO_LAYER_ENTRIES.map((entry) => /["']([^"']*monaco-editor\/[^"']*)["']/.exec(entry.toString())?.[1]);
  const layers = imported.map((target) =>
    target === undefined
      ? undefined
      : monacoLayerOf(target.includes('/esm/vs/') ? target : fileURLToPath(import.meta.resolve(target)))?.chunk,
  );
  expect(layers).toEqual(MONACO_LAYERS.map(({ chunk }) => chunk));
});
