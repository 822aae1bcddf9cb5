/**
 * `kms-custom-key-store-mock`, the package's main entry: the mock (`createKmsMock`, its MSW
 * handlers, the framework-free core) and the scenario catalog it is driven by. No Astro, no DOM.
 * Other entries: `/core` (no MSW), `/scenarios` (the catalog alone), `/driver` (run a scenario's
 * trigger and fix steps with a KMSClient), `/node` (the HTTP server).
 *
 * @example
 * const mock = createKmsMock({ scenario: 'user-logged-in' });
 * const server = setupServer(...mock.handlers);
 * server.listen({ onUnhandledFrame: 'error' });
 */
import { createKmsMock as createMockOfSetup, type KmsMock, type KmsMockOptions as SetupOptions } from './create-kms-mock.ts';
import { getScenario } from './scenarios/index.ts';

export * from './create-kms-mock.ts';
export { GROUP_LABELS, closestId, findScenario, getScenario, scenarioPagePath, scenarios } from './scenarios/index.ts';
export type * from './scenarios/types.ts';

export interface KmsMockOptions extends Omit<SetupOptions, 'scenario'> {
  /**
   * The scenario to start from: a catalog id such as `'user-locked-out'` (an unknown id throws,
   * naming the nearest one), or an object with `world()` and `faults` such as a catalog entry.
   * Default: an empty account with a healthy CloudHSM cluster and XKS proxy.
   */
  scenario?: string | SetupOptions['scenario'];
}

/** The mock, started from a catalog scenario given by id or by entry (see {@link KmsMockOptions}). */
export function createKmsMock(options: KmsMockOptions = {}): KmsMock {
  const { scenario, ...rest } = options;
  return createMockOfSetup({
    ...rest,
    ...(scenario === undefined ? {} : { scenario: typeof scenario === 'string' ? getScenario(scenario) : scenario }),
  });
}
