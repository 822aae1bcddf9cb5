/**
 * The bench's baseline: nothing but Monaco set up the documented way (the editor, every editor
 * feature, the TypeScript language and its worker), the same SDK declaration files the
 * playground loads, and a minimal runner (Monaco's own emit, run in one worker started with the
 * page that holds the real SDK and a trivial MSW handler). It records the same performance marks
 * as the playground and shows output lines as `.pg-line` elements, so `npm run bench` reads both
 * alike.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import {
  getTypeScriptWorker,
  ModuleKind,
  ScriptTarget,
  typescriptDefaults,
} from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import typesUrl from '../../../src/generated/kms-types.json?url';

// The same phase marks as the playground (see src/playground/editor/monaco-editor.ts).
performance.mark('pg:monaco-loaded');

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_id, label) => (label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker()),
};
typescriptDefaults.setCompilerOptions({
  target: ScriptTarget.ESNext,
  module: ModuleKind.ESNext,
  strict: true,
  skipLibCheck: true,
  allowNonTsExtensions: true,
});

const params = new URLSearchParams(location.search);
const uri = monaco.Uri.parse('file:///main.ts');
const model = monaco.editor.createModel(params.get('code') ?? 'console.log("hello");', 'typescript', uri);
performance.mark('pg:model-ready');
monaco.editor.create(document.getElementById('editor')!, { model, automaticLayout: true, minimap: { enabled: false } });
// Monaco is this page's only editor: editable when attached.
performance.mark('pg:editor-editable');
performance.mark('pg:editor-ready');
document.body.dataset.editor = 'ready';

void (async () => {
  const stage = (name: string) => (document.body.dataset.stage = name);
  stage('fetching types');
  const bundle = (await (await fetch(typesUrl)).json()) as { files: Record<string, string> };
  stage('adding types');
  typescriptDefaults.setExtraLibs(
    Object.entries(bundle.files).map(([path, content]) => ({ filePath: `file:///${path}`, content })),
  );
  stage('starting the checker');
  const client = await typeScriptClient();
  stage('checking');
  await client.getSemanticDiagnostics(uri.toString());
  performance.mark('pg:types-ready');
  document.body.dataset.types = 'ready';
})().catch((error: unknown) => (document.body.dataset.types = `failed: ${String(error)}`));

/** Monaco registers TypeScript once its lazy language chunk has loaded; until then it rejects. */
async function typeScriptClient() {
  for (;;) {
    try {
      return await (
        await getTypeScriptWorker()
      )(uri);
    } catch (error) {
      if (!/not registered/i.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const output = document.getElementById('output')!;
// Named so the bench can tell it from Monaco's workers.
const worker = new Worker(new URL('./runner.worker.ts', import.meta.url), { type: 'module', name: 'bench-bare-run' });
let first = true;
worker.onmessage = (event: MessageEvent<{ line?: string; done?: boolean }>) => {
  if (event.data.line !== undefined) {
    const line = document.createElement('div');
    line.className = 'pg-line';
    line.textContent = event.data.line;
    output.append(line);
    if (first) performance.measure('pg:run-to-first-output', 'pg:run-start');
    first = false;
  }
  if (event.data.done) document.body.dataset.run = 'idle';
};
document.getElementById('run')!.addEventListener('click', async () => {
  performance.mark('pg:run-start');
  output.replaceChildren();
  first = true;
  document.body.dataset.run = 'running';
  const client = await typeScriptClient();
  const emitted = await client.getEmitOutput(uri.toString());
  worker.postMessage(emitted.outputFiles[0]?.text ?? '');
});
