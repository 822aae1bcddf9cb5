/**
 * `kms-custom-key-store-mock`, the package's main entry: the mock (`createKmsMock`, its MSW
 * handlers, the framework-free core) and the scenario catalog it is driven by. No Astro, no DOM.
 * Other entries: `/core` (no MSW), `/scenarios` (the catalog alone), `/driver` (run a scenario's
 * trigger and fix steps with a KMSClient), `/node` (the HTTP server).
 *
 * @example
 * const mock = createKmsMock({ scenario: getScenario('user-logged-in') });
 * const server = setupServer(...mock.handlers);
 * server.listen({ onUnhandledFrame: 'error' });
 */
export * from './index.ts';
export { GROUP_LABELS, closestId, findScenario, getScenario, scenarioPagePath, scenarios } from './scenarios/index.ts';
export type * from './scenarios/types.ts';
