import { scenarios } from '~/scenarios/catalog';
import { closestId } from '~/scenarios/closest-id';
import type { Scenario } from '~/scenarios/types';

export { closestId };

/**
 * Thrown while rendering a page that names a scenario the catalog does not have. Astro reports it
 * with the page being built, so a typo in an `id` prop fails the build instead of shipping a
 * page with holes in it.
 */
export class UnknownScenarioError extends Error {
  override name = 'UnknownScenarioError';
}

/** Looks a scenario up for a component; `component` and `page` only make the error readable. */
export function requireScenario(id: unknown, component: string, page?: string): Scenario {
  const where = `<${component}>${page ? ` on ${page}` : ''}`;
  if (typeof id !== 'string' || id.trim() === '') {
    throw new UnknownScenarioError(`${where} needs an \`id\` prop naming a catalog scenario, got ${JSON.stringify(id)}.`);
  }
  const scenario = scenarios.find((candidate) => candidate.id === id);
  if (scenario) return scenario;
  const suggestion = closestId(
    id,
    scenarios.map((candidate) => candidate.id),
  );
  throw new UnknownScenarioError(
    `${where}: unknown scenario id "${id}".` +
      (suggestion ? ` Did you mean "${suggestion}"?` : '') +
      ` Scenario ids are listed in src/scenarios/catalog.ts.`,
  );
}
