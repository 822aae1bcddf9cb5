/**
 * Accessibility: axe-core in real Chromium over every built page, in the light and the dark
 * theme. Fails on any serious or critical violation and lists them per page.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listHtmlFiles } from '~/integrations/built-html';
import { DIST_DIR } from '../site/built-site';
import { launchChromium, startPreviewServer, type PreviewServer } from './support';

const BLOCKING_IMPACTS = new Set(['serious', 'critical']);
const COLOR_SCHEMES = ['light', 'dark'] as const;

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

let server: PreviewServer;
let browser: Browser;
const contexts = new Map<string, BrowserContext>();

beforeAll(async () => {
  server = await startPreviewServer({ root: DIST_DIR });
  browser = await launchChromium();
  for (const colorScheme of COLOR_SCHEMES) contexts.set(colorScheme, await browser.newContext({ colorScheme }));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function seriousViolations(colorScheme: string, path: string): Promise<string[]> {
  const page = await contexts.get(colorScheme)!.newPage();
  try {
    await page.goto(server.urlFor(path), { waitUntil: 'load' });
    // Expressive Code makes a code block that scrolls sideways keyboard-focusable (tabindex + role)
    // from a ResizeObserver, 250 ms after the last resize, in an idle callback. Web fonts arriving
    // late resize the blocks again, and a loaded machine defers idle callbacks, so wait for the
    // fonts, then for EC's own condition on its own selector to hold twice, longer apart than its
    // debounce. If it never holds, axe reports the violation as a reader would meet it.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    // The playground's editor is part of what a reader sees: check it once it has rendered the code.
    if (await page.locator('kms-playground').count())
      await page.waitForSelector('kms-playground[data-editor="ready"]', { timeout: 30_000 });
    const ecSettled = () =>
      page.waitForFunction(
        () =>
          [...document.querySelectorAll('.expressive-code pre > code')]
            .map((code) => code.parentElement!)
            .every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')),
        undefined,
        { timeout: 20_000, polling: 100 },
      );
    await ecSettled()
      .then(() => page.waitForTimeout(400))
      .then(ecSettled)
      .catch(() => undefined);
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }
      ).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations;
    });
    return violations
      .filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''))
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}× e.g. ${JSON.stringify(v.nodes[0]?.target)})`);
  } finally {
    await page.close();
  }
}

describe.concurrent('axe-core on every built page', () => {
  it('finds the built pages', () => {
    expect(pages.length).toBeGreaterThan(30);
  });

  for (const colorScheme of COLOR_SCHEMES) {
    it.each(pages)(`%s (${colorScheme} theme) has no serious or critical violation`, async (file) => {
      expect(await seriousViolations(colorScheme, sitePath(file))).toEqual([]);
    });
  }
});
