/**
 * The fetch adapter on its own, as code that intercepts `fetch` itself calls it (the playground's
 * run worker does): which requests it answers, and the answers a fetch caller reads.
 */
import { describe, expect, it } from 'vitest';
import { createFetchResponder, createSimulatedMock, getScenario, isDroppedConnection } from 'kms-custom-key-store-mock';

function responderFor(scenario = 'healthy') {
  const mock = createSimulatedMock({ scenario: getScenario(scenario) });
  return { mock, responder: createFetchResponder(mock.handle) };
}

function kmsRequest(target: string, body: string, url = 'https://kms.eu-west-1.amazonaws.com/') {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${target}` },
    body,
  });
}

describe('which requests it answers', () => {
  const { responder } = responderFor();

  it.each([
    'https://kms.eu-west-1.amazonaws.com/',
    'https://kms.us-gov-west-1.amazonaws.com',
    'https://kms-fips.us-east-1.amazonaws.com/',
    'https://cloudhsmv2.eu-west-1.amazonaws.com/',
  ])('a POST to %s', (url) => {
    expect(responder.answers(new Request(url, { method: 'POST', body: '{}' }))).toBe(true);
  });

  it.each([
    ['a GET to a KMS endpoint', new Request('https://kms.eu-west-1.amazonaws.com/')],
    ['a POST to a path below the root', new Request('https://kms.eu-west-1.amazonaws.com/keys', { method: 'POST' })],
    ['a POST to another host', new Request('https://kms.eu-west-1.example.com/', { method: 'POST' })],
  ])('not %s', (_, request) => {
    expect(responder.answers(request)).toBe(false);
  });

  it('answers each URL for itself when a client alternates between an endpoint and another host', () => {
    const kms = () => new Request('https://kms.eu-west-1.amazonaws.com/', { method: 'POST' });
    const other = () => new Request('https://example.com/', { method: 'POST' });
    expect([kms(), kms(), other(), other(), kms()].map((request) => responder.answers(request))).toEqual([
      true,
      true,
      false,
      false,
      true,
    ]);
  });
});

describe('the answers a fetch caller reads', () => {
  it('a KMS answer: status, AWS JSON 1.1 headers and body', async () => {
    const { responder } = responderFor();
    const response = await responder.respond(kmsRequest('DescribeCustomKeyStores', '{}'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as { CustomKeyStores: { ConnectionState: string }[] };
    expect(body.CustomKeyStores.length).toBeGreaterThan(0);
    expect(isDroppedConnection(response)).toBe(false);
  });

  it('an error answer, as KMS sends it', async () => {
    const { responder } = responderFor();
    const response = await responder.respond(
      kmsRequest('ConnectCustomKeyStore', JSON.stringify({ CustomKeyStoreId: 'cks-00000000000000000' })),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('CustomKeyStoreNotFoundException');
  });

  it('a malformed body gets the service error answer, and the mock keeps answering', async () => {
    const { responder } = responderFor();
    const broken = await responder.respond(kmsRequest('DescribeCustomKeyStores', '{"Limit":'));
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { __type: string }).__type).toMatch(/Exception$/);
    expect((await responder.respond(kmsRequest('DescribeCustomKeyStores', '{}'))).status).toBe(200);
  });

  it('an injected dropped connection: recognisable, and its body fails as a reset socket does', async () => {
    const { mock, responder } = responderFor();
    mock.faults.inject({ kind: 'network-error', times: 1 });
    const dropped = await responder.respond(kmsRequest('DescribeCustomKeyStores', '{}'));
    expect(isDroppedConnection(dropped)).toBe(true);
    await expect(dropped.text()).rejects.toMatchObject({ code: 'ECONNRESET' });
    // Once only: the next request is answered.
    const next = await responder.respond(kmsRequest('DescribeCustomKeyStores', '{}'));
    expect(isDroppedConnection(next)).toBe(false);
    expect(next.status).toBe(200);
  });
});
