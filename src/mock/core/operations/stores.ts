/**
 * The custom key store management operations: Create, Describe, Connect, Disconnect, Update,
 * Delete. State rules come from the transition table; backing-store checks from backing.ts.
 */
import {
  cloudHsmSubject,
  immediateConnectProblem,
  liveCluster,
  problemAt,
  xksSubject,
  type CloudHsmSubject,
  type XksSubject,
} from '../backing.ts';
import { storeAsSeen } from '../consistency.ts';
import { defineOperation, epochSeconds, getStore, nextId, type EngineContext } from '../context.ts';
import { kmsError } from '../errors.ts';
import {
  CUSTOM_KEY_STORE_QUOTA,
  type CloudHsmCluster,
  type CustomKeyStore,
  type WorldState,
  type XksStoreSettings,
} from '../model.ts';
import { UPDATABLE_WHILE_CONNECTED, guardState, transition, type NewCustomKeyStore } from '../transitions.ts';
import {
  CLUSTER_ID,
  CUSTOM_KEY_STORE_ID,
  CUSTOM_KEY_STORE_NAME,
  KEY_STORE_PASSWORD,
  XKS_CONNECTIVITY,
  XKS_CREDENTIAL,
  XKS_URI_ENDPOINT,
  XKS_URI_PATH,
  XKS_VPC_SERVICE_NAME,
  requireMembers,
  type InputOf,
} from '../validation.ts';

/** The store as DescribeCustomKeyStores reports it (possibly an older view: see consistency.ts). */
function storeEntry(context: EngineContext, store: CustomKeyStore): Record<string, unknown> {
  const seen = storeAsSeen(context, store);
  const entry: Record<string, unknown> = {
    CustomKeyStoreId: store.id,
    CustomKeyStoreName: store.name,
    CustomKeyStoreType: store.type,
    ConnectionState: seen.connectionState,
    CreationDate: epochSeconds(store.creationDate),
  };
  // ConnectionErrorCode "appears in the response only when the ConnectionState is FAILED"
  // (https://docs.aws.amazon.com/kms/latest/APIReference/API_CustomKeyStoresListEntry.html).
  if (seen.connectionState === 'FAILED' && seen.connectionErrorCode) {
    entry['ConnectionErrorCode'] = seen.connectionErrorCode;
  }
  if (store.type === 'AWS_CLOUDHSM') {
    entry['CloudHsmClusterId'] = store.cloudHsmClusterId;
    entry['TrustAnchorCertificate'] = store.trustAnchorCertificate;
  } else if (store.xks) {
    entry['XksProxyConfiguration'] = {
      Connectivity: store.xks.connectivity,
      AccessKeyId: store.xks.accessKeyId,
      UriEndpoint: store.xks.uriEndpoint,
      UriPath: store.xks.uriPath,
      ...(store.xks.vpcEndpointServiceName ? { VpcEndpointServiceName: store.xks.vpcEndpointServiceName } : {}),
      ...(store.xks.vpcEndpointServiceOwner ? { VpcEndpointServiceOwner: store.xks.vpcEndpointServiceOwner } : {}),
    };
  }
  return entry;
}

/** KMS checks the backing key store before it creates or changes a store: the first problem throws. */
function assertBackingUsable(subject: CloudHsmSubject | XksSubject): void {
  const problem = problemAt(subject, 'management');
  if (problem) throw kmsError(problem.exception, problem.message);
}

/** The cluster a store may use: it exists, is active and meets the requirements. */
function usableCluster(world: WorldState, clusterId: string): CloudHsmCluster {
  assertBackingUsable(cloudHsmSubject(world, clusterId));
  return liveCluster(world, clusterId)!;
}

function assertNameFree(world: WorldState, name: string, exceptId?: string) {
  if (world.stores.some((s) => s.name === name && s.id !== exceptId)) {
    throw kmsError(
      'CustomKeyStoreNameInUseException',
      `The custom key store name ${name} is already in use in this account and Region.`,
    );
  }
}

