import { DescribeCustomKeyStoresCommand, DisconnectCustomKeyStoreCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import type { KmsMock } from 'kms-custom-key-store-mock';
import { WORLD_IDS } from 'kms-custom-key-store-mock/core';
import type { FromWorker } from '../../../src/playground/protocol';
import { createPanelNews } from '../../../src/playground/worker/panel-news';
import { useMockBehindMsw } from '../../support/mock-behind-msw';

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A run's messages in the order the page receives them, wired as the run worker wires them: the
 * mock's news through `createPanelNews`, the program's output posted as it happens.
 */
function runMessages(mock: KmsMock) {
  const sent: FromWorker[] = [];
  const post = (message: FromWorker) => sent.push(message);
  const news = createPanelNews(post);
  mock.subscribe((event) => (event.type === 'request' ? news.request(event.record) : news.world(event.world)));
  const printed = (note: string) => post({ type: 'program', event: { type: 'truncated', note } });
  return { sent, news, printed, kinds: () => sent.map((message) => message.type) };
}

describe("the run worker's panel news", () => {
  const msw = useMockBehindMsw();
  const storeId = WORLD_IDS.cloudHsmStoreId;

  it('lets the line a program prints after a call reach the page before that call’s request row and world', async () => {
    const { mock, client } = msw.start({ scenario: 'healthy' });
    const run = runMessages(mock);
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
    run.printed('disconnect accepted');
    expect(run.kinds()).toEqual(['program']);
    await nextTask();
    expect(run.kinds()).toEqual(['program', 'request', 'world']);
    const request = run.sent.find((message) => message.type === 'request');
    expect(request?.type === 'request' && request.record.operation).toBe('DisconnectCustomKeyStore');
  });

  it('sends every request, and of the worlds a step makes only the newest', async () => {
    const { mock, client } = msw.start({ scenario: 'healthy' });
    const run = runMessages(mock);
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
    await client.send(new DescribeCustomKeyStoresCommand({}));
    await nextTask();
    const sentBefore = run.sent.length;
    const before = mock.snapshot();
    run.news.world({ ...before, now: before.now + 1 });
    run.news.world(before);
    await nextTask();
    expect(
      run.sent
        .filter((message) => message.type === 'request')
        .map((message) => message.type === 'request' && message.record.operation),
    ).toEqual(['DisconnectCustomKeyStore', 'DescribeCustomKeyStores']);
    // Two worlds in one step: one message, the newer.
    expect(run.sent.slice(sentBefore)).toEqual([{ type: 'world', world: before }]);
  });

  it('sends what is pending at once when flushed, as before the run’s end, and never twice', async () => {
    const { mock, client } = msw.start({ scenario: 'healthy' });
    const run = runMessages(mock);
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
    run.news.flush();
    expect(run.kinds()).toEqual(['request', 'world']);
    await nextTask();
    expect(run.kinds()).toEqual(['request', 'world']);
  });
});
