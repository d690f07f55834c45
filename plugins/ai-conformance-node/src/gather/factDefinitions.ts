import { KubeObject } from '../cluster/ClusterReader';
import { collectionPath, findResource } from '../cluster/discovery';
import { FactKey, FactValues } from './factTypes';
import { FactRead, getRead, listRead } from './factReads';
import { GatherContext } from './GatherContext';
import {
  reduceApiService,
  reduceDaemonSet,
  reduceDeployment,
  reduceDeviceClass,
  reduceGateway,
  reduceGatewayClass,
  reduceHpa,
  reduceHttpRoute,
  reduceInferencePool,
  reduceNamespace,
  reduceNode,
  reducePod,
  reduceResourceSlice,
  reduceRuntimeClass,
  reduceServiceEndpoints,
  reduceStatefulSet,
  reduceWebhookConfiguration,
} from './reduce';
import { SERVING_FACT_DEFINITIONS } from './servingFactDefinitions';

/**
 * How one fact is read. `reads` declares every request the gather may send: the gather is held
 * to it (an undeclared read throws), and the reader RBAC is generated from it.
 *
 * @public
 */
export interface FactDefinition<K extends FactKey> {
  key: K;
  reads: FactRead[];
  /** The fact grows with the cluster (per node or per pod): gathered first, in large pages. */
  scalesWithCluster?: boolean;
  gather(ctx: GatherContext): Promise<FactValues[K]>;
}

/**
 * Page size of the JSON lists that grow with the cluster. Pages are reduced as they arrive, so a
 * page costs memory only while it is parsed; larger pages mean fewer sequential round trips.
 */
export const LARGE_LIST_PAGE_SIZE = 2000;

/**
 * Page size of the protobuf lists (pods, nodes). They are decoded object by object while they
 * arrive and never held whole, so a page costs no client memory, and one page is what the API
 * server serves fastest: it serves a first page from its watch cache, but a continued page only
 * from a watch-cache snapshot, and falls back to reading etcd when it has none for the list's
 * revision (an idle collection after etcd's compaction). At 50,000 pods, pages of 2,000 took
 * 2.1–3.6 s against 1.8–2.4 s for one page (node README, "Capacity benchmark").
 */
export const STREAMED_LIST_PAGE_SIZE = 50_000;

/** How much of the Cluster Autoscaler status text is kept. */
const CLUSTER_AUTOSCALER_STATUS_MAX_CHARS = 256 * 1024;

const identity = (o: KubeObject) => o;

const customObjects = (
  key: FactKey,
  group: string,
  resource: string,
): FactDefinition<any> => ({
  key,
  reads: [listRead(group, resource)],
  gather: ctx => ctx.list(group, resource, identity),
});