/** Uniqueness rules for external key store endpoints, paths and VPC endpoint services. */
function assertXksSettingsUnique(world: WorldState, settings: XksStoreSettings, exceptId?: string) {
  for (const other of world.stores) {
    if (other.id === exceptId || !other.xks) continue;
    if (settings.vpcEndpointServiceName && other.xks.vpcEndpointServiceName === settings.vpcEndpointServiceName) {
      throw kmsError(
        'XksProxyVpcEndpointServiceInUseException',
        `VPC endpoint service ${settings.vpcEndpointServiceName} is already used by custom key store ${other.id}.`,
      );
    }
    if (other.xks.uriEndpoint === settings.uriEndpoint) {
      if (other.xks.uriPath === settings.uriPath) {
        throw kmsError(
          'XksProxyUriInUseException',
          `The proxy URI ${settings.uriEndpoint}${settings.uriPath} is already used by custom key store ${other.id}.`,
        );
      }
      if (settings.connectivity === 'VPC_ENDPOINT_SERVICE' || other.xks.connectivity === 'VPC_ENDPOINT_SERVICE') {
        throw kmsError(
          'XksProxyUriEndpointInUseException',
          `The proxy URI endpoint ${settings.uriEndpoint} is already used by custom key store ${other.id}.`,
        );
      }
    }
  }
}

/** GetHealthStatus with these settings; a failure becomes the matching XksProxy* exception. */
const assertProxyHealthy = (world: WorldState, settings: XksStoreSettings) => assertBackingUsable(xksSubject(world, settings));

/** The external key store proxy members Create and Update share. */
const XKS_PROXY_FIELDS = {
  XksProxyUriEndpoint: XKS_URI_ENDPOINT,
  XksProxyUriPath: XKS_URI_PATH,
  XksProxyVpcEndpointServiceName: XKS_VPC_SERVICE_NAME,
  XksProxyVpcEndpointServiceOwner: { type: 'string', min: 12, max: 12, pattern: /^\d{12}$/ },
  XksProxyAuthenticationCredential: XKS_CREDENTIAL,
  XksProxyConnectivity: XKS_CONNECTIVITY,
} as const;

type XksProxyInput = InputOf<typeof XKS_PROXY_FIELDS>;

/** The proxy members an external key store cannot do without. */
const ESSENTIAL_XKS_MEMBERS = [
  'XksProxyConnectivity',
  'XksProxyUriEndpoint',
  'XksProxyUriPath',
  'XksProxyAuthenticationCredential',
] as const;
type CompleteXksProxyInput = XksProxyInput & Required<Pick<XksProxyInput, (typeof ESSENTIAL_XKS_MEMBERS)[number]>>;

function xksSettingsFrom(input: CompleteXksProxyInput): XksStoreSettings {
  const connectivity = input.XksProxyConnectivity;
  const serviceName = input.XksProxyVpcEndpointServiceName;
  const serviceOwner = input.XksProxyVpcEndpointServiceOwner;
  return {
    connectivity,
    uriEndpoint: input.XksProxyUriEndpoint,
    uriPath: input.XksProxyUriPath,
    accessKeyId: input.XksProxyAuthenticationCredential.AccessKeyId,
    secretAccessKey: input.XksProxyAuthenticationCredential.RawSecretAccessKey,
    ...(connectivity === 'VPC_ENDPOINT_SERVICE' && serviceName ? { vpcEndpointServiceName: serviceName } : {}),
    ...(connectivity === 'VPC_ENDPOINT_SERVICE' && serviceOwner ? { vpcEndpointServiceOwner: serviceOwner } : {}),
  };
}

/** A store's proxy settings as the request members that set them, for Update to lay its members over. */
function proxyMembersOf(settings: XksStoreSettings): CompleteXksProxyInput {
  return {
    XksProxyConnectivity: settings.connectivity,
    XksProxyUriEndpoint: settings.uriEndpoint,
    XksProxyUriPath: settings.uriPath,
    XksProxyAuthenticationCredential: { AccessKeyId: settings.accessKeyId, RawSecretAccessKey: settings.secretAccessKey },
    ...(settings.vpcEndpointServiceName ? { XksProxyVpcEndpointServiceName: settings.vpcEndpointServiceName } : {}),
    ...(settings.vpcEndpointServiceOwner ? { XksProxyVpcEndpointServiceOwner: settings.vpcEndpointServiceOwner } : {}),
  };
}

