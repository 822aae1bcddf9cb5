import { scenarios } from '~/scenarios/catalog';
import type { Scenario } from '~/scenarios/types';

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

/** The known id nearest to `id` by edit distance, when it is near enough to be a likely typo. */
export function closestId(id: string, knownIds: readonly string[]): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const known of knownIds) {
    const distance = editDistance(id, known);
    if (!best || distance < best.distance) best = { id: known, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(id.length / 3)) ? best.id : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
