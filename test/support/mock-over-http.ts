/**
 * The mock's HTTP endpoint for tests: `start()` serves a fresh mock on a free loopback port and
 * gives a real `KMSClient` pointed at it (`endpoint: server.url`); each server closes after its test.
 */
import { afterEach } from 'vitest';
import { startKmsMockServer, type KmsMockServer, type KmsMockServerOptions } from 'kms-custom-key-store-mock/node';
import { getScenario } from 'kms-custom-key-store-mock/scenarios';
import { fastClient } from './kms-client';
import type { TestMockOptions } from './mock-options';

export type HttpMockOptions = TestMockOptions & Omit<KmsMockServerOptions, 'scenario' | 'world'>;

/** Starts a server for one test (port 0, loopback); it is closed after the test. */
export function useKmsHttpServer() {
  const open: KmsMockServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return {
    async serve({ scenario, ...options }: HttpMockOptions = {}): Promise<KmsMockServer> {
      const server = await startKmsMockServer({
        port: 0,
        resolveScenario: getScenario,
        ...options,
        ...(scenario ? { scenario: getScenario(scenario) } : {}),
      });
      open.push(server);
      return server;
    },
    async start(options: HttpMockOptions = {}) {
      const server = await this.serve(options);
      return { server, mock: server.mock, client: fastClient({ endpoint: server.url }) };
    },
  };
}
