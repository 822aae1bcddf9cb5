/** Each scenario page carries its catalog title, so sidebar, links and playground agree with it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { scenarios } from '../../src/scenarios/catalog';

const pageTitle = (id: string) => {
  const source = readFileSync(join(import.meta.dirname, `../../content/docs/scenarios/${id}.mdx`), 'utf8');
  const raw = /^title:\s*(.+)$/m.exec(source)?.[1]?.trim() ?? '';
  return /^(['"]).*\1$/.test(raw) ? raw.slice(1, -1).replaceAll("''", "'") : raw;
};

it.each(scenarios.map((s) => [s.id, s.title]))('%s: the page title is the catalog title', (id, title) => {
  expect(pageTitle(id)).toBe(title);
});
