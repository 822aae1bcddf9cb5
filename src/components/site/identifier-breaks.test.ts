import { describe, expect, it } from 'vitest';
import { identifierBreakPieces } from './identifier-breaks';

describe('identifierBreakPieces', () => {
  it('splits a long camelCase name where its words meet, and keeps the rest of the title whole', () => {
    expect(identifierBreakPieces('CustomKeyStoreInvalidStateException, explained')).toEqual([
      'Custom',
      'Key',
      'Store',
      'Invalid',
      'State',
      'Exception, explained',
    ]);
  });

  it('splits a long error code after its underscores', () => {
    expect(identifierBreakPieces("'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND': the service name")).toEqual([
      "'XKS_",
      'VPC_',
      'ENDPOINT_',
      'SERVICE_',
      'NOT_',
      "FOUND': the service name",
    ]);
  });

  it('splits a shorter word of capitals, which is as wide as a longer one in lower case', () => {
    expect(identifierBreakPieces('NETWORK_ERRORS: the network failed')).toEqual(['NETWORK_', 'ERRORS: the network failed']);
  });

  it('leaves short words, acronyms and titles without identifiers as they are', () => {
    expect(identifierBreakPieces('Diagnose a pasted error')).toEqual(['Diagnose a pasted error']);
    expect(identifierBreakPieces('CreateKey in a new key store')).toEqual(['CreateKey in a new key store']);
    expect(identifierBreakPieces('KMSInternalException after')).toEqual(['KMSInternal', 'Exception after']);
  });

  it('splits only the words at least as long as it is asked to', () => {
    const facts = 'ConnectionState FAILED, ConnectionErrorCode XKS_PROXY_TIMED_OUT';
    expect(identifierBreakPieces(facts, 22)).toEqual([facts]);
    expect(identifierBreakPieces('XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND', 22)).toHaveLength(6);
  });

  it('gives back the title unchanged when the pieces are joined', () => {
    const title = 'ConnectCustomKeyStore on a FAILED store: INSUFFICIENT_CLOUDHSM_HSMS  again';
    expect(identifierBreakPieces(title).join('')).toBe(title);
  });
});
