import { closestId, scenarios, type Scenario } from 'kms-custom-key-store-mock/scenarios';

export { closestId };

/**
 * Thrown while rendering a page that names a scenario the catalog does not have, or none at all.
 * Astro reports it with the page being built, so a typo in an `id` prop or in the frontmatter
 * fails the build instead of shipping a page with holes in it.
 */
export class UnknownScenarioError extends Error {
  override name = 'UnknownScenarioError';
}

const describeComponent = (component: string, page: string | undefined) => `<${component}>${page ? ` on ${page}` : ''}`;

/** Looks a scenario up for a component; `component` and `page` only make the error readable. */
export function requireScenario(id: unknown, component: string, page?: string): Scenario {
  const where = describeComponent(component, page);
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
      ` Scenario ids are listed in src/mock/scenarios/catalog.ts.`,
  );
}

/** The props every scenario component takes. */
export interface ScenarioProps {
  /** The catalog scenario to show; by default the one the page's frontmatter names. */
  id?: string;
}

/** What a scenario component's `Astro` global tells it about where it is rendered. */
export interface ScenarioComponentContext {
  props: Readonly<ScenarioProps>;
  url: URL;
  /** Starlight's route data for the page; read only when there is no `id` prop. */
  locals: { readonly starlightRoute: { readonly entry: { readonly data: { readonly scenario?: string | undefined } } } };
}

/**
 * The scenario a component shows: the one its `id` prop names or, without one, the one its page's
 * frontmatter names (`scenario: <id>`), so that a scenario page writes `<Symptom />`.
 */
export function scenarioFor(component: string, { props, url, locals }: ScenarioComponentContext): Scenario {
  const page = url.pathname;
  const id = props.id ?? locals.starlightRoute.entry.data.scenario;
  if (id === undefined) {
    throw new UnknownScenarioError(
      `${describeComponent(component, page)} does not know which scenario to show: the page's frontmatter names none. ` +
        `Add \`scenario: <id>\` to the frontmatter of a scenario page, or give the component an \`id\` prop.`,
    );
  }
  return requireScenario(id, component, page);
}
