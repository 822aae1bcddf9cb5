import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEARCH_START_IDLE_TIMEOUT_MS, withDependableSearchStart } from './search-on-demand';

/** The part of Starlight's search script that starts the search UI, in the shape it has there. */
const STARLIGHT_START = `window.addEventListener('DOMContentLoaded', () => {
  const onIdle = window.requestIdleCallback || ((cb) => setTimeout(cb, 1));
  onIdle(() => started.push('search UI'));
});`;

/** Runs the edited start in a page whose document is in `readyState`; says what it started and when. */
function startIn(readyState: DocumentReadyState) {
  const started: string[] = [];
  const listeners: Array<() => void> = [];
  const idleOptions: unknown[] = [];
  const window = {
    addEventListener: (type: string, listener: () => void) => type === 'DOMContentLoaded' && listeners.push(listener),
    requestIdleCallback: (callback: () => void, options: unknown) => {
      idleOptions.push(options);
      callback();
    },
  };
  new Function('window', 'document', 'started', withDependableSearchStart(STARLIGHT_START))(window, { readyState }, started);
  return { started, idleOptions, contentLoaded: () => listeners.forEach((listener) => listener()) };
}

describe("Starlight's search start", () => {
  it('starts the search UI at once when the document has already loaded, where Starlight would wait for an event that has passed', () => {
    for (const readyState of ['interactive', 'complete'] as const) expect(startIn(readyState).started).toEqual(['search UI']);
  });

  it('waits for DOMContentLoaded while the document is loading, as Starlight does', () => {
    const page = startIn('loading');
    expect(page.started).toEqual([]);
    page.contentLoaded();
    expect(page.started).toEqual(['search UI']);
  });

  it('gives the idle callback a time limit, so a busy page still gets its search', () => {
    expect(startIn('complete').idleOptions).toEqual([{ timeout: SEARCH_START_IDLE_TIMEOUT_MS }]);
  });

  it("finds its text in the installed Starlight's search component", () => {
    // A dependency of the project, so at the top of its node_modules.
    const component = readFileSync(
      new URL('../../node_modules/@astrojs/starlight/dist/components/Search.astro', import.meta.url),
      'utf8',
    );
    expect(() => withDependableSearchStart(component)).not.toThrow();
  });

  it('fails the build when Starlight has changed the text, naming the file to update', () => {
    expect(() => withDependableSearchStart('window.onload = start;')).toThrow(/src\/integrations\/search-on-demand\.ts/);
  });
});
