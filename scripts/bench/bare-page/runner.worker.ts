/**
 * The bare page's runner: one worker for the page's life, holding the real SDK (with the
 * playground's placeholder credentials) and a trivial MSW handler that answers every KMS call
 * with 200 `{}`. The reader's emitted module imports `@aws-sdk/client-kms` from a blob: module
 * that re-exports the SDK; it prints through postMessage and says when it ends.
 */
// MSW's cookie store needs localStorage, which workers lack.
import '../../../src/playground/worker/local-storage-shim';
import { getResponse, http, HttpResponse } from 'msw';
import { kmsModule } from '../../../src/playground/worker/kms-module';

const post = (message: { line?: string; done?: boolean }) => (self as unknown as Worker).postMessage(message);
const handlers = [http.post(/^https:\/\/kms\.[a-z0-9-]+\.amazonaws\.com\/?$/, () => HttpResponse.json({}))];
self.fetch = async (input: RequestInfo | URL, init?: RequestInit) =>
  (await getResponse(handlers, new Request(input, init))) ?? Response.error();

(globalThis as { benchKms?: unknown }).benchKms = kmsModule;
const names = Object.keys(kmsModule).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
const kmsModuleUrl = URL.createObjectURL(
  new Blob([`const m = globalThis.benchKms;\nexport const { ${names.join(', ')} } = m;`], { type: 'text/javascript' }),
);
console.log = (...values: unknown[]) => post({ line: values.map(String).join(' ') });

self.addEventListener('message', async (event: MessageEvent<string>) => {
  const source = event.data.replaceAll(/(from\s*)(["'])@aws-sdk\/client-kms\2/g, `$1"${kmsModuleUrl}"`);
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try {
    await import(/* @vite-ignore */ url);
  } catch (error) {
    post({ line: `Uncaught ${String(error)}` });
  } finally {
    URL.revokeObjectURL(url);
  }
  post({ done: true });
});
