/**
 * The AWS CloudHSM API (`cloudhsmv2`, JSON 1.1, `X-Amz-Target: BaldrApiService.<Operation>`) over
 * the same world, for the repairs AWS really offers through an API: DescribeClusters, CreateHsm,
 * DeleteHsm. Shapes follow the service model (botocore's cloudhsmv2 2017-04-28). The world keeps
 * no HSM lifecycle: an HSM is ACTIVE as soon as it exists (CreateHsm still answers
 * CREATE_IN_PROGRESS, as the service does). `kmsuser` changes happen inside the cluster
 * (CloudHSM CLI), not through this API: they stay world actions.
 */
import { liveCluster } from '../backing.ts';
import { defineOperation, epochSeconds, type EngineContext, type OperationDefinition, type OperationOutput } from '../context.ts';
import { kmsError } from '../errors.ts';
import type { CloudHsmCluster, Hsm } from '../model.ts';
import { CLUSTER_ID, type FieldSpec } from '../validation.ts';
import { applyWorldAction, WorldActionError } from '../world-actions.ts';
import { WORLD_EPOCH } from '../worlds.ts';

const HSM_ID = { type: 'string', min: 1, max: 32, pattern: /^hsm-[2-7a-zA-Z0-9]{8,17}$/ } as const satisfies FieldSpec;
const AVAILABILITY_ZONE = {
  type: 'string',
  required: true,
  pattern: /^[a-z]{2}(-(gov))?-(east|west|north|south|central){1,2}-\d[a-z]$/,
} as const satisfies FieldSpec;

const notFound = (message: string) => kmsError('CloudHsmResourceNotFoundException', message);
const invalidRequest = (message: string) => kmsError('CloudHsmInvalidRequestException', message);

/** The cluster as CloudHSM's API finds it: a DELETED cluster is not found. */
function requireLiveCluster(context: EngineContext, clusterId: string): CloudHsmCluster {
  const cluster = liveCluster(context.world, clusterId);
  if (!cluster) throw notFound(`The cluster ${clusterId} does not exist in this account and Region.`);
  return cluster;
}

/** The suffix ids of a cluster's VPC resources are made from (the world does not model the VPC). */
const suffixOf = (id: string) => id.slice(id.indexOf('-') + 1);

/** The HSM's network interface: derived from its id and its place in the subnet, stable across calls. */
function eniOf(cluster: CloudHsmCluster, hsm: Hsm): { EniId: string; EniIp: string } {
  const subnetIndex = Math.max(
    0,
    cluster.subnets.findIndex((s) => s.id === hsm.subnetId),
  );
  const hostIndex = cluster.hsms.filter((h) => h.subnetId === hsm.subnetId).indexOf(hsm);
  return { EniId: `eni-${suffixOf(hsm.id)}`, EniIp: `10.0.${subnetIndex}.${10 + Math.max(0, hostIndex)}` };
}

function hsmShape(cluster: CloudHsmCluster, hsm: Hsm, state: 'ACTIVE' | 'CREATE_IN_PROGRESS' = 'ACTIVE'): OperationOutput {
  return {
    AvailabilityZone: hsm.availabilityZone,
    ClusterId: cluster.id,
    SubnetId: hsm.subnetId,
    ...eniOf(cluster, hsm),
    HsmId: hsm.id,
    State: state,
    StateMessage: state === 'ACTIVE' ? 'HSM is active.' : 'HSM is being created.',
  };
}

function clusterShape(cluster: CloudHsmCluster): OperationOutput {
  const subnetMapping: Record<string, string> = {};
  for (const subnet of cluster.subnets) subnetMapping[subnet.availabilityZone] ??= subnet.id;
  return {
    BackupPolicy: 'DEFAULT',
    BackupRetentionPolicy: { Type: 'DAYS', Value: '90' },
    ClusterId: cluster.id,
    CreateTimestamp: epochSeconds(WORLD_EPOCH),
    Hsms: cluster.hsms.map((hsm) => hsmShape(cluster, hsm)),
    HsmType: 'hsm1.medium',
    SecurityGroup: `sg-${suffixOf(cluster.id)}`,
    State: cluster.state,
    StateMessage: cluster.hsms.length === 0 ? 'The cluster has no HSMs.' : `The cluster has ${cluster.hsms.length} HSM(s).`,
    SubnetMapping: subnetMapping,
    VpcId: `vpc-${suffixOf(cluster.id)}`,
    Certificates: { ClusterCertificate: cluster.trustAnchorCertificate },
    TagList: [],
  };
}

const CLUSTER_FILTERS = ['clusterIds', 'states', 'vpcIds'] as const;

