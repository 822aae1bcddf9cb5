/**
 * createKmsMock: a stateful mock of AWS KMS custom key stores, with MSW request handlers;
 * everything framework-free is re-exported from `./core`. The package's main entry (index.ts) adds
 * the scenario catalog. The Node server builds on `./mock.ts` beside this module, not on it, so it
 * loads neither MSW nor the catalog.
 *
 * @example
 * const mock = createKmsMock({ scenario: getScenario('user-logged-in') });
 * const server = setupServer(...mock.handlers);
 * server.listen({ onUnhandledFrame: 'error' });
 */
import { createSimulatedMock, type KmsMockOptions } from './mock.ts';
import { createKmsHandlers } from './msw/handlers.ts';

export { createFetchResponder, isDroppedConnection, type FetchResponder } from './fetch/fetch-responder.ts';

export { createMockRequestHandler } from './msw/request-handler.ts';

export * from './core/index.ts';

export { createSimulatedMock, type KmsMockOptions, type SimulatedMock } from './mock.ts';

/** The mock with MSW request handlers for every KMS and CloudHSM endpoint (any Region, FIPS too). */
export function createKmsMock(options: KmsMockOptions = {}) {
  const mock = createSimulatedMock(options);
  // Assigned onto the mock rather than spread into a new object, which would freeze the `requests` getter.
  return Object.assign(mock, {
    /** MSW handlers for every KMS endpoint (any Region, FIPS too): `setupServer(...mock.handlers)`. */
    handlers: createKmsHandlers(mock.handle),
  });
}

export type KmsMock = ReturnType<typeof createKmsMock>;
