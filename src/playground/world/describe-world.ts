/**
 * What the World panel shows, as plain data: each custom key store with its connection state,
 * the facts about its backing cluster or proxy that decide whether it can connect, what the next
 * connection attempt would end in, and its keys as KMS reports them.
 */
import type { CloudHsmCluster, ConnectionErrorCode, ConnectionState, CustomKeyStore, KeyState, WorldState, XksProxy } from '../../mock';
import {
  CLUSTER_PROBLEM_CODES,
  XKS_PROBLEMS,
  clusterConnectProblem,
  findCluster,
  proxyFor,
  xksConnectProblem,
} from '../../mock/core/backing';
import { effectiveKeyState, KMSUSER_LOCKOUT_THRESHOLD, XKS_PROXY_TIMEOUT_MS } from '../../mock/core';

export interface Fact {
  text: string;
  ok: boolean;
}

export interface StoreView {
  id: string;
  name: string;
  typeLabel: string;
  state: ConnectionState;
  errorCode?: ConnectionErrorCode;
  backing: { title: string; facts: Fact[] };
  /** What ConnectCustomKeyStore would end in if it ran against the world as it is now. */
  nextConnect: ConnectionErrorCode | 'CONNECTED';
  keys: Array<{ id: string; state: KeyState }>;
}

export interface WorldView {
  stores: StoreView[];
  /** Keys outside custom key stores (the ordinary AWS_KMS key). */
  otherKeys: Array<{ id: string; state: KeyState }>;
}

export function describeWorld(world: WorldState): WorldView {
  return {
    stores: world.stores.map((store) => describeStore(world, store)),
    otherKeys: world.keys.filter((k) => !k.customKeyStoreId).map((k) => ({ id: k.keyId, state: effectiveKeyState(world, k) })),
  };
}

function describeStore(world: WorldState, store: CustomKeyStore): StoreView {
  const cloudHsm = store.type === 'AWS_CLOUDHSM';
  const problemCode = cloudHsm ? codeOfClusterProblem(world, store) : codeOfXksProblem(world, store);
  return {
    id: store.id,
    name: store.name,
    typeLabel: cloudHsm ? 'AWS CloudHSM key store' : 'External key store',
    state: store.connectionState,
    ...(store.connectionErrorCode ? { errorCode: store.connectionErrorCode } : {}),
    backing: cloudHsm ? describeCluster(world, store) : describeProxy(world, store),
    nextConnect: problemCode ?? 'CONNECTED',
    keys: world.keys.filter((k) => k.customKeyStoreId === store.id).map((k) => ({ id: k.keyId, state: effectiveKeyState(world, k) })),
  };
}

function codeOfClusterProblem(world: WorldState, store: CustomKeyStore): ConnectionErrorCode | undefined {
  const problem = clusterConnectProblem(world, store);
  return problem && CLUSTER_PROBLEM_CODES[problem];
}

function codeOfXksProblem(world: WorldState, store: CustomKeyStore): ConnectionErrorCode | undefined {
  const problem = xksConnectProblem(world, store);
  return problem && XKS_PROBLEMS[problem].code;
}

function describeCluster(world: WorldState, store: CustomKeyStore): StoreView['backing'] {
  const cluster: CloudHsmCluster | undefined = findCluster(world, store.cloudHsmClusterId);
  const title = `CloudHSM cluster ${store.cloudHsmClusterId ?? '(none)'}`;
  if (!cluster) return { title, facts: [{ text: 'Cluster not found (deleted?)', ok: false }] };
  const zones = new Set(cluster.hsms.map((h) => h.availabilityZone));
  const user = cluster.kmsUser;
  const facts: Fact[] = [
    { text: `State ${cluster.state}`, ok: cluster.state === 'ACTIVE' },
    { text: `${cluster.hsms.length} HSM${cluster.hsms.length === 1 ? '' : 's'} in ${zones.size} Availability Zone${zones.size === 1 ? '' : 's'}`, ok: zones.size >= 2 },
    { text: cluster.subnets.every((s) => s.exists) ? 'Subnets exist' : 'A subnet was deleted', ok: cluster.subnets.every((s) => s.exists) },
    {
      text: `Free IP addresses per subnet: ${cluster.subnets.map((s) => s.freeAddresses).join(', ')}`,
      ok: cluster.subnets.every((s) => s.freeAddresses > 0),
    },
    { text: cluster.securityGroupValid ? 'Security group allows TCP 2223-2225' : 'Security group blocks TCP 2223-2225', ok: cluster.securityGroupValid },
    { text: world.network.cloudHsmReachable ? 'Network path from KMS is up' : 'Network path from KMS is broken', ok: world.network.cloudHsmReachable },
    { text: kmsUserText(user, store), ok: user.exists && !user.lockedOut && !user.loggedInElsewhere && user.password === store.keyStorePassword },
  ];
  if (world.network.kmsInternalErrorsOnConnect > 0) facts.push({ text: 'KMS has a transient internal error', ok: false });
  return { title, facts };
}

