/**
 * Drives the playground page the way a reader does: open a link, run, read the panels.
 *
 * A test whose subject is not the editor (runs, the panels, links, notices) opens the plain
 * editor (`editor: 'plain'`: `?editor=plain`, which a reader can ask for, and what a phone gets):
 * Monaco and its TypeScript worker cost a page up to 4 s of CPU. The editor's own tests, and
 * every test that types into Monaco or reads it, open the page as a desktop reader meets it.
 */
import type { Locator, Page } from 'playwright-core';
import { PLAYGROUND_SCENARIO_PARAM } from '../../src/components/scenario/links.ts';
import { EDITOR_PARAM } from '../../src/playground/editor/choose-editor.ts';
import { encodeCodeHash } from '../../src/playground/share/code-hash.ts';
import type { PreviewServer } from './preview-server.ts';

export interface OpenOptions {
  scenario?: string;
  /** Code to open with (put in the link's `#code=`, as a share link does). */
  code?: string;
  /** Raw hash to use instead, e.g. a damaged one. */
  hash?: string;
  /** `'plain'`: the plain text editor instead of Monaco (`?editor=plain`). */
  editor?: 'plain';
}

export function playgroundUrl(server: PreviewServer, options: OpenOptions = {}): string {
  const query = new URLSearchParams();
  if (options.scenario !== undefined) query.set(PLAYGROUND_SCENARIO_PARAM, options.scenario);
  if (options.editor) query.set(EDITOR_PARAM, options.editor);
  const search = query.size ? `?${query}` : '';
  const hash = options.hash ?? (options.code === undefined ? '' : encodeCodeHash(options.code));
  return server.urlFor(`/playground/${search}${hash}`);
}

/** Opens the playground and waits until the editor is editable. */
export async function openPlayground(page: Page, server: PreviewServer, options: OpenOptions = {}): Promise<void> {
  await page.goto(playgroundUrl(server, options));
  await page.waitForSelector('kms-playground[data-editor="ready"]', { timeout: 30_000 });
}

/** The playground's controls, found by their role and name, as a screen reader announces them. */
export function playgroundControls(page: Page) {
  const root = page.locator('kms-playground');
  const button = (name: string): Locator => root.getByRole('button', { name, exact: true });
  return {
    scenario: root.getByRole('combobox', { name: 'Scenario' }),
    run: button('Run'),
    runAgain: button('Run again'),
    stop: button('Stop'),
    reset: button('Reset'),
    copyLink: button('Copy link'),
    link: root.getByRole('textbox', { name: 'Link to this scenario with your code and world' }),
    // Not by role: the notices below it are status messages too.
    status: root.locator('[data-pg="status"]'),
    output: root.getByRole('log'),
    requests: root.getByRole('region', { name: 'Requests' }).getByRole('row'),
    /** The World panel's button for a change outside KMS (a repair or a breakage), by part of its label. */
    worldAction: (label: string) => root.locator('[data-pg="actions"]').getByRole('button', { name: label }),
    /** The World panel's button that moves simulated time ahead, by its label (`+1 hour`). */
    timeJump: (label: string) => root.locator('[data-pg="jumps"]').getByRole('button', { name: label, exact: true }),
  };
}

/** Clicks (or taps) a Run button and waits until that run has ended: the status then tells its outcome. */
export async function runAndWait(
  page: Page,
  timeout = 30_000,
  button = playgroundControls(page).run,
  tap = false,
): Promise<string> {
  const runsBefore = await page.evaluate(() => Number(document.querySelector('kms-playground')?.getAttribute('data-runs') ?? 0));
  await (tap ? button.tap() : button.click());
  await page.waitForFunction(
    (before) => {
      const root = document.querySelector('kms-playground');
      return Number(root?.getAttribute('data-runs') ?? 0) > before && root?.getAttribute('data-run') === 'idle';
    },
    runsBefore,
    { timeout },
  );
  return statusText(page);
}

export const statusText = (page: Page) => playgroundControls(page).status.innerText();
export const outputText = (page: Page) => playgroundControls(page).output.innerText();
export const noticesText = (page: Page) => page.innerText('[data-pg="notices"]');
export const worldText = (page: Page) => page.innerText('[data-pg="stores"]');

/** The Requests panel, one object per row of calls (the header row left out). */
export async function requestRows(page: Page) {
  return playgroundControls(page).requests.evaluateAll((rows) =>
    rows
      .filter((row) => row.querySelector('td'))
      .map((row) => {
        const cells = [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '');
        return { operation: cells[1] ?? '', attempt: Number(cells[2]), status: cells[3] ?? '', errorType: cells[4] ?? '' };
      }),
  );
}
