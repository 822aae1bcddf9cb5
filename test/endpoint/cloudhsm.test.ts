/**
 * CloudHSM (`cloudhsmv2`, JSON 1.1, `BaldrApiService.<Operation>`) over the mock's HTTP endpoint,
 * with raw requests (no CloudHSM SDK client is installed here): DescribeClusters shows the world's
 * clusters, CreateHsm and DeleteHsm change the same world KMS connects to.
 */
import { ConnectCustomKeyStoreCommand, DisconnectCustomKeyStoreCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { WORLD_IDS } from 'kms-custom-key-store-mock/core';
import { describeStore } from 'kms-custom-key-store-mock/driver';
import { useKmsHttpServer } from '../support/mock-over-http';
import { awsJson } from '../support/raw-http';

const kit = useKmsHttpServer();
const CLUSTER = WORLD_IDS.clusterId;

describe('DescribeClusters', () => {
  it("lists the world's clusters with their HSMs, subnet mapping and state", async () => {
    const server = await kit.serve({ scenario: 'healthy' });
    const { status, headers, json } = await awsJson(server.url, 'BaldrApiService.DescribeClusters');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/x-amz-json-1.1');
    const world = server.mock.snapshot();
    expect(json.Clusters.map((c: { ClusterId: string }) => c.ClusterId)).toEqual(world.clusters.map((c) => c.id));
    const cluster = json.Clusters[0];
    const modelled = world.clusters[0]!;
    expect(cluster.State).toBe(modelled.state);
    expect(
      cluster.Hsms.map((h: { HsmId: string; AvailabilityZone: string; SubnetId: string; State: string }) => [
        h.HsmId,
        h.AvailabilityZone,
        h.SubnetId,
        h.State,
      ]),
    ).toEqual(modelled.hsms.map((h) => [h.id, h.availabilityZone, h.subnetId, 'ACTIVE']));
    expect(cluster.SubnetMapping).toEqual(Object.fromEntries(modelled.subnets.map((s) => [s.availabilityZone, s.id])));
    expect(cluster.Hsms[0].EniId).toMatch(/^eni-/);
    expect(cluster.Hsms[0].EniIp).toMatch(/^10\.0\.\d+\.\d+$/);
  });

  it('honours the clusterIds filter', async () => {
    const server = await kit.serve({ scenario: 'healthy' });
    const only = await awsJson(server.url, 'BaldrApiService.DescribeClusters', { Filters: { clusterIds: [CLUSTER] } });
    expect(only.json.Clusters.map((c: { ClusterId: string }) => c.ClusterId)).toEqual([CLUSTER]);
    const none = await awsJson(server.url, 'BaldrApiService.DescribeClusters', {
      Filters: { clusterIds: ['cluster-nothinghere2'] },
    });
    expect(none.json.Clusters).toEqual([]);
  });

  it('rejects an unknown filter and a filter that is not a list', async () => {
    const server = await kit.serve({ scenario: 'healthy' });
    const unknown = await awsJson(server.url, 'BaldrApiService.DescribeClusters', { Filters: { colour: ['blue'] } });
    expect([unknown.status, unknown.json.__type]).toEqual([400, 'CloudHsmInvalidRequestException']);
    const notList = await awsJson(server.url, 'BaldrApiService.DescribeClusters', { Filters: { clusterIds: CLUSTER } });
    expect([notList.status, notList.json.__type]).toEqual([400, 'SerializationException']);
  });
});

describe('CreateHsm and DeleteHsm', () => {
  it('repair insufficient-cloudhsm-hsms through the API: CreateHsm, then the store connects', async () => {
    const { server, client } = await kit.start({ scenario: 'insufficient-cloudhsm-hsms' });
    const storeId = server.mock.snapshot().stores.find((s) => s.cloudHsmClusterId === CLUSTER)!.id;
    const zone = server.mock.snapshot().clusters[0]!.subnets[0]!.availabilityZone;
    const created = await awsJson(server.url, 'BaldrApiService.CreateHsm', { ClusterId: CLUSTER, AvailabilityZone: zone });
    expect(created.status).toBe(200);
    expect(created.json.Hsm).toMatchObject({ ClusterId: CLUSTER, AvailabilityZone: zone, State: 'CREATE_IN_PROGRESS' });
    const listed = await awsJson(server.url, 'BaldrApiService.DescribeClusters', { Filters: { clusterIds: [CLUSTER] } });
    expect(listed.json.Clusters[0].Hsms.map((h: { HsmId: string }) => h.HsmId)).toContain(created.json.Hsm.HsmId);

    if ((await describeStore(client, storeId))?.ConnectionState === 'FAILED')
      await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
    await server.mock.advanceTime(60_000);
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
    server.mock.advanceTime(30 * 60_000);
    expect((await describeStore(client, storeId))?.ConnectionState).toBe('CONNECTED');
  });

  it('DeleteHsm removes the HSM named by HsmId, EniId or EniIp', async () => {
    const server = await kit.serve({ scenario: 'healthy' });
    const before = (await awsJson(server.url, 'BaldrApiService.DescribeClusters')).json.Clusters[0].Hsms;
    expect(before.length).toBeGreaterThanOrEqual(2);
    const byId = await awsJson(server.url, 'BaldrApiService.DeleteHsm', { ClusterId: CLUSTER, HsmId: before[0].HsmId });
    expect(byId.json).toEqual({ HsmId: before[0].HsmId });
    const byEni = await awsJson(server.url, 'BaldrApiService.DeleteHsm', { ClusterId: CLUSTER, EniId: before[1].EniId });
    expect(byEni.json).toEqual({ HsmId: before[1].HsmId });
    expect(server.mock.snapshot().clusters[0]!.hsms.map((h) => h.id)).not.toContain(before[1].HsmId);
    const again = await awsJson(server.url, 'BaldrApiService.DeleteHsm', { ClusterId: CLUSTER, HsmId: before[0].HsmId });
    expect([again.status, again.json.__type]).toEqual([400, 'CloudHsmResourceNotFoundException']);
  });

  it("answers bad input in the service's terms and leaves the world as it was", async () => {
    const server = await kit.serve({ scenario: 'healthy' });
    const before = server.mock.snapshot().clusters;
    const cases: Array<[string, unknown, string]> = [
      ['CreateHsm', { ClusterId: CLUSTER }, 'ValidationException'],
      ['CreateHsm', { ClusterId: CLUSTER, AvailabilityZone: 'mars-north-1z' }, 'ValidationException'],
      ['CreateHsm', { ClusterId: CLUSTER, AvailabilityZone: 'us-west-2a' }, 'CloudHsmInvalidRequestException'],
      ['CreateHsm', { ClusterId: 'cluster-nothinghere2', AvailabilityZone: 'eu-west-1a' }, 'CloudHsmResourceNotFoundException'],
      ['DeleteHsm', { ClusterId: CLUSTER }, 'CloudHsmInvalidRequestException'],
      ['DeleteHsm', { ClusterId: 42 }, 'SerializationException'],
      ['DescribeBackups', {}, 'MockNotImplementedException'],
    ];
    for (const [operation, body, type] of cases) {
      const answer = await awsJson(server.url, `BaldrApiService.${operation}`, body);
      expect(answer.json.__type, `${operation} ${JSON.stringify(body)}`).toBe(type);
    }
    expect(server.mock.snapshot().clusters).toEqual(before);
  });
});
