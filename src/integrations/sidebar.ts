/**
 * The sidebar, derived from the scenario catalog: each catalog group becomes a sidebar group
 * with one entry per scenario, in catalog order. Nothing here lists scenarios by hand.
 */
import { existsSync } from 'node:fs';
import type { ScenarioGroup } from 'kms-custom-key-store-mock/scenarios';

interface CatalogEntry {
  id: string;
  group: ScenarioGroup;
  /** Connection-error pages are listed by their code, which is what readers search for. */
  connectionErrorCode?: string;
}

type SidebarItem =
  | { slug: string; label?: string; attrs?: Record<string, string> }
  | { link: string; label: string }
  | { label: string; items: SidebarItem[] };

const SCENARIO_GROUP_LABELS: ReadonlyArray<readonly [ScenarioGroup, string]> = [
  ['causes', 'Causes'],
  ['operations', 'Operations'],
  ['connection-errors', 'Connection errors'],
  ['related', 'Related errors'],
];

/**
 * @param hasPage whether `content/docs/scenarios/<id>.mdx` exists. A scenario without its page is
 * left out of the sidebar rather than breaking every build while pages are being written; the
 * page/catalog coverage test (test/site/coverage.test.ts) fails on such a gap.
 */
export function buildSidebar(
  catalog: readonly CatalogEntry[],
  hasPage: (id: string) => boolean = (id) => existsSync(new URL(`../../content/docs/scenarios/${id}.mdx`, import.meta.url)),
): SidebarItem[] {
  const known = new Set<string>([...SCENARIO_GROUP_LABELS.map(([group]) => group), 'baseline']);
  const unplaced = catalog.filter((entry) => !known.has(entry.group));
  if (unplaced.length > 0) {
    throw new Error(
      `Scenario group(s) with no sidebar place: ${unplaced.map((entry) => `${entry.id} (${entry.group})`).join(', ')}. ` +
        'Add the group to src/integrations/sidebar.ts.',
    );
  }
  const pagesOf = (group: ScenarioGroup): SidebarItem[] =>
    catalog
      .filter((entry) => entry.group === group && hasPage(entry.id))
      .map((entry) => ({
        slug: `scenarios/${entry.id}`,
        ...(entry.connectionErrorCode ? { label: entry.connectionErrorCode } : {}),
      }));

  return [
    {
      label: 'Start',
      items: [
        { slug: 'index', label: 'Start here' },
        { slug: 'diagnose', label: 'Diagnose a paste' },
        { slug: 'guides/troubleshooting' },
        { link: '/playground/', label: 'Playground' },
      ],
    },
    ...SCENARIO_GROUP_LABELS.map(([group, label]) => ({ label, items: pagesOf(group) })),
    {
      label: 'Patterns',
      items: [{ slug: 'guides/handling-patterns' }, { slug: 'guides/testing-with-the-mock' }, { slug: 'guides/any-language' }],
    },
    {
      label: 'Reference',
      items: [
        { slug: 'reference', label: 'States, operations and codes' },
        { slug: 'reference/mock-assumptions', label: 'What the mock decides' },
        ...pagesOf('baseline'),
      ],
    },
  ];
}
