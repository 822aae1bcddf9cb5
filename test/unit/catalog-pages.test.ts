/** Each scenario page carries its catalog title, so sidebar, links and playground agree with it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { frontmatterField } from '../../src/integrations/frontmatter';
import { scenarios } from 'kms-custom-key-store-mock/scenarios';

const pageTitle = (id: string) =>
  frontmatterField(readFileSync(join(import.meta.dirname, `../../content/docs/scenarios/${id}.mdx`), 'utf8'), 'title');

it.each(scenarios.map((s) => [s.id, s.title]))('%s: the page title is the catalog title', (id, title) => {
  expect(pageTitle(id)).toBe(title);
});