/** For VPC_ENDPOINT_SERVICE connectivity, KMS checks only the endpoint service at creation; the proxy behind it at connect. */
function assertVpcEndpointServiceUsable(world: WorldState, settings: XksStoreSettings) {
  const problem = problemAt(xksSubject(world, settings), 'management', [
    'endpoint-service-not-found',
    'endpoint-service-invalid',
  ]);
  if (problem) throw kmsError(problem.exception, problem.message);
}

function assertBelowStoreQuota(world: WorldState) {
  if (world.stores.length >= CUSTOM_KEY_STORE_QUOTA) {
    throw kmsError(
      'LimitExceededException',
      `You have reached the quota of ${CUSTOM_KEY_STORE_QUOTA} custom key stores in this account and Region. This quota cannot be increased.`,
    );
  }
}

/** Adds a store, in the state the transition table gives new stores; returns its id. */
function addStore(context: EngineContext, { name, type, ...backing }: Omit<NewCustomKeyStore, 'id' | 'creationDate'>): string {
  const id = `cks-${nextId(context).toString(16).padStart(17, '0')}`;
  transition(context, { id, name, type, creationDate: context.now(), ...backing }, 'CreateCustomKeyStore');
  return id;
}

const createCustomKeyStore = defineOperation({
  input: {
    CustomKeyStoreName: { ...CUSTOM_KEY_STORE_NAME, required: true },
    CloudHsmClusterId: CLUSTER_ID,
    TrustAnchorCertificate: { type: 'string', min: 1, max: 5000 },
    KeyStorePassword: KEY_STORE_PASSWORD,
    CustomKeyStoreType: { type: 'string', enum: ['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] },
    ...XKS_PROXY_FIELDS,
  },
  run(context, input) {
    const { world } = context;
    const name = input.CustomKeyStoreName;

    if ((input.CustomKeyStoreType ?? 'AWS_CLOUDHSM') === 'AWS_CLOUDHSM') {
      requireMembers(
        input,
        ['CloudHsmClusterId', 'TrustAnchorCertificate', 'KeyStorePassword'],
        'required for an AWS CloudHSM key store',
      );
      const {
        CloudHsmClusterId: clusterId,
        TrustAnchorCertificate: trustAnchorCertificate,
        KeyStorePassword: keyStorePassword,
      } = input;
      // Idempotent re-create: identical properties and a disconnected store return the existing id.
      const twin = world.stores.find(
        (s) =>
          s.name === name &&
          s.type === 'AWS_CLOUDHSM' &&
          s.cloudHsmClusterId === clusterId &&
          s.trustAnchorCertificate === trustAnchorCertificate &&
          s.keyStorePassword === keyStorePassword &&
          s.connectionState === 'DISCONNECTED',
      );
      if (twin) return { CustomKeyStoreId: twin.id };
      assertNameFree(world, name);
      const cluster = usableCluster(world, clusterId);
      const sharing = world.stores.find((s) => {
        const other = liveCluster(world, s.cloudHsmClusterId);
        return s.cloudHsmClusterId === clusterId || (other && other.certificateLineage === cluster.certificateLineage);
      });
      if (sharing) {
        throw kmsError(
          'CloudHsmClusterInUseException',
          `AWS CloudHSM cluster ${clusterId} (or one that shares its backup history) is already associated with custom key store ${sharing.id}.`,
        );
      }
      if (trustAnchorCertificate !== cluster.trustAnchorCertificate) {
        throw kmsError(
          'IncorrectTrustAnchorException',
          `The trust anchor certificate is not the trust anchor certificate of AWS CloudHSM cluster ${clusterId}.`,
        );
      }
      assertBelowStoreQuota(world);
      const id = addStore(context, {
        name,
        type: 'AWS_CLOUDHSM',
        cloudHsmClusterId: clusterId,
        trustAnchorCertificate,
        keyStorePassword,
      });
      return { CustomKeyStoreId: id };
    }

    requireMembers(input, ESSENTIAL_XKS_MEMBERS, 'required for an external key store');
    if (input.XksProxyConnectivity === 'VPC_ENDPOINT_SERVICE') {
      requireMembers(input, ['XksProxyVpcEndpointServiceName'], 'required for VPC_ENDPOINT_SERVICE connectivity');
    }
    assertNameFree(world, name);
    assertBelowStoreQuota(world);
    const xks = xksSettingsFrom(input);
    assertXksSettingsUnique(world, xks);
    // A public-endpoint proxy must answer at creation time; VPC proxies are checked at connect.
    if (xks.connectivity === 'PUBLIC_ENDPOINT') assertProxyHealthy(world, xks);
    else assertVpcEndpointServiceUsable(world, xks);
    return { CustomKeyStoreId: addStore(context, { name, type: 'EXTERNAL_KEY_STORE', xks }) };
  },
});

/** Markers are opaque to callers; here they encode the offset into the list. */
const encodeMarker = (offset: number) => `cks-marker-${offset.toString(36)}`;
function decodeMarker(marker: string): number {
  const match = /^cks-marker-([0-9a-z]+)$/.exec(marker);
  if (!match?.[1])
    throw kmsError(
      'InvalidMarkerException',
      'The request was rejected because the marker that specifies where pagination should next begin is not valid.',
    );
  return parseInt(match[1], 36);
}

const describeCustomKeyStores = defineOperation({
  input: {
    CustomKeyStoreId: { type: 'string', min: 1, max: 64 },
    CustomKeyStoreName: CUSTOM_KEY_STORE_NAME,
    Limit: { type: 'integer', min: 1, max: 1000 },
    Marker: { type: 'string', min: 1, max: 1024, pattern: /^[\u0020-\u00FF]*$/ },
  },
  run(context, input) {
    const { CustomKeyStoreId: id, CustomKeyStoreName: name } = input;
    let stores = context.world.stores;
    if (id !== undefined || name !== undefined) {
      stores = stores.filter((s) => (id === undefined || s.id === id) && (name === undefined || s.name === name));
      if (stores.length === 0) {
        throw kmsError(
          'CustomKeyStoreNotFoundException',
          `No custom key store with ${id !== undefined ? `ID ${id}` : `name ${name}`} exists in this account and Region.`,
        );
      }
    }
    const offset = input.Marker === undefined ? 0 : decodeMarker(input.Marker);
    const limit = input.Limit ?? 1000;
    const page = stores.slice(offset, offset + limit);
    const truncated = offset + limit < stores.length;
    return {
      CustomKeyStores: page.map((store) => storeEntry(context, store)),
      Truncated: truncated,
      ...(truncated ? { NextMarker: encodeMarker(offset + limit) } : {}),
    };
  },
});

const connectCustomKeyStore = defineOperation({
  input: { CustomKeyStoreId: CUSTOM_KEY_STORE_ID },
  run(context, input) {
    const store = getStore(context, input.CustomKeyStoreId);
    if (guardState(context, 'ConnectCustomKeyStore', store) === 'no-op') return {};
    // Problems KMS detects at once: the call fails and the store stays DISCONNECTED.
    const immediate = immediateConnectProblem(context.world, store);
    if (immediate) throw kmsError(immediate.exception, immediate.message);
    transition(context, store, 'ConnectCustomKeyStore');
    return {};
  },
});

const disconnectCustomKeyStore = defineOperation({
  input: { CustomKeyStoreId: CUSTOM_KEY_STORE_ID },
  run(context, input) {
    const store = getStore(context, input.CustomKeyStoreId);
    guardState(context, 'DisconnectCustomKeyStore', store);
    transition(context, store, 'DisconnectCustomKeyStore');
    return {};
  },
});

const UPDATE_FIELDS = [
  'NewCustomKeyStoreName',
  'KeyStorePassword',
  'CloudHsmClusterId',
  'XksProxyUriEndpoint',
  'XksProxyUriPath',
  'XksProxyVpcEndpointServiceName',
  'XksProxyVpcEndpointServiceOwner',
  'XksProxyAuthenticationCredential',
  'XksProxyConnectivity',
] as const;
const CLOUDHSM_ONLY = ['KeyStorePassword', 'CloudHsmClusterId'];

const updateCustomKeyStore = defineOperation({
  input: {
    CustomKeyStoreId: CUSTOM_KEY_STORE_ID,
    NewCustomKeyStoreName: CUSTOM_KEY_STORE_NAME,
    KeyStorePassword: KEY_STORE_PASSWORD,
    CloudHsmClusterId: CLUSTER_ID,
    ...XKS_PROXY_FIELDS,
  },
  run(context, input) {
    const { world } = context;
    const store = getStore(context, input.CustomKeyStoreId);
    const changing = UPDATE_FIELDS.filter((field) => input[field] !== undefined);
    const wrongType = changing.filter(
      (f) => (store.type === 'AWS_CLOUDHSM') !== CLOUDHSM_ONLY.includes(f) && f !== 'NewCustomKeyStoreName',
    );
    if (wrongType.length > 0) {
      throw kmsError(
        'ValidationException',
        `${wrongType.join(', ')} cannot be used with a custom key store of type ${store.type}.`,
      );
    }
    if (guardState(context, 'UpdateCustomKeyStore', store) === 'partial') {
      const allowed = UPDATABLE_WHILE_CONNECTED[store.type];
      const refused = changing.filter((field) => !allowed.includes(field));
      if (refused.length > 0) {
        throw kmsError(
          'CustomKeyStoreInvalidStateException',
          `UpdateCustomKeyStore cannot change ${refused.join(', ')} while custom key store ${store.id} is CONNECTED; only ${allowed.join(', ')} can change in that state. Disconnect the custom key store first.`,
        );
      }
    }
    const newName = input.NewCustomKeyStoreName;
    if (newName !== undefined) assertNameFree(world, newName, store.id);

    if (store.type === 'AWS_CLOUDHSM') {
      const newClusterId = input.CloudHsmClusterId;
      if (newClusterId !== undefined && newClusterId !== store.cloudHsmClusterId) {
        const cluster = liveCluster(world, newClusterId);
        const current = world.clusters.find((c) => c.id === store.cloudHsmClusterId);
        if (!cluster) throw kmsError('CloudHsmClusterNotFoundException', `AWS CloudHSM cluster ${newClusterId} not found.`);
        if (current && cluster.certificateLineage !== current.certificateLineage) {
          throw kmsError(
            'CloudHsmClusterNotRelatedException',
            `AWS CloudHSM cluster ${newClusterId} does not share a backup history with ${current.id}.`,
          );
        }
        usableCluster(world, newClusterId);
        store.cloudHsmClusterId = newClusterId;
      }
      const password = input.KeyStorePassword;
      // Tells KMS the kmsuser password; it does not change the password in the cluster.
      if (password !== undefined) store.keyStorePassword = password;
    } else if (store.xks) {
      const next = xksSettingsFrom({ ...proxyMembersOf(store.xks), ...input });
      const proxyChanged = changing.some((f) => f.startsWith('Xks'));
      if (proxyChanged) {
        assertXksSettingsUnique(world, next, store.id);
        // KMS checks the proxy with the new values before accepting them.
        assertProxyHealthy(world, next);
        store.xks = next;
      }
    }
    if (newName !== undefined) store.name = newName;
    return {};
  },
});

const deleteCustomKeyStore = defineOperation({
  input: { CustomKeyStoreId: CUSTOM_KEY_STORE_ID },
  run(context, input) {
    const { world } = context;
    const store = getStore(context, input.CustomKeyStoreId);
    guardState(context, 'DeleteCustomKeyStore', store);
    const keys = world.keys.filter((k) => k.customKeyStoreId === store.id);
    if (keys.length > 0) {
      const pending = keys.filter((k) => k.keyState === 'PendingDeletion').length;
      throw kmsError(
        'CustomKeyStoreHasCMKsException',
        `Custom key store ${store.id} still contains ${keys.length} KMS key${keys.length === 1 ? '' : 's'}` +
          (pending > 0 ? ` (${pending} pending deletion; they count until their waiting period ends)` : '') +
          '. Schedule deletion of every KMS key in the store and wait for the waiting period to end.',
      );
    }
    transition(context, store, 'DeleteCustomKeyStore');
    return {};
  },
});

export const STORE_OPERATIONS = {
  CreateCustomKeyStore: createCustomKeyStore,
  DescribeCustomKeyStores: describeCustomKeyStores,
  ConnectCustomKeyStore: connectCustomKeyStore,
  DisconnectCustomKeyStore: disconnectCustomKeyStore,
  UpdateCustomKeyStore: updateCustomKeyStore,
  DeleteCustomKeyStore: deleteCustomKeyStore,
};
