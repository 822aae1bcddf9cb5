export { launchChromium } from './chromium.ts';
export { watchForeignRequests, type ForeignRequestWatch } from './network-watch.ts';
export {
  noticesText,
  openPlayground,
  outputText,
  playgroundUrl,
  requestRows,
  runAndWait,
  statusText,
  worldText,
} from './playground-page.ts';
export { startPreviewServer, type PreviewServer } from './server.ts';
