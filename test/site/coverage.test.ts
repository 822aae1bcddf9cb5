/**
 * Page/catalog coverage, on the sources (no build needed): every catalog scenario has its page
 * at content/docs/scenarios/<id>.mdx naming it in frontmatter `scenario`, and every page there
 * names a catalog id.
 */
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { frontmatterField } from '~/integrations/frontmatter';
import { scenarios } from 'kms-custom-key-store-mock/scenarios';

const SCENARIO_PAGES = new URL('../../content/docs/scenarios/', import.meta.url);

async function scenarioPages(): Promise<Map<string, string | undefined>> {
  const files = (await readdir(SCENARIO_PAGES)).filter((file) => /\.mdx?$/.test(file));
  const pages = new Map<string, string | undefined>();
  for (const file of files) {
    pages.set(file, frontmatterField(await readFile(new URL(file, SCENARIO_PAGES), 'utf8'), 'scenario'));
  }
  return pages;
}

describe('scenario pages and the catalog', async () => {
  const pages = await scenarioPages();
  const catalogIds = new Set(scenarios.map((scenario) => scenario.id));

  it('every catalog scenario has content/docs/scenarios/<id>.mdx whose frontmatter names it', () => {
    const gaps = scenarios
      .filter((scenario) => pages.get(`${scenario.id}.mdx`) !== scenario.id)
      .map((scenario) =>
        pages.has(`${scenario.id}.mdx`)
          ? `${scenario.id}.mdx has scenario: ${pages.get(`${scenario.id}.mdx`) ?? '(missing)'}`
          : `${scenario.id}.mdx is missing`,
      );
    expect(gaps, `scenarios without their page:\n${gaps.join('\n')}`).toEqual([]);
  });

  it('every scenario page names a catalog id, the one its file is named after', () => {
    const strays = [...pages]
      .filter(([file, id]) => id === undefined || !catalogIds.has(id) || file.replace(/\.mdx?$/, '') !== id)
      .map(([file, id]) => `${file}: scenario: ${id ?? '(missing)'}`);
    expect(strays, `scenario pages that name no (or the wrong) catalog id:\n${strays.join('\n')}`).toEqual([]);
  });
});
