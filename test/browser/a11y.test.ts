/**
 * Accessibility: axe-core in real Chromium over every built page, in the light and the dark
 * theme. Fails on any serious or critical violation and lists them per page and theme.
 *
 * Each page is opened once, in the light theme, and checked with every rule; the dark theme is then
 * the reader's system switching to dark (Starlight's `auto` theme follows `prefers-color-scheme`
 * and sets `data-theme`, and the playground's editor follows `data-theme`), checked on the same
 * load with the rules that read colours.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { listHtmlFiles } from '~/integrations/built-html';
import { DIST_DIR } from '../site/built-site';
import { test } from '../support/browser-fixtures';

const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** `guides/x/index.html` → `guides/x/`; `404.html` stays as it is. */
const sitePath = (file: string) => file.replace(/(^|\/)index\.html$/, '$1');

const pages = await listHtmlFiles(DIST_DIR);
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Waits until the page is as a reader sees it once it has settled. */
async function settle(page: Page): Promise<void> {
  // Expressive Code makes a code block that scrolls sideways keyboard-focusable (tabindex + role)
  // from a ResizeObserver, 250 ms after the last resize, in an idle callback. Web fonts arriving
  // late resize the blocks, so wait for the fonts, then for EC's own condition on its own
  // selector. If it never holds, axe reports the violation as a reader would meet it.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // The playground's editor is part of what a reader sees: check it once it has rendered the code.
  if (await page.locator('kms-playground').count())
    await page.waitForSelector('kms-playground[data-editor="ready"]', { timeout: 30_000 });
  await page
    .waitForFunction(
      () =>
        [...document.querySelectorAll('.expressive-code pre > code')]
          .map((code) => code.parentElement!)
          .every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')),
      undefined,
      { timeout: 20_000, polling: 100 },
    )
    .catch(() => undefined);
}

/**
 * The axe rules that read colours. The dark theme changes nothing but colours (Starlight's theme is
 * CSS custom properties under `data-theme`, and the editor swaps its colour theme), so on the same
 * load only these rules can find something the light theme's full run did not.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

async function seriousViolations(page: Page, onlyRules?: readonly string[]): Promise<string[]> {
  const violations = await page.evaluate(async (rules) => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      ...(rules ? { runOnly: { type: 'rule', values: rules } } : {}),
    });
    return result.violations;
  }, onlyRules);
  return violations
    .filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''))
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}× e.g. ${JSON.stringify(v.nodes[0]?.target)})`);
}

/**
 * The sweep reads the pages the way one reader goes from page to page: in a tab that navigates
 * (one tab per page being checked at the same time), with the browser's cache warm. A new tab and
 * a cold cache for every page cost this Chromium about twice the CPU of the whole sweep, and a
 * navigation leaves nothing of the page before in the document that axe checks.
 */
function tabs() {
  const free: Page[] = [];
  return {
    async use<T>(context: BrowserContext, check: (page: Page) => Promise<T>): Promise<T> {
      const page = free.pop() ?? (await context.newPage());
      try {
        await page.emulateMedia({ colorScheme: 'light' });
        return await check(page);
      } finally {
        free.push(page);
      }
    },
  };
}

describe.concurrent('axe-core on every built page', () => {
  test('finds the built pages', () => {
    expect(pages.length).toBeGreaterThan(30);
  });

  const reader = tabs();

  test.for(pages)(
    '%s has no serious or critical violation in the light and the dark theme',
    async (file, { fileReader, server }) => {
      const violations = await reader.use(fileReader.page.context(), async (page) => {
        await page.goto(server.urlFor(sitePath(file)), { waitUntil: 'load' });
        await settle(page);
        await page.addScriptTag({ content: axeSource });
        const light = await seriousViolations(page);
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
        const dark = await seriousViolations(page, COLOUR_RULES);
        return { light, dark };
      });
      expect(violations).toEqual({ light: [], dark: [] });
    },
  );
});
