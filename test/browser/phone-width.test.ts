/**
 * On a phone (390 px, mobile emulation, touch) no page of the built site is wider than the
 * screen: a wider page pushes the header's search and menu buttons out of reach. The site's title
 * in the header is shown whole (Starlight cuts off a title that does not fit), and a page's title
 * and its Previous and Next links break their lines between words, or between the words of a long
 * identifier. Every page the build wrote is visited, so a new page is checked without being listed
 * here.
 */
import { expect } from 'vitest';
import { listHtmlFiles } from '~/integrations/built-html';
import { DIST_DIR } from '../site/built-site';
import { test } from '../support/browser-fixtures';
import { linesBrokenInsideAWord } from '../support/line-breaks';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 };

/** `guides/x/index.html` → `guides/x/`; `404.html` stays as it is. */
const sitePath = (file: string) => file.replace(/(^|\/)index\.html$/, '$1');

const pages = (await listHtmlFiles(DIST_DIR)).map(sitePath);

test(
  `lays out all ${pages.length} pages within a 390 px wide phone screen, with the site title whole and no page title or Previous/Next label broken inside a word`,
  { timeout: 300_000 },
  async ({ newPage, server }) => {
    const page = await newPage(PHONE);
    const tooWide: string[] = [];
    const titleCut: string[] = [];
    const headingWordsCut: string[] = [];
    for (const path of pages) {
      await page.goto(server.urlFor(`/${path}`), { waitUntil: 'load' });
      // Web fonts change the width of text, so measure with the fonts the reader gets.
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const { scrollWidth, innerWidth, title } = await page.evaluate(() => {
        const titleText = document.querySelector('header .site-title span');
        return {
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          title: titleText && { shown: titleText.clientWidth, whole: titleText.scrollWidth },
        };
      });
      if (scrollWidth > innerWidth) tooWide.push(`/${path}: ${scrollWidth} px`);
      if (!title) titleCut.push(`/${path}: no site title in the header`);
      else if (title.whole > title.shown) titleCut.push(`/${path}: ${title.shown} of ${title.whole} px shown`);
      headingWordsCut.push(
        ...(await page.evaluate(linesBrokenInsideAWord, 'main h1, .pagination-links .link-title')).map(
          (cut) => `/${path}: ${cut}`,
        ),
      );
    }
    expect(pages.length).toBeGreaterThan(40);
    expect(tooWide, `pages wider than the ${PHONE.viewport.width} px screen`).toEqual([]);
    expect(titleCut, 'pages whose header cuts off the site title').toEqual([]);
    expect(headingWordsCut, 'page titles and Previous/Next labels that break a line inside a word').toEqual([]);
  },
);
