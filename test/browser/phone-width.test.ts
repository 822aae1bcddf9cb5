/**
 * On a phone (390 px, mobile emulation, touch) no page of the built site is wider than the
 * screen: a wider page pushes the header's search and menu buttons out of reach. Every page the
 * build wrote is visited, so a new page is checked without being listed here.
 */
import { expect } from 'vitest';
import { listHtmlFiles } from '~/integrations/built-html';
import { DIST_DIR } from '../site/built-site';
import { test } from '../support/browser-fixtures';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 };

/** `guides/x/index.html` → `guides/x/`; `404.html` stays as it is. */
const sitePath = (file: string) => file.replace(/(^|\/)index\.html$/, '$1');

const pages = (await listHtmlFiles(DIST_DIR)).map(sitePath);

test(
  `lays out all ${pages.length} pages within a 390 px wide phone screen`,
  { timeout: 300_000 },
  async ({ newPage, server }) => {
    const page = await newPage(PHONE);
    const tooWide: string[] = [];
    for (const path of pages) {
      await page.goto(server.urlFor(`/${path}`), { waitUntil: 'load' });
      // Web fonts change the width of text, so measure with the fonts the reader gets.
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      if (scrollWidth > innerWidth) tooWide.push(`/${path}: ${scrollWidth} px`);
    }
    expect(pages.length).toBeGreaterThan(40);
    expect(tooWide, `pages wider than the ${PHONE.viewport.width} px screen`).toEqual([]);
  },
);
