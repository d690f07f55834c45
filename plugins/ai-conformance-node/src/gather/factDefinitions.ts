import { KubeObject } from '../cluster/ClusterReader';
import { FactKey, FactValues } from './factTypes';
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
  reduceResourceClaim,
  reduceResourceSlice,
  reduceRuntimeClass,
  reduceWebhookConfiguration,
} from './reduce';

/**
 * How one fact is read. `reads` names the API resources for documentation and RBAC.
 *
 * @public
 */
export interface FactDefinition<K extends FactKey> {
  key: K;
  reads: string[];
  /** The fact grows with the cluster (per node or per pod): gathered first, in large pages. */
  scalesWithCluster?: boolean;
  gather(ctx: GatherContext): Promise<FactValues[K]>;
}

/**
 * Page size of the lists that grow with the cluster. Pages are reduced as they arrive, so a page
 * costs memory only while it is parsed; larger pages mean fewer sequential round trips.
 */
export const LARGE_LIST_PAGE_SIZE = 2000;

const identity = (o: KubeObject) => o;

const customObjects = (
  key: FactKey,
  group: string,
  resource: string,
): FactDefinition<any> => ({
  key,
  reads: [`${group}/${resource}`],
  gather: ctx => ctx.list(group, resource, identity),
});

/** Every named fact. @public */
export const FACT_DEFINITIONS: { [K in FactKey]: FactDefinition<K> } = {
  nodes: {
    key: 'nodes',
    reads: ['nodes'],
    scalesWithCluster: true,
    gather: ctx =>
      ctx.list('', 'nodes', reduceNode, {
        pageSize: LARGE_LIST_PAGE_SIZE,
        protobuf: 'Node',
      }),
  },
  pods: {
    key: 'pods',
    reads: ['pods'],
    scalesWithCluster: true,
    // Only pods that hold resources: finished pods cannot bypass device mediation.
    gather: ctx =>
      ctx.list('', 'pods', reducePod, {
        fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed',
        pageSize: LARGE_LIST_PAGE_SIZE,
        protobuf: 'Pod',
      }),
  },
  namespaces: {
    key: 'namespaces',
    reads: ['namespaces (metadata only)'],
    gather: ctx =>
      ctx.list('', 'namespaces', reduceNamespace, { metadataOnly: true }),
  },
  deployments: {
    key: 'deployments',
    reads: ['deployments.apps'],
    gather: ctx => ctx.list('apps', 'deployments', reduceDeployment),
  },
  daemonSets: {
    key: 'daemonSets',
    reads: ['daemonsets.apps'],
    gather: ctx => ctx.list('apps', 'daemonsets', reduceDaemonSet),
  },
  deviceClasses: {
    key: 'deviceClasses',
    reads: ['deviceclasses.resource.k8s.io'],
    gather: ctx =>
      ctx.list('resource.k8s.io', 'deviceclasses', reduceDeviceClass),
  },
  resourceSlices: {
    key: 'resourceSlices',
    reads: ['resourceslices.resource.k8s.io'],
    scalesWithCluster: true,
    gather: ctx =>
      ctx.list('resource.k8s.io', 'resourceslices', reduceResourceSlice, {
        pageSize: LARGE_LIST_PAGE_SIZE,
      }),
  },
  resourceClaims: {
    key: 'resourceClaims',
    reads: ['resourceclaims.resource.k8s.io'],
    scalesWithCluster: true,
    gather: ctx =>
      ctx.list('resource.k8s.io', 'resourceclaims', reduceResourceClaim, {
        pageSize: LARGE_LIST_PAGE_SIZE,
      }),
  },
  gatewayClasses: {
    key: 'gatewayClasses',
    reads: ['gatewayclasses.gateway.networking.k8s.io'],
    gather: ctx =>
      ctx.list(
        'gateway.networking.k8s.io',
        'gatewayclasses',
        reduceGatewayClass,
      ),
  },
  gateways: {
    key: 'gateways',
    reads: ['gateways.gateway.networking.k8s.io'],
    gather: ctx =>
      ctx.list('gateway.networking.k8s.io', 'gateways', reduceGateway),
  },
  httpRoutes: {
    key: 'httpRoutes',
    reads: ['httproutes.gateway.networking.k8s.io'],
    gather: ctx =>
      ctx.list('gateway.networking.k8s.io', 'httproutes', reduceHttpRoute),
  },
  inferencePools: {
    key: 'inferencePools',
    reads: [
      'inferencepools.inference.networking.k8s.io',
      'inferencepools.inference.networking.x-k8s.io',
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
  apiServices: {
    key: 'apiServices',
    reads: ['apiservices.apiregistration.k8s.io'],
    gather: ctx =>
      ctx.list('apiregistration.k8s.io', 'apiservices', reduceApiService),
  },
  runtimeClasses: {
    key: 'runtimeClasses',
    reads: ['runtimeclasses.node.k8s.io'],
    gather: ctx =>
      ctx.list('node.k8s.io', 'runtimeclasses', reduceRuntimeClass),
  },
  webhookConfigurations: {
    key: 'webhookConfigurations',
    reads: [
      'validatingwebhookconfigurations.admissionregistration.k8s.io',
      'mutatingwebhookconfigurations.admissionregistration.k8s.io',
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
    reads: ['horizontalpodautoscalers.autoscaling'],
    gather: ctx =>
      ctx.list('autoscaling', 'horizontalpodautoscalers', reduceHpa, {
        versions: ['v2'],
      }),
  },
  clusterAutoscalerStatus: {
    key: 'clusterAutoscalerStatus',
    reads: ['configmaps kube-system/cluster-autoscaler-status'],
    gather: async ctx => {
      const cm = await ctx.reader.get<
        KubeObject & { data?: Record<string, string> }
      >('/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status');
      if (!cm) return null;
      return {
        name: 'cluster-autoscaler-status',
        namespace: 'kube-system',
        status: cm.data?.status?.slice(0, 2000),
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
  clusterApiMachineDeployments: {
    key: 'clusterApiMachineDeployments',
    reads: ['machinedeployments.cluster.x-k8s.io (metadata only)'],
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
};
