import { workload } from '../__testUtils__/facts';
import { KubeObject } from '../cluster/ClusterReader';
import {
  OnDemandInputs,
  clusterAutoscalerNodeGroups,
  detectOnDemandAccelerators,
} from './onDemandAccelerators';
import { VENDOR_PROFILES } from './profiles';

const empty: OnDemandInputs = {
  karpenterNodePools: [],
  karpenterNodeClaims: [],
  clusterApiMachineDeployments: [],
  gkeComputeClasses: [],
  clusterAutoscalerStatus: null,
  daemonSets: [],
};
const detect = (inputs: Partial<OnDemandInputs>) =>
  detectOnDemandAccelerators({ ...empty, ...inputs }, VENDOR_PROFILES);

const nodePool = (
  name: string,
  requirements: object[],
  extra: object = {},
): KubeObject => ({
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name },
  spec: {
    template: {
      spec: {
        requirements,
        nodeClassRef: {
          group: 'karpenter.k8s.aws',
          kind: 'EC2NodeClass',
          name: 'default',
        },
      },
      ...extra,
    },
  },
});

describe('detectOnDemandAccelerators', () => {
  it('finds Karpenter NodePools that admit GPU instances, with the vendor from the manufacturer', () => {
    const pools = [
      nodePool('gpu', [
        {
          key: 'karpenter.k8s.aws/instance-gpu-count',
          operator: 'Gt',
          values: ['0'],
        },
      ]),
      nodePool('amd', [
        {
          key: 'karpenter.k8s.aws/instance-gpu-manufacturer',
          operator: 'In',
          values: ['amd'],
        },
      ]),
      nodePool('azure', [
        {
          key: 'karpenter.azure.com/sku-gpu-manufacturer',
          operator: 'In',
          values: ['nvidia'],
        },
      ]),
      nodePool('neuron', [
        {
          key: 'karpenter.k8s.aws/instance-family',
          operator: 'In',
          values: ['inf2', 'trn1'],
        },
      ]),
      nodePool('tainted', [], { metadata: { labels: {} } }),
    ];
    (pools[4] as any).spec.template.spec.taints = [
      { key: 'nvidia.com/gpu', effect: 'NoSchedule' },
    ];
    const found = detect({ karpenterNodePools: pools });
    expect(found.map(s => [s.name, s.vendors])).toEqual([
      ['gpu', []],
      ['amd', ['AMD GPU']],
      ['azure', ['NVIDIA GPU']],
      ['neuron', []],
      ['tainted', ['NVIDIA GPU']],
    ]);
  });

  it('ignores NodePools that exclude accelerators or do not mention them', () => {
    const found = detect({
      karpenterNodePools: [
        nodePool('cpu', [
          {
            key: 'karpenter.k8s.aws/instance-category',
            operator: 'In',
            values: ['c', 'm', 'r'],
          },
        ]),
        nodePool('no-gpu', [
          {
            key: 'karpenter.k8s.aws/instance-gpu-count',
            operator: 'DoesNotExist',
          },
        ]),
        nodePool('not-p', [
          {
            key: 'karpenter.k8s.aws/instance-category',
            operator: 'NotIn',
            values: ['p', 'g'],
          },
        ]),
        nodePool('lt', [
          {
            key: 'karpenter.k8s.aws/instance-gpu-count',
            operator: 'Lt',
            values: ['1'],
          },
        ]),
        nodePool('zero', [
          {
            key: 'karpenter.k8s.aws/instance-gpu-count',
            operator: 'In',
            values: ['0'],
          },
        ]),
      ],
    });
    expect(found).toEqual([]);
  });

  it('finds NodeClaims launching GPU capacity', () => {
    const claim: KubeObject = {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodeClaim',
      metadata: {
        name: 'gpu-abc12',
        labels: { 'karpenter.k8s.aws/instance-gpu-manufacturer': 'nvidia' },
      },
      spec: { requirements: [] },
      status: { capacity: { cpu: '8', 'nvidia.com/gpu': '1' } },
    };
    const [s] = detect({ karpenterNodeClaims: [claim] });
    expect(s.kind).toBe('NodeClaim');
    expect(s.vendors).toEqual(['NVIDIA GPU']);
    expect(s.signals).toContain('capacity nvidia.com/gpu');
  });

  it('reads Cluster API scale-from-zero capacity annotations', () => {
    const md = (
      name: string,
      annotations: Record<string, string>,
    ): KubeObject => ({
      apiVersion: 'cluster.x-k8s.io/v1beta1',
      kind: 'MachineDeployment',
      metadata: { name, namespace: 'clusters', annotations },
    });
    const found = detect({
      clusterApiMachineDeployments: [
        md('gpu', {
          'capacity.cluster-autoscaler.kubernetes.io/gpu-count': '8',
          'capacity.cluster-autoscaler.kubernetes.io/gpu-type':
            'nvidia.com/gpu',
        }),
        md('intel', {
          'capacity.cluster-autoscaler.kubernetes.io/labels':
            'gpu.intel.com/family=Max_Series,topology.kubernetes.io/zone=a',
        }),
        md('cpu', {
          'capacity.cluster-autoscaler.kubernetes.io/memory': '128G',
          'capacity.cluster-autoscaler.kubernetes.io/gpu-count': '0',
        }),
      ],
    });
    expect(found.map(s => [s.name, s.vendors])).toEqual([
      ['gpu', ['NVIDIA GPU']],
      ['intel', ['Intel GPU']],
    ]);
  });

  it('finds GKE ComputeClasses whose priorities provision GPUs or TPUs', () => {
    const cc = (name: string, priorities: object[]): KubeObject => ({
      apiVersion: 'cloud.google.com/v1',
      kind: 'ComputeClass',
      metadata: { name },
      spec: { priorities, nodePoolAutoCreation: { enabled: true } },
    });
    const found = detect({
      gkeComputeClasses: [
        cc('l4', [
          { machineFamily: 'g2', gpu: { type: 'nvidia-l4', count: 1 } },
        ]),
        cc('tpu', [
          { tpu: { type: 'tpu-v6e-slice', count: 4, topology: '2x2' } },
        ]),
        cc('cost-optimized', [
          { machineFamily: 'n4' },
          { machineFamily: 'e2', spot: true },
        ]),
      ],
    });
    expect(found.map(s => [s.name, s.vendors])).toEqual([
      ['l4', ['NVIDIA GPU']],
      ['tpu', ['Google TPU']],
    ]);
  });

  it('reads node-group names from both Cluster Autoscaler status formats', () => {
    const yaml =
      'time: 2026-01-01\nautoscalerStatus: Running\nnodeGroups:\n- name: eks-gpu-h100-4ac9e2b1-1f2e-7d3c-9a8b-0c1d2e3f4a5b\n  health:\n    status: Healthy\n- name: eks-general-9c3b2a1d\n';
    const text =
      'Cluster-autoscaler status at 2024-01-01:\nNodeGroups:\n  Name:        gke-prod-a100-pool-1a2b3c4d-grp\n  Health:      Healthy\n  Name:        gke-prod-default-pool-5e6f-grp\n';
    expect(clusterAutoscalerNodeGroups(yaml)).toEqual([
      'eks-gpu-h100-4ac9e2b1-1f2e-7d3c-9a8b-0c1d2e3f4a5b',
      'eks-general-9c3b2a1d',
    ]);
    expect(clusterAutoscalerNodeGroups(text)).toEqual([
      'gke-prod-a100-pool-1a2b3c4d-grp',
      'gke-prod-default-pool-5e6f-grp',
    ]);
    expect(
      detect({ clusterAutoscalerStatus: { status: text } }).map(s => s.name),
    ).toEqual(['gke-prod-a100-pool-1a2b3c4d-grp']);
  });

  it('finds vendor node agents that wait for their nodes (no desired pods), by image', () => {
    const ds = (name: string, image: string, desired: number) => ({
      ...workload('DaemonSet', 'kube-system', name, 0, desired),
      images: [image],
    });
    const found = detect({
      daemonSets: [
        ds(
          'nvidia-gpu-device-plugin-large',
          'gke.gcr.io/nvidia-gpu-device-plugin@sha256:abc',
          0,
        ),
        ds(
          'neuron-device-plugin',
          'public.ecr.aws/neuron/neuron-device-plugin:2.22.4.0',
          0,
        ),
        ds(
          'amdgpu-device-plugin',
          'docker.io/rocm/k8s-device-plugin:1.31.0.6',
          0,
        ),
        ds('busy-plugin', 'nvcr.io/nvidia/k8s-device-plugin:v0.17.1', 2), // runs: its nodes exist
        ds('gpu-named-but-other', 'example.org/gpu-tools:v1', 0),
      ],
    });
    expect(found.map(s => [s.name, s.vendors])).toEqual([
      ['nvidia-gpu-device-plugin-large', ['NVIDIA GPU']],
      ['neuron-device-plugin', ['AWS Neuron (Inferentia, Trainium)']],
      ['amdgpu-device-plugin', ['AMD GPU']],
    ]);
  });
});
