import runWorkerUrl from '../worker/run.worker?worker&url';

/**
 * The run worker starts from a blob: wrapper that imports the real script. A blob: worker
 * inherits the page's Content-Security-Policy (a worker loaded from its own URL would not),
 * so the policy also stops the reader's code from reaching out with a remote `import()`.
 */
export function createRunWorker(): Worker {
  const scriptUrl = new URL(runWorkerUrl, location.href).href;
  const wrapper = new Blob([`import ${JSON.stringify(scriptUrl)};`], { type: 'text/javascript' });
  const wrapperUrl = URL.createObjectURL(wrapper);
  const worker = new Worker(wrapperUrl, { type: 'module', name: 'kms-playground-run' });
  setTimeout(() => URL.revokeObjectURL(wrapperUrl), 60_000);
  return worker;
}
