/**
 * Previous / Next links lead through the guides as a reader reads them, and not out of the
 * playground, which is a tool rather than a chapter.
 */
import { expect, it } from 'vitest';
import { readHtml } from '~/integrations/built-html';
import { DIST_DIR } from './built-site';

const paginationLinks = async (file: string) =>
  (await readHtml(DIST_DIR, file)).filter(
    (e) => e.name === 'a' && (e.attributes['rel'] === 'prev' || e.attributes['rel'] === 'next'),
  );

it('the playground page has no Previous / Next links', async () => {
  expect(await paginationLinks('playground/index.html')).toEqual([]);
});

it('a guide keeps its Previous / Next links', async () => {
  expect((await paginationLinks('guides/troubleshooting/index.html')).length).toBeGreaterThan(0);
});