/** Every named fact. @public */
export const FACT_DEFINITIONS: { [K in FactKey]: FactDefinition<K> } = {
  nodes: {
    key: 'nodes',
    reads: [listRead('', 'nodes')],
    scalesWithCluster: true,
    gather: ctx =>
      ctx.list('', 'nodes', reduceNode, {
        pageSize: STREAMED_LIST_PAGE_SIZE,
        protobuf: 'Node',
      }),
  },
  pods: {
    key: 'pods',
    reads: [listRead('', 'pods')],
    scalesWithCluster: true,
    // Only pods that hold resources: finished pods cannot bypass device mediation.
    gather: ctx =>
      ctx.list('', 'pods', reducePod, {
        fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed',
        pageSize: STREAMED_LIST_PAGE_SIZE,
        protobuf: 'Pod',
      }),
  },
  namespaces: {
    key: 'namespaces',
    reads: [listRead('', 'namespaces', { metadataOnly: true })],
    gather: ctx =>
      ctx.list('', 'namespaces', reduceNamespace, { metadataOnly: true }),
  },
  deployments: {
    key: 'deployments',
    reads: [listRead('apps', 'deployments')],
    gather: ctx => ctx.list('apps', 'deployments', reduceDeployment),
  },
  statefulSets: {
    key: 'statefulSets',
    reads: [listRead('apps', 'statefulsets')],
    gather: ctx => ctx.list('apps', 'statefulsets', reduceStatefulSet),
  },
  daemonSets: {
    key: 'daemonSets',
    reads: [listRead('apps', 'daemonsets')],
    gather: ctx => ctx.list('apps', 'daemonsets', reduceDaemonSet),
  },
  deviceClasses: {
    key: 'deviceClasses',
    reads: [listRead('resource.k8s.io', 'deviceclasses')],
    gather: ctx =>
      ctx.list('resource.k8s.io', 'deviceclasses', reduceDeviceClass),
  },
  resourceSlices: {
    key: 'resourceSlices',
    reads: [listRead('resource.k8s.io', 'resourceslices')],
    scalesWithCluster: true,
    gather: ctx =>
      ctx.list('resource.k8s.io', 'resourceslices', reduceResourceSlice, {
        pageSize: LARGE_LIST_PAGE_SIZE,
      }),
  },
  gatewayClasses: {
    key: 'gatewayClasses',
    reads: [listRead('gateway.networking.k8s.io', 'gatewayclasses')],
    gather: ctx =>
      ctx.list(
        'gateway.networking.k8s.io',
        'gatewayclasses',
        reduceGatewayClass,
      ),
  },
  gateways: {
    key: 'gateways',
    reads: [listRead('gateway.networking.k8s.io', 'gateways')],
    gather: ctx =>
      ctx.list('gateway.networking.k8s.io', 'gateways', reduceGateway),
  },
  httpRoutes: {
    key: 'httpRoutes',
    reads: [listRead('gateway.networking.k8s.io', 'httproutes')],
    gather: ctx =>
      ctx.list('gateway.networking.k8s.io', 'httproutes', reduceHttpRoute),
  },
  inferencePools: {
    key: 'inferencePools',
    reads: [
      listRead('inference.networking.k8s.io', 'inferencepools'),
      listRead('inference.networking.x-k8s.io', 'inferencepools'),
    ],
    // Both groups can be installed side by side; read each one that is served.
    gather: async ctx => [
      ...(await ctx.list(
        'inference.networking.k8s.io',
        'inferencepools',
        reduceInferencePool,
      )),
      ...(await ctx.list(
        'inference.networking.x-k8s.io',
        'inferencepools',
        reduceInferencePool,
      )),
    ],
  },
  serviceEndpoints: {
    key: 'serviceEndpoints',
    // The list permission is cluster-wide (ClusterRole); the gather lists EndpointSlices only in
    // the namespaces of webhook and endpoint-picker Services, which the same permission covers.
    reads: [
      listRead('discovery.k8s.io', 'endpointslices'),
      listRead(
        'admissionregistration.k8s.io',
        'validatingwebhookconfigurations',
      ),
      listRead('admissionregistration.k8s.io', 'mutatingwebhookconfigurations'),
      listRead('inference.networking.k8s.io', 'inferencepools'),
      listRead('inference.networking.x-k8s.io', 'inferencepools'),
    ],
    gather: async ctx => {
      const [hooks, pools] = await Promise.all([
        FACT_DEFINITIONS.webhookConfigurations.gather(ctx),
        FACT_DEFINITIONS.inferencePools.gather(ctx),
      ]);
      const namespaces = new Set<string>([
        ...hooks.flatMap(w =>
          w.webhooks.flatMap(h => (h.service ? [h.service.namespace] : [])),
        ),
        ...pools.filter(p => p.endpointPicker).map(p => p.namespace),
      ]);
      const served = findResource(
        ctx.discovery,
        'discovery.k8s.io',
        'endpointslices',
        ['v1'],
      );
      if (!served) return [];
      const slices: KubeObject[] = [];
      for (const namespace of [...namespaces].sort()) {
        for await (const page of ctx.reader.listPages(
          collectionPath(served, namespace),
        )) {
          slices.push(...page);
        }
      }
      return reduceServiceEndpoints(slices);
    },
  },
  apiServices: {
    key: 'apiServices',
    reads: [listRead('apiregistration.k8s.io', 'apiservices')],
    gather: ctx =>
      ctx.list('apiregistration.k8s.io', 'apiservices', reduceApiService),
  },
  runtimeClasses: {
    key: 'runtimeClasses',
    reads: [listRead('node.k8s.io', 'runtimeclasses')],
    gather: ctx =>
      ctx.list('node.k8s.io', 'runtimeclasses', reduceRuntimeClass),
  },
  webhookConfigurations: {
    key: 'webhookConfigurations',
    reads: [
      listRead(
        'admissionregistration.k8s.io',
        'validatingwebhookconfigurations',
      ),
      listRead('admissionregistration.k8s.io', 'mutatingwebhookconfigurations'),
    ],
    gather: async ctx => [
      ...(await ctx.list(
        'admissionregistration.k8s.io',
        'validatingwebhookconfigurations',
        o => reduceWebhookConfiguration(o, 'ValidatingWebhookConfiguration'),
      )),
      ...(await ctx.list(
        'admissionregistration.k8s.io',
        'mutatingwebhookconfigurations',
        o => reduceWebhookConfiguration(o, 'MutatingWebhookConfiguration'),
      )),
    ],
  },
  horizontalPodAutoscalers: {
    key: 'horizontalPodAutoscalers',
    reads: [listRead('autoscaling', 'horizontalpodautoscalers')],
    gather: ctx =>
      ctx.list('autoscaling', 'horizontalpodautoscalers', reduceHpa, {
        versions: ['v2'],
      }),
  },
  clusterAutoscalerStatus: {
    key: 'clusterAutoscalerStatus',
    reads: [
      getRead('', 'configmaps', 'kube-system', 'cluster-autoscaler-status'),
    ],
    gather: async ctx => {
      const cm = await ctx.get<KubeObject & { data?: Record<string, string> }>(
        '',
        'configmaps',
        'kube-system',
        'cluster-autoscaler-status',
      );
      if (!cm) return null;
      return {
        name: 'cluster-autoscaler-status',
        namespace: 'kube-system',
        // Large enough for a few hundred node groups; the status is read for their names.
        status: cm.data?.status?.slice(0, CLUSTER_AUTOSCALER_STATUS_MAX_CHARS),
      };
    },
  },
  kueueClusterQueues: customObjects(
    'kueueClusterQueues',
    'kueue.x-k8s.io',
    'clusterqueues',
  ),
  kueueLocalQueues: customObjects(
    'kueueLocalQueues',
    'kueue.x-k8s.io',
    'localqueues',
  ),
  volcanoQueues: customObjects(
    'volcanoQueues',
    'scheduling.volcano.sh',
    'queues',
  ),
  karpenterNodePools: customObjects(
    'karpenterNodePools',
    'karpenter.sh',
    'nodepools',
  ),
  karpenterNodeClaims: customObjects(
    'karpenterNodeClaims',
    'karpenter.sh',
    'nodeclaims',
  ),
  gkeComputeClasses: customObjects(
    'gkeComputeClasses',
    'cloud.google.com',
    'computeclasses',
  ),
  clusterApiMachineDeployments: {
    key: 'clusterApiMachineDeployments',
    reads: [
      listRead('cluster.x-k8s.io', 'machinedeployments', {
        metadataOnly: true,
      }),
    ],
    gather: ctx =>
      ctx.list('cluster.x-k8s.io', 'machinedeployments', identity, {
        metadataOnly: true,
      }),
  },
  prometheuses: customObjects(
    'prometheuses',
    'monitoring.coreos.com',
    'prometheuses',
  ),
  openTelemetryCollectors: customObjects(
    'openTelemetryCollectors',
    'opentelemetry.io',
    'opentelemetrycollectors',
  ),
  ...SERVING_FACT_DEFINITIONS,
};