function kmsUserText(user: CloudHsmCluster['kmsUser'], store: CustomKeyStore): string {
  if (!user.exists) return 'kmsuser does not exist';
  if (user.lockedOut) return 'kmsuser is locked out';
  if (user.loggedInElsewhere) return 'kmsuser is logged in elsewhere';
  if (user.password !== store.keyStorePassword) {
    return `kmsuser password differs from the store's KeyStorePassword (${user.failedLoginAttempts}/${KMSUSER_LOCKOUT_THRESHOLD} failed logins)`;
  }
  return 'kmsuser ready, password matches';
}

function describeProxy(world: WorldState, store: CustomKeyStore): StoreView['backing'] {
  const settings = store.xks;
  const proxy: XksProxy | undefined = proxyFor(world, store);
  const facts: Fact[] = [];
  if (settings?.connectivity === 'VPC_ENDPOINT_SERVICE') {
    const service = world.vpcEndpointServices.find((s) => s.name === settings.vpcEndpointServiceName);
    facts.push(
      { text: service?.visibleToKms ? 'VPC endpoint service visible to KMS' : 'KMS cannot see the VPC endpoint service', ok: Boolean(service?.visibleToKms) },
      { text: service?.configurationValid ? 'Endpoint service configuration valid' : 'Endpoint service configuration invalid', ok: Boolean(service?.configurationValid) },
    );
  }
  const title = `XKS proxy ${settings?.uriEndpoint ?? '(none)'}${settings?.uriPath ?? ''}`;
  if (!proxy) return { title, facts: [...facts, { text: 'No proxy at this endpoint', ok: false }] };
  facts.push(
    { text: proxy.reachable && proxy.keyManagerAvailable ? 'Proxy and key manager up' : 'Proxy or its key manager down', ok: proxy.reachable && proxy.keyManagerAvailable },
    { text: world.network.xksNetworkErrors ? 'Network errors on the path from KMS' : 'Network path from KMS is up', ok: !world.network.xksNetworkErrors },
    { text: proxy.tlsValid ? 'TLS certificate valid' : 'TLS certificate invalid', ok: proxy.tlsValid },
    { text: `Latency ${proxy.latencyMs} ms (KMS waits ${XKS_PROXY_TIMEOUT_MS} ms)`, ok: proxy.latencyMs <= XKS_PROXY_TIMEOUT_MS },
    { text: proxy.uriPath === settings?.uriPath ? 'Serves the store’s URI path' : `Serves ${proxy.uriPath}, not the store’s path`, ok: proxy.uriPath === settings?.uriPath },
    {
      text: proxy.credential.accessKeyId === settings?.accessKeyId && proxy.credential.secretAccessKey === settings.secretAccessKey
        ? 'Accepts the store’s proxy credential'
        : 'Rejects the store’s proxy credential',
      ok: proxy.credential.accessKeyId === settings?.accessKeyId && proxy.credential.secretAccessKey === settings.secretAccessKey,
    },
    { text: proxy.authorizesKms ? 'Authorization rules allow KMS' : 'Authorization rules deny KMS', ok: proxy.authorizesKms },
    { text: proxy.responsesValid ? 'Answers follow the XKS Proxy API' : 'Answers break the XKS Proxy API', ok: proxy.responsesValid },
  );
  return { title, facts };
}
