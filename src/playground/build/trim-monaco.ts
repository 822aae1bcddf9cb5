/**
 * Vite plugin: builds Monaco with only what the playground uses.
 *  - Monaco's TypeScript worker embeds every lib .d.ts TypeScript ships (100 files, 3.2 MB raw,
 *    ~430 KB gzip); the checker loads only the libs its compiler options name and what those
 *    reference (`/// <reference lib>`), so the worker keeps just those, without their doc
 *    comments (MDN-style text for built-ins: 60% of the kept libs' bytes, and of their parse).
 *  - The TypeScript language support reaches its worker factory through
 *    `internal/common/workers.js`, which also imports every editor contribution (diff editor,
 *    colour picker, inline completions, sticky scroll, …) for its side effects, undoing the
 *    choice of features the editor module makes. Those imports are dropped; the factory stays.
 *  - The standalone API's `createDiffEditor` and `createMultiFileDiffEditor` are the only way in
 *    to the diff editors (~270 KB raw, 43 KB gzip, parsed before the editor can show); the
 *    playground never makes one, so those two throw and their widgets are not bundled.
 *  - The quick-input service (command palette, pickers: ~140 KB raw, 34 KB gzip off `editor.api`)
 *    serves nothing the playground offers: it has no command palette, go-to-line or quick
 *    outline. A stand-in takes its place; the commands that would open a picker (the
 *    indentation pickers, the find widget's "go to match") say they are unavailable.
 *  - In the TypeScript worker, the generic editor worker that carries the language service (diff,
 *    links, colours, word suggestions, Monaco's base API: ~190 KB raw, 53 KB gzip of code the
 *    playground never asks that worker for) is cut down to what the service needs: the mirror
 *    models and the calls into the service. The editor worker proper keeps all of it.
 * Every edit must find its text: a Monaco upgrade that moves it fails the build, not the trim.
 */
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';
import { bundleEntries } from './bundle-entries';
import { stripDocComments } from './strip-doc-comments';

const MONACO = 'monaco-editor/esm/vs/';
const LIB_FILE_MAP = `${MONACO}languages/features/typescript/lib/lib.js`;
const WORKER_FACTORY = `${MONACO}internal/common/workers.js`;
const STANDALONE = `${MONACO}editor/standalone/browser/`;
const NO_QUICK_INPUT = `import { CancellationToken } from '../../../../base/common/cancellation.js';
const unavailable = () => new Error('This build of Monaco has no quick input: no command palette or pickers (src/playground/build/trim-monaco.ts).');
class StandaloneQuickInputService {
  get currentQuickInput() { return undefined; }
  get quickAccess() { throw unavailable(); }
  pick(picks, options, token = CancellationToken.None) { return Promise.reject(unavailable()); }
  input(options, token) { return Promise.reject(unavailable()); }
  createQuickPick() { throw unavailable(); }
  createInputBox() { throw unavailable(); }
  toggle() {}
  toggleHover() {}
}
export { StandaloneQuickInputService };
`;
/**
 * The TypeScript worker's two entries: the one the playground's MonacoEnvironment starts
 * (`language/typescript/ts.worker.js`), and the fallback Monaco's worker manager names itself,
 * which Vite bundles as well.
 */
const TYPESCRIPT_WORKER_ENTRIES = [
  `${MONACO}language/typescript/ts.worker.js`,
  `${MONACO}languages/features/typescript/ts.worker.js`,
];
/**
 * The TypeScript worker's EditorWorker: the same constructor, model sync, `$ping` and foreign
 * method calls (`$fmr`: the language service's methods) as Monaco's, none of the rest.
 */
const LANGUAGE_SERVICE_ONLY_EDITOR_WORKER = `import { WorkerTextModelSyncServer } from './textModelSync/textModelSync.impl.js';
class EditorWorker {
  constructor(foreignModule = null) {
    this._foreignModule = foreignModule;
    this._requestHandlerBrand = undefined;
    this._workerTextModelSyncServer = new WorkerTextModelSyncServer();
  }
  dispose() {}
  async $ping() { return 'pong'; }
  getModels() { return this._workerTextModelSyncServer.getModels(); }
  $acceptNewModel(data) { this._workerTextModelSyncServer.$acceptNewModel(data); }
  $acceptModelChanged(uri, e) { this._workerTextModelSyncServer.$acceptModelChanged(uri, e); }
  $acceptRemovedModel(uri) { this._workerTextModelSyncServer.$acceptRemovedModel(uri); }
  $fmr(method, args) {
    if (!this._foreignModule || typeof this._foreignModule[method] !== 'function') return Promise.reject(new Error('Missing requestHandler or method: ' + method));
    try { return Promise.resolve(this._foreignModule[method].apply(this._foreignModule, args)); } catch (e) { return Promise.reject(e); }
  }
}
export { EditorWorker };
`;
const NO_DIFF_EDITOR = "throw new Error('This build of Monaco has no diff editor (src/playground/build/trim-monaco.ts).');";

/**
 * Modules replaced whole by a stand-in: `keeps` are the members the stand-in mirrors, which the
 * original must still have (else the build fails and the stand-in needs a look);
 * `typeScriptWorkerOnly` limits the replacement to that worker's bundle.
 */
