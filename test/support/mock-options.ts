/** The mock's options as tests give them, in process and over HTTP alike. */
import type { KmsMockOptions } from 'kms-custom-key-store-mock';
import { createSimulatedClock, type Clock } from 'kms-custom-key-store-mock/core';

/** The mock's options, with a scenario named by its catalog id. */
export type TestMockOptions = Omit<KmsMockOptions, 'scenario'> & { scenario?: string };

/**
 * A simulated clock that stands still unless the test moves it (`mock.advanceTime`): what a test
 * sees does not depend on how loaded the machine is.
 */
export const frozenClock = (): Clock => createSimulatedClock({ realNow: () => 0 });
