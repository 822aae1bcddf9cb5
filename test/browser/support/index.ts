export { CHROMIUM_ARGS, findChromium, launchChromium } from './chromium.ts';
export { watchForeignRequests, type ForeignRequestWatch } from './network-watch.ts';
export { noticesText, openPlayground, outputText, playgroundUrl, requestRows, runAndWait, statusText, worldText, type OpenOptions } from './playground-page.ts';
export { startPreviewServer, type PreviewServer, type PreviewServerOptions } from './server.ts';
