import { KubeObject } from '../client/rest';
import { kwokNode } from './nodes';
import { container, daemonSet, ns, Scenario } from './types';

const agent = (
  namespace: string,
  name: string,
  image: string,
  nodeSelector: Record<string, string>,
): KubeObject =>
  daemonSet(
    namespace,
    name,
    {
      nodeSelector,
      tolerations: [{ operator: 'Exists' }],
      containers: [container(name, image)],
    },
    { 'app.kubernetes.io/name': name },
  );

/**
 * Accelerators of every non-NVIDIA vendor the engine knows, with the labels, resources and
 * taints their device plugins and clouds publish, and nothing from NVIDIA: an Intel Data Center
 * GPU Max node (NFD rule labels, `gpu.intel.com/i915`), an Intel Gaudi node (`habana.ai/gaudi`),
 * a GKE TPU v6e node, an EKS Inferentia2 node (`aws.amazon.com/neuron`), and an AWS AMD g4ad node
 * launched by Karpenter (whose `instance-gpu-name` label is not NVIDIA's). Their device-plugin
 * DaemonSets run; none of these vendors publishes a driver-version label.
 */
export const otherVendors: Scenario = {
  name: 'other-vendors',
  description:
    'Intel GPU, Intel Gaudi, Google TPU, AWS Neuron and AWS AMD (g4ad) nodes with their device plugins; nothing from NVIDIA',
  async build() {
    const nodes = [
      kwokNode({
        name: 'intel-max-0',
        instanceType: 'bm.intel-max-1550',
        zone: 'onprem-1',
        cpu: 112,
        memoryGi: 1024,
        labels: {
          'gpu.intel.com/family': 'Max_Series',
          'gpu.intel.com/product': 'Max_1550',
          'gpu.intel.com/device.count': '8',
          'intel.feature.node.kubernetes.io/gpu': 'true',
        },
        extended: { 'gpu.intel.com/i915': '8' },
      }),
      kwokNode({
        name: 'gaudi-0',
        instanceType: 'dl1.24xlarge',
        zone: 'us-east-1a',
        cpu: 96,
        memoryGi: 768,
        labels: { 'eks.amazonaws.com/nodegroup': 'gaudi' },
        extended: { 'habana.ai/gaudi': '8' },
        taints: [
          { key: 'habana.ai/gaudi', value: 'present', effect: 'NoSchedule' },
        ],
      }),
      kwokNode({
        name: 'gke-tpu-v6e-0',
        instanceType: 'ct6e-standard-4t',
        zone: 'us-east5-b',
        cpu: 180,
        memoryGi: 720,
        labels: {
          'cloud.google.com/gke-nodepool': 'tpu-v6e',
          'cloud.google.com/gke-tpu-accelerator': 'tpu-v6e-slice',
          'cloud.google.com/gke-tpu-topology': '2x2',
        },
        extended: { 'google.com/tpu': '4' },
        taints: [
          { key: 'google.com/tpu', value: 'present', effect: 'NoSchedule' },
        ],
      }),
      kwokNode({
        name: 'inf2-0',
        instanceType: 'inf2.xlarge',
        zone: 'us-east-1b',
        cpu: 4,
        memoryGi: 16,
        labels: { 'eks.amazonaws.com/nodegroup': 'inferentia' },
        extended: {
          'aws.amazon.com/neuron': '1',
          'aws.amazon.com/neuroncore': '2',
        },
        taints: [{ key: 'aws.amazon.com/neuron', effect: 'NoSchedule' }],
      }),
      kwokNode({
        name: 'g4ad-0',
        instanceType: 'g4ad.xlarge',
        zone: 'us-east-1c',
        cpu: 4,
        memoryGi: 16,
        labels: {
          'karpenter.sh/nodepool': 'amd',
          'karpenter.k8s.aws/instance-gpu-name': 'radeon-pro-v520',
          'karpenter.k8s.aws/instance-gpu-manufacturer': 'amd',
          'karpenter.k8s.aws/instance-gpu-count': '1',
        },
        extended: { 'amd.com/gpu': '1' },
      }),
      kwokNode({
        name: 'cpu-0',
        instanceType: 'm7i.2xlarge',
        zone: 'us-east-1a',
        cpu: 8,
        memoryGi: 32,
      }),
    ];
    return {
      crds: [],
      nodes,
      objects: (): KubeObject[] => [
        ns('intel-gpu'),
        agent(
          'intel-gpu',
          'intel-gpu-plugin',
          'intel/intel-gpu-plugin:0.32.0',
          { 'intel.feature.node.kubernetes.io/gpu': 'true' },
        ),
        ns('habana-system'),
        agent(
          'habana-system',
          'habanalabs-device-plugin-daemonset',
          'vault.habana.ai/docker-k8s-device-plugin/docker-k8s-device-plugin:1.21.0',
          { 'node.kubernetes.io/instance-type': 'dl1.24xlarge' },
        ),
        agent(
          'kube-system',
          'tpu-device-plugin',
          'gke.gcr.io/tpu-device-plugin:v0.3.0',
          { 'cloud.google.com/gke-tpu-accelerator': 'tpu-v6e-slice' },
        ),
        agent(
          'kube-system',
          'neuron-device-plugin',
          'public.ecr.aws/neuron/neuron-device-plugin:2.22.4.0',
          { 'node.kubernetes.io/instance-type': 'inf2.xlarge' },
        ),
        agent(
          'kube-system',
          'amdgpu-device-plugin',
          'rocm/k8s-device-plugin:1.31.0.7',
          { 'karpenter.k8s.aws/instance-gpu-manufacturer': 'amd' },
        ),
      ],
      statuses: [],
    };
  },
};
