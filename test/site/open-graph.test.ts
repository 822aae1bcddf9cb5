/** Every built page gives a useful link preview: its own og:title and og:description. */
import { describe, expect, it } from 'vitest';
import { builtPages, metaContent } from './built-site';

describe('Open Graph tags', async () => {
  const pages = await builtPages();
  const siteDescription = metaContent(pages.find((page) => page.file === '404.html')?.elements ?? [], 'og:description');

  it.each(pages.map((page) => [page.file, page] as const))('%s has og:title and og:description', (_file, page) => {
    const title = metaContent(page.elements, 'og:title');
    const description = metaContent(page.elements, 'og:description');
    expect(title?.trim(), 'og:title').toBeTruthy();
    expect(description?.trim(), 'og:description').toBeTruthy();
    expect(description!.length, 'og:description long enough to say something').toBeGreaterThanOrEqual(50);
    // Content pages describe themselves; only Starlight's 404 page may fall back to the site's description.
    if (page.file !== '404.html') expect(description, 'a page-specific description').not.toBe(siteDescription);
  });

  it('covers the whole site', () => {
    expect(pages.length).toBeGreaterThan(30);
  });
});
