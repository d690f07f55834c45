import { KubeObject } from '../client/rest';
import { clusterAutoscaler } from './addons';
import { permissiveCrd } from './crds';
import { kwokNode } from './nodes';
import { container, daemonSet, ns, Scenario } from './types';

/** Karpenter and Cluster API CRDs: stand-ins with their real groups, kinds, scopes and versions. */
const onDemandCrds = () => [
  permissiveCrd({
    group: 'karpenter.sh',
    kind: 'NodePool',
    plural: 'nodepools',
    versions: ['v1'],
    scope: 'Cluster',
  }),
  permissiveCrd({
    group: 'karpenter.sh',
    kind: 'NodeClaim',
    plural: 'nodeclaims',
    versions: ['v1'],
    scope: 'Cluster',
  }),
  permissiveCrd({
    group: 'cluster.x-k8s.io',
    kind: 'MachineDeployment',
    plural: 'machinedeployments',
    versions: ['v1beta1'],
  }),
];

/**
 * An EKS-shaped cluster whose GPU capacity exists only on demand: CPU nodes, a Karpenter NodePool
 * for NVIDIA GPU instances, a Cluster API MachineDeployment autoscaled from zero with GPU
 * capacity annotations, a Cluster Autoscaler node group `gpu-l4` at zero nodes, and the NVIDIA
 * device plugin DaemonSet waiting for GPU nodes (no desired pods). No GPU node exists.
 */
export const gpuOnDemand: Scenario = {
  name: 'gpu-on-demand',
  description:
    'GPU node pools scaled to zero (Karpenter NodePool, Cluster API MachineDeployment, Cluster Autoscaler node group, device plugin DaemonSet with no desired pods); no GPU node exists',
  async build() {
    const zone = 'us-west-2a';
    return {
      crds: onDemandCrds(),
      nodes: [0, 1].map(i =>
        kwokNode({
          name: `cpu-${i}`,
          instanceType: 'm7i.2xlarge',
          zone,
          cpu: 8,
          memoryGi: 32,
          labels: { 'eks.amazonaws.com/nodegroup': 'system' },
        }),
      ),
      objects: (): KubeObject[] => [
        {
          apiVersion: 'karpenter.sh/v1',
          kind: 'NodePool',
          metadata: { name: 'gpu' },
          spec: {
            template: {
              metadata: { labels: { 'workload-type': 'gpu' } },
              spec: {
                nodeClassRef: {
                  group: 'karpenter.k8s.aws',
                  kind: 'EC2NodeClass',
                  name: 'gpu',
                },
                requirements: [
                  {
                    key: 'karpenter.k8s.aws/instance-category',
                    operator: 'In',
                    values: ['g', 'p'],
                  },
                  {
                    key: 'karpenter.k8s.aws/instance-gpu-manufacturer',
                    operator: 'In',
                    values: ['nvidia'],
                  },
                  {
                    key: 'karpenter.sh/capacity-type',
                    operator: 'In',
                    values: ['on-demand'],
                  },
                ],
                taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }],
              },
            },
            limits: { 'nvidia.com/gpu': '16' },
            disruption: {
              consolidationPolicy: 'WhenEmpty',
              consolidateAfter: '5m',
            },
          },
        },
        {
          apiVersion: 'karpenter.sh/v1',
          kind: 'NodePool',
          metadata: { name: 'general' },
          spec: {
            template: {
              spec: {
                nodeClassRef: {
                  group: 'karpenter.k8s.aws',
                  kind: 'EC2NodeClass',
                  name: 'default',
                },
                requirements: [
                  {
                    key: 'karpenter.k8s.aws/instance-category',
                    operator: 'In',
                    values: ['c', 'm', 'r'],
                  },
                  {
                    key: 'karpenter.k8s.aws/instance-gpu-count',
                    operator: 'DoesNotExist',
                  },
                ],
              },
            },
          },
        },
        ns('capi-clusters'),
        {
          apiVersion: 'cluster.x-k8s.io/v1beta1',
          kind: 'MachineDeployment',
          metadata: {
            name: 'workload-gpu-md-0',
            namespace: 'capi-clusters',
            labels: { 'cluster.x-k8s.io/cluster-name': 'workload' },
            annotations: {
              'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size':
                '0',
              'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size':
                '4',
              'capacity.cluster-autoscaler.kubernetes.io/cpu': '48',
              'capacity.cluster-autoscaler.kubernetes.io/memory': '192G',
              'capacity.cluster-autoscaler.kubernetes.io/gpu-count': '4',
              'capacity.cluster-autoscaler.kubernetes.io/gpu-type':
                'nvidia.com/gpu',
            },
          },
          spec: {
            clusterName: 'workload',
            replicas: 0,
            selector: { matchLabels: {} },
            template: {
              spec: {
                clusterName: 'workload',
                bootstrap: {},
                infrastructureRef: {},
              },
            },
          },
        },
        ...clusterAutoscaler([
          { name: 'system', nodes: 2, max: 4 },
          { name: 'gpu-l4', nodes: 0, max: 4 },
        ]),
        daemonSet(
          'kube-system',
          'nvidia-device-plugin-daemonset',
          {
            nodeSelector: { 'nvidia.com/gpu.present': 'true' },
            tolerations: [
              {
                key: 'nvidia.com/gpu',
                operator: 'Exists',
                effect: 'NoSchedule',
              },
            ],
            containers: [
              container(
                'nvidia-device-plugin-ctr',
                'nvcr.io/nvidia/k8s-device-plugin:v0.17.1',
              ),
            ],
          },
          { 'app.kubernetes.io/name': 'nvidia-device-plugin' },
        ),
      ],
      statuses: [],
    };
  },
};
