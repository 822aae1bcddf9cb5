/**
 * The scenario catalog's entry: every failure the site explains, as data, and lookups by id.
 * A scenario object goes straight into the mock: `createKmsMock({ scenario: getScenario(id) })`.
 */
export { GROUP_LABELS, findScenario, getScenario, scenarios } from './catalog.ts';
export { closestId } from './closest-id.ts';
export { DOCS_SITE_URL, isPlaceholderDocsUrl, scenarioPagePath } from './page-path.ts';
export { sampleEnvironment, scenarioStoreId } from './sample-environment.ts';
export type * from './types.ts';
