/** The package's main entry starts the mock from a catalog scenario named by its id. */
import { describe, expect, it } from 'vitest';
import { createKmsMock } from 'kms-custom-key-store-mock';

describe('createKmsMock from the main entry', () => {
  it('takes a scenario id', () => {
    const mock = createKmsMock({ scenario: 'user-locked-out' });
    const cluster = mock.snapshot().clusters[0];
    expect(cluster?.kmsUser.lockedOut).toBe(true);
  });

  it('refuses an unknown id, naming the nearest one', () => {
    expect(() => createKmsMock({ scenario: 'user-lockd-out' })).toThrow(
      /Unknown scenario "user-lockd-out"\. Did you mean "user-locked-out"\?/,
    );
  });
});