const STAND_INS: Record<string, { source: string; keeps: readonly string[]; typeScriptWorkerOnly?: true }> = {
  [`${STANDALONE}quickInput/standaloneQuickInputService.js`]: {
    source: NO_QUICK_INPUT,
    keeps: [
      'get currentQuickInput()',
      'get quickAccess()',
      'pick(picks, options',
      'input(options, token)',
      'createQuickPick(',
      'createInputBox()',
      'toggle()',
      'toggleHover()',
    ],
  },
  [`${MONACO}editor/common/services/editorWebWorker.js`]: {
    source: LANGUAGE_SERVICE_ONLY_EDITOR_WORKER,
    keeps: [
      '$acceptNewModel(data)',
      '$acceptModelChanged(uri, e)',
      '$acceptRemovedModel(uri)',
      '$fmr(method, args)',
      'new WorkerTextModelSyncServer()',
    ],
    typeScriptWorkerOnly: true,
  },
};

/** Source edits by file: each `find` (a string, or a pattern matching once) is replaced. */
const SOURCE_EDITS: Record<string, readonly { find: string | RegExp; replace: string }[]> = {
  [`${STANDALONE}standaloneEditor.js`]: [
    {
      find: "import { createTextModel, StandaloneDiffEditor2, StandaloneEditor } from './standaloneCodeEditor.js';",
      replace: "import { createTextModel, StandaloneEditor } from './standaloneCodeEditor.js';",
    },
    {
      find: "import { MultiDiffEditorWidget } from '../../browser/widget/multiDiffEditor/multiDiffEditorWidget.js';",
      replace: '',
    },
    { find: /(function createDiffEditor\(domElement, options, override\) \{)[\s\S]*?\n\}/, replace: `$1 ${NO_DIFF_EDITOR} }` },
    { find: /(function createMultiFileDiffEditor\(domElement, override\) \{)[\s\S]*?\n\}/, replace: `$1 ${NO_DIFF_EDITOR} }` },
  ],
  [`${STANDALONE}standaloneCodeEditor.js`]: [
    { find: "import { DiffEditorWidget } from '../../browser/widget/diffEditor/diffEditorWidget.js';", replace: '' },
    {
      find: /let StandaloneDiffEditor2 = class StandaloneDiffEditor2 extends DiffEditorWidget \{[\s\S]*?\], StandaloneDiffEditor2\);/,
      replace: '',
    },
    {
      find: 'export { StandaloneCodeEditor, StandaloneDiffEditor2, StandaloneEditor, createTextModel };',
      replace: 'export { StandaloneCodeEditor, StandaloneEditor, createTextModel };',
    },
  ],
};

export function trimMonaco(typescriptLibs: readonly string[]): Plugin {
  // A worker bundle gets its own instance (`worker.plugins` is a factory), so this is per bundle.
  let bundlingTypeScriptWorker = false;
  return {
    name: 'kms-playground:trim-monaco',
    enforce: 'pre',
    options(inputOptions) {
      bundlingTypeScriptWorker = bundleEntries(inputOptions).some((entry) =>
        TYPESCRIPT_WORKER_ENTRIES.some((path) => entry.endsWith(path)),
      );
    },
    async load(id) {
      const file = id.split('?')[0] ?? '';
      const standIn = Object.entries(STAND_INS).find(([path]) => file.endsWith(path))?.[1];
      if (standIn && (bundlingTypeScriptWorker || !standIn.typeScriptWorkerOnly)) {
        const original = await readFile(file, 'utf8');
        const lost = standIn.keeps.filter((member) => !original.includes(member));
        if (lost.length) throw new Error(`trim-monaco: ${file} no longer has ${lost.join(', ')}; update its stand-in.`);
        return standIn.source;
      }
      if (file.endsWith(LIB_FILE_MAP)) {
        // `const libFileMap = {}; libFileMap["…"] = '…'; … export { libFileMap };`, evaluated as a
        // function body (this config runs inside Vite's module runner, which cannot import()
        // files while it builds).
        const source = await readFile(file, 'utf8');
        const libFileMap = new Function(source.replace(/export\s*\{\s*libFileMap\s*\};?\s*$/, 'return libFileMap;'))() as Record<
          string,
          string
        >;
        return `const libFileMap = ${JSON.stringify(referencedLibs(libFileMap, typescriptLibs))};\nexport { libFileMap };\n`;
      }
      if (file.endsWith(WORKER_FACTORY)) {
        const source = await readFile(file, 'utf8');
        return source.replace(/^import '[^']+';\n/gm, '');
      }
      const edits = Object.entries(SOURCE_EDITS).find(([path]) => file.endsWith(path))?.[1];
      if (edits) return applyEdits(file, await readFile(file, 'utf8'), edits);
      return null;
    },
  };
}

function referencedLibs(all: Record<string, string>, roots: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  const pending = [...roots];
  while (pending.length) {
    const name = pending.pop()!;
    if (name in kept) continue;
    const text = all[name];
    if (text === undefined) throw new Error(`Monaco's TypeScript has no ${name} (named in the playground's compiler options).`);
    kept[name] = stripDocComments(text);
    for (const match of text.matchAll(/\/\/\/\s*<reference\s+lib="([^"]+)"/g))
      pending.push(`lib.${match[1]!.toLowerCase()}.d.ts`);
  }
  return kept;
}

function applyEdits(file: string, source: string, edits: readonly { find: string | RegExp; replace: string }[]): string {
  return edits.reduce((text, { find, replace }) => {
    const matches =
      typeof find === 'string' ? text.split(find).length - 1 : [...text.matchAll(new RegExp(find.source, 'g'))].length;
    if (matches !== 1) throw new Error(`trim-monaco: expected one match of ${String(find)} in ${file}, found ${matches}.`);
    return text.replace(find, replace);
  }, source);
}