const CLOUDHSM_OPERATIONS: Readonly<Record<string, OperationDefinition>> = {
  DescribeClusters: defineOperation({
    input: {
      Filters: { type: 'any' },
      NextToken: { type: 'string', max: 256 },
      MaxResults: { type: 'integer', min: 1, max: 100 },
    },
    run(context, input) {
      const filters = input.Filters ?? {};
      if (typeof filters !== 'object' || filters === null || Array.isArray(filters))
        throw kmsError('SerializationException', "Cannot read member 'filters': expected a map of string lists.");
      const lists: Partial<Record<(typeof CLUSTER_FILTERS)[number], string[]>> = {};
      for (const [name, values] of Object.entries(filters)) {
        const known = CLUSTER_FILTERS.find((filter) => filter === name);
        if (!known) throw invalidRequest(`Unknown filter ${name}. Valid filters: ${CLUSTER_FILTERS.join(', ')}.`);
        if (!Array.isArray(values) || values.some((v) => typeof v !== 'string'))
          throw kmsError('SerializationException', `Cannot read member 'filters.${name}': expected a list of strings.`);
        lists[known] = values as string[];
      }
      const clusters = context.world.clusters.filter(
        (c) =>
          (!lists.clusterIds || lists.clusterIds.includes(c.id)) &&
          (!lists.states || lists.states.includes(c.state)) &&
          (!lists.vpcIds || lists.vpcIds.includes(`vpc-${suffixOf(c.id)}`)),
      );
      return { Clusters: clusters.map(clusterShape) };
    },
  }),

  CreateHsm: defineOperation({
    input: {
      ClusterId: { ...CLUSTER_ID, required: true },
      AvailabilityZone: AVAILABILITY_ZONE,
      IpAddress: { type: 'string', max: 45 },
    },
    run(context, input) {
      const cluster = requireLiveCluster(context, input.ClusterId);
      const subnet = cluster.subnets.find((s) => s.availabilityZone === input.AvailabilityZone);
      if (!subnet)
        throw invalidRequest(
          `The cluster ${cluster.id} has no subnet in ${input.AvailabilityZone}. Its Availability Zones: ${cluster.subnets.map((s) => s.availabilityZone).join(', ') || 'none'}.`,
        );
      if (!subnet.exists) throw invalidRequest(`The subnet ${subnet.id} of cluster ${cluster.id} no longer exists.`);
      if (subnet.freeAddresses < 1)
        throw invalidRequest(`The subnet ${subnet.id} has no free IP address for the HSM's network interface.`);
      try {
        applyWorldAction(context.world, { type: 'add-hsm', clusterId: cluster.id, availabilityZone: input.AvailabilityZone });
      } catch (error) {
        if (error instanceof WorldActionError) throw invalidRequest(error.message);
        throw error;
      }
      return { Hsm: hsmShape(cluster, cluster.hsms[cluster.hsms.length - 1]!, 'CREATE_IN_PROGRESS') };
    },
  }),

  DeleteHsm: defineOperation({
    input: {
      ClusterId: { ...CLUSTER_ID, required: true },
      HsmId: HSM_ID,
      EniId: { type: 'string', max: 64 },
      EniIp: { type: 'string', max: 45 },
    },
    run(context, input) {
      const cluster = requireLiveCluster(context, input.ClusterId);
      if (input.HsmId === undefined && input.EniId === undefined && input.EniIp === undefined)
        throw invalidRequest('Specify the HSM to delete by HsmId, EniId or EniIp.');
      const hsm = cluster.hsms.find((h) => {
        const eni = eniOf(cluster, h);
        return (
          (input.HsmId === undefined || h.id === input.HsmId) &&
          (input.EniId === undefined || eni.EniId === input.EniId) &&
          (input.EniIp === undefined || eni.EniIp === input.EniIp)
        );
      });
      if (!hsm) throw notFound(`The cluster ${cluster.id} has no such HSM (${input.HsmId ?? input.EniId ?? input.EniIp}).`);
      cluster.hsms = cluster.hsms.filter((h) => h !== hsm);
      return { HsmId: hsm.id };
    },
  }),
};

/** Runs one CloudHSM operation against the world. Throws KmsError (with CloudHSM's error names). */
export function runCloudHsmOperation(context: EngineContext, operation: string, rawInput: unknown): OperationOutput {
  const definition = Object.hasOwn(CLOUDHSM_OPERATIONS, operation) ? CLOUDHSM_OPERATIONS[operation] : undefined;
  if (!definition)
    throw kmsError(
      'MockNotImplementedException',
      `The mock does not simulate CloudHSM ${operation}. Simulated CloudHSM operations: ${Object.keys(CLOUDHSM_OPERATIONS).join(', ')}.`,
    );
  return definition.execute(context, rawInput);
}
