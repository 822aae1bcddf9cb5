/**
 * The mock's error registry against the SDK: every error class of @aws-sdk/client-kms has a row,
 * and the row's fault is the class's `$fault`, which is what a caller's retry logic reads.
 */
import * as kms from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { EXCEPTIONS, type ExceptionName } from 'kms-custom-key-store-mock/core';

const sdkErrors = Object.entries(kms).flatMap(([name, value]) =>
  typeof value === 'function' && value.prototype instanceof kms.KMSServiceException
    ? [{ name, fault: new (value as typeof kms.KMSServiceException)({ name, $fault: 'client', $metadata: {} }).$fault }]
    : [],
);

describe('EXCEPTIONS', () => {
  it('has a row for every error class of the SDK, with the fault the SDK gives it', () => {
    expect(sdkErrors.length).toBeGreaterThan(40);
    for (const { name, fault } of sdkErrors) {
      expect(EXCEPTIONS, name).toHaveProperty(name);
      expect(EXCEPTIONS[name as ExceptionName].fault, name).toBe(fault);
    }
  });

  it('answers client faults with 400 (403 for a missing or unknown access key) and server faults with a 5xx status', () => {
    const forbidden = ['MissingAuthenticationTokenException', 'UnrecognizedClientException'];
    for (const [name, { fault, status }] of Object.entries(EXCEPTIONS)) {
      if (fault === 'client') expect(status, name).toBe(forbidden.includes(name) ? 403 : 400);
      else expect(status, name).toBeGreaterThanOrEqual(500);
    }
  });

  it('is the type of every error name, so a misspelt one does not compile', () => {
    // @ts-expect-error: a misspelt name is not an ExceptionName (npm run typecheck fails without this line's error).
    const misspelt: ExceptionName = 'CustomKeyStoreInvalidStateExeption';
    expect(Object.hasOwn(EXCEPTIONS, misspelt)).toBe(false);
  });
});
