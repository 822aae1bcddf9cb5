import type { Scenario } from 'kms-custom-key-store-mock/scenarios';
import { UnknownScenarioError } from './lookup';

const FALLBACK_LIMIT = 6;

/**
 * The scenarios a page links to under "Related": the catalog's own `related` list when the
 * scenario has one, then its neighbours in the same sidebar group; without a `related` list,
 * also the other scenarios that end in the same exception or connection error code.
 */
export function relatedScenarios(scenario: Scenario, catalog: readonly Scenario[]): Scenario[] {
  const byId = new Map(catalog.map((candidate) => [candidate.id, candidate]));
  const explicit = (scenario.related ?? []).map((id) => {
    const found = byId.get(id);
    if (!found) throw new UnknownScenarioError(`Scenario "${scenario.id}" lists unknown related scenario "${id}".`);
    return found;
  });

  const group = catalog.filter((candidate) => candidate.group === scenario.group);
  const position = group.findIndex((candidate) => candidate.id === scenario.id);
  const neighbours = [group[position - 1], group[position + 1]].filter((candidate) => candidate !== undefined);

  const sameOutcome =
    explicit.length > 0
      ? []
      : catalog.filter(
          (candidate) => scenario.expected.error !== undefined && candidate.expected.error === scenario.expected.error,
        );

  const picked = new Map<string, Scenario>();
  for (const candidate of [...explicit, ...neighbours, ...sameOutcome]) {
    if (candidate.id !== scenario.id) picked.set(candidate.id, candidate);
  }
  const all = [...picked.values()];
  return explicit.length > 0 ? all : all.slice(0, FALLBACK_LIMIT);
}
