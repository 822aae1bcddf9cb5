/** The bare page's runner: prints through postMessage, runs the emitted module, says when it ends. */
const post = (message: { line?: string; done?: boolean }) => (self as unknown as Worker).postMessage(message);

self.addEventListener('message', async (event: MessageEvent<string>) => {
  console.log = (...values: unknown[]) => post({ line: values.map(String).join(' ') });
  const url = URL.createObjectURL(new Blob([event.data], { type: 'text/javascript' }));
  try {
    await import(/* @vite-ignore */ url);
  } catch (error) {
    post({ line: `Uncaught ${String(error)}` });
  }
  post({ done: true });
});
