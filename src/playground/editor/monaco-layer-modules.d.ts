// The modules src/playground/editor/choose-editor.ts imports to evaluate Monaco's layers, one
// each: imported for their evaluation alone, they ship no declarations of their own.
declare module 'monaco-editor/base/common/lifecycle';
declare module 'monaco-editor/base/browser/dom';
declare module 'monaco-editor/platform/instantiation/common/instantiation';
declare module 'monaco-editor/editor/common/model/textModel';
declare module 'monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget';
declare module 'monaco-editor/editor/standalone/browser/standaloneServices';
declare module 'monaco-editor/editor/contrib/suggest/browser/suggestController';
