import {
  capacityFacts,
  kubeNode,
  kubePod,
} from '../__testUtils__/capacityObjects';
import { describeWithShared, readFixture } from '../__testUtils__/facts';
import { reduceNode } from '../gather/reduce';
import { buildCapacitySnapshot } from './snapshot';

/* Every vendor's label convention, as the upstream projects write the labels (GPU Feature
   Discovery, GKE, EKS Auto Mode and Karpenter, AKS, the AMD node labeller, Intel's NFD rules, the
   Neuron and Gaudi device plugins' resources): vendor, model, memory and physical devices per
   node, and what is done when a label is missing or unreadable. */

const MiB = 2 ** 20;
const GiB = 2 ** 30;

function snapshotOf(
  labels: Record<string, string>,
  extended: Record<string, string>,
  pods: Array<Record<string, string>> = [],
) {
  return buildCapacitySnapshot(
    capacityFacts({
      nodes: [kubeNode('n', labels, extended)],
      pods: pods.map((requests, i) => kubePod(`p${i}`, 'n', requests)),
    }),
  );
}

/** The node's accelerators of one vendor. */
function acceleratorOf(
  labels: Record<string, string>,
  extended: Record<string, string>,
  vendor: string,
  pods: Array<Record<string, string>> = [],
) {
  const snapshot = snapshotOf(labels, extended, pods);
  const found = snapshot.nodes[0]?.accelerators.find(a => a.vendor === vendor);
  if (!found)
    throw new Error(
      `no ${vendor} accelerator in ${JSON.stringify(snapshot.nodes)}`,
    );
  return { accelerator: found, node: snapshot.nodes[0], snapshot };
}

describe('accelerator labels per vendor', () => {
  it('NVIDIA GPU Feature Discovery: product, count and memory (MiB)', () => {
    const { accelerator, snapshot } = acceleratorOf(
      {
        'nvidia.com/gpu.present': 'true',
        'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3',
        'nvidia.com/gpu.count': '8',
        'nvidia.com/gpu.memory': '81559',
        'nvidia.com/gpu.replicas': '1',
        'nvidia.com/gpu.sharing-strategy': 'none',
      },
      { 'nvidia.com/gpu': '8' },
      'nvidia',
      [{ 'nvidia.com/gpu': '3' }],
    );
    expect(accelerator).toMatchObject({
      model: 'NVIDIA-H100-80GB-HBM3',
      memoryBytes: 81559 * MiB,
      physical: 8,
      devices: { allocatable: 8, allocated: 3, free: 5 },
    });
    expect(accelerator.sources).toEqual(
      expect.arrayContaining([
        'nvidia.com/gpu.product',
        'nvidia.com/gpu.count',
        'nvidia.com/gpu.memory',
      ]),
    );
    expect(snapshot.unknown).toEqual([]);
  });

  it('NVIDIA GFD with MIG single strategy: the product names the profile, the units are partitions', () => {
    const { accelerator } = acceleratorOf(
      {
        'nvidia.com/gpu.product': 'A100-SXM4-40GB-MIG-1g.5gb',
        'nvidia.com/gpu.count': '7',
        'nvidia.com/mig.strategy': 'single',
      },
      { 'nvidia.com/gpu': '7' },
      'nvidia',
    );
    expect(accelerator.model).toBe('A100-SXM4-40GB');
    expect(accelerator.resources).toEqual([
      expect.objectContaining({
        resource: 'nvidia.com/gpu',
        kind: 'partition',
        profile: '1g.5gb',
        allocatable: 7,
      }),
    ]);
    // seven MIG devices are not seven GPUs, and no label tells how many GPUs they came from
    expect(accelerator.physical).toBeUndefined();
    expect(accelerator.devices.allocatable).toBe(0);
  });

  it('NVIDIA time-slicing with renameByDefault: nvidia.com/gpu.shared units are shares', () => {
    const { accelerator } = acceleratorOf(
      {
        'nvidia.com/gpu.product': 'Tesla-T4-SHARED',
        'nvidia.com/gpu.count': '1',
        'nvidia.com/gpu.replicas': '4',
        'nvidia.com/gpu.sharing-strategy': 'time-slicing',
      },
      { 'nvidia.com/gpu.shared': '4' },
      'nvidia',
      [{ 'nvidia.com/gpu.shared': '1' }],
    );
    expect(accelerator).toMatchObject({
      model: 'Tesla-T4',
      physical: 1,
      sharesPerDevice: 4,
    });
    expect(accelerator.resources).toEqual([
      expect.objectContaining({
        resource: 'nvidia.com/gpu.shared',
        kind: 'share',
        allocatable: 4,
        allocated: 1,
        free: 3,
      }),
    ]);
    expect(accelerator.devices.allocatable).toBe(0);
  });

  it('GKE GPU: gke-accelerator and its count; time-sharing clients are shares', () => {
    const { accelerator, node } = acceleratorOf(
      {
        'cloud.google.com/gke-accelerator': 'nvidia-tesla-t4',
        'cloud.google.com/gke-accelerator-count': '2',
        'cloud.google.com/gke-gpu-sharing-strategy': 'time-sharing',
        'cloud.google.com/gke-max-shared-clients-per-gpu': '3',
        'cloud.google.com/gke-nodepool': 't4-pool',
        'node.kubernetes.io/instance-type': 'n1-standard-8',
      },
      { 'nvidia.com/gpu': '6' },
      'nvidia',
    );
    expect(accelerator).toMatchObject({
      model: 'nvidia-tesla-t4',
      physical: 2,
      sharesPerDevice: 3,
    });
    expect(accelerator.resources[0]).toMatchObject({
      kind: 'share',
      allocatable: 6,
    });
    expect(node).toMatchObject({
      pool: 't4-pool',
      instanceType: 'n1-standard-8',
    });
  });

  it('GKE GPU partitions: gke-gpu-partition-size makes nvidia.com/gpu units MIG partitions', () => {
    const { accelerator } = acceleratorOf(
      {
        'cloud.google.com/gke-accelerator': 'nvidia-tesla-a100',
        'cloud.google.com/gke-accelerator-count': '1',
        'cloud.google.com/gke-gpu-partition-size': '1g.5gb',
      },
      { 'nvidia.com/gpu': '7' },
      'nvidia',
    );
    expect(accelerator).toMatchObject({
      model: 'nvidia-tesla-a100',
      physical: 1,
    });
    expect(accelerator.resources).toEqual([
      expect.objectContaining({
        resource: 'nvidia.com/gpu',
        kind: 'partition',
        profile: '1g.5gb',
        allocatable: 7,
      }),
    ]);
    expect(accelerator.devices.allocatable).toBe(0);
  });

  it('GKE TPU: gke-tpu-accelerator names the model, google.com/tpu counts chips', () => {
    const { accelerator } = acceleratorOf(
      {
        'cloud.google.com/gke-tpu-accelerator': 'tpu-v5-lite-podslice',
        'cloud.google.com/gke-tpu-topology': '2x4',
      },
      { 'google.com/tpu': '8' },
      'google-tpu',
      [{ 'google.com/tpu': '8' }],
    );
    expect(accelerator).toMatchObject({
      model: 'tpu-v5-lite-podslice',
      physical: 8,
      devices: { allocatable: 8, allocated: 8, free: 0 },
    });
  });

  it('EKS Auto Mode: instance-gpu-* labels with the manufacturer naming the vendor', () => {
    const { accelerator } = acceleratorOf(
      {
        'eks.amazonaws.com/instance-gpu-manufacturer': 'nvidia',
        'eks.amazonaws.com/instance-gpu-name': 'l40s',
        'eks.amazonaws.com/instance-gpu-count': '4',
        'eks.amazonaws.com/instance-gpu-memory': '45776',
      },
      { 'nvidia.com/gpu': '4' },
      'nvidia',
    );
    expect(accelerator).toMatchObject({
      model: 'l40s',
      physical: 4,
      memoryBytes: 45776 * MiB,
    });
  });

  it('Karpenter on AWS: instance-gpu-* labels; an AMD instance is AMD', () => {
    const nvidia = acceleratorOf(
      {
        'karpenter.sh/nodepool': 'gpu',
        'karpenter.k8s.aws/instance-gpu-manufacturer': 'nvidia',
        'karpenter.k8s.aws/instance-gpu-name': 'a10g',
        'karpenter.k8s.aws/instance-gpu-count': '1',
        'karpenter.k8s.aws/instance-gpu-memory': '24576',
      },
      { 'nvidia.com/gpu': '1' },
      'nvidia',
    );
    expect(nvidia.accelerator).toMatchObject({
      model: 'a10g',
      physical: 1,
      memoryBytes: 24 * GiB,
    });
    expect(nvidia.node.pool).toBe('gpu');
    const amd = acceleratorOf(
      {
        'karpenter.k8s.aws/instance-gpu-manufacturer': 'amd',
        'karpenter.k8s.aws/instance-gpu-name': 'radeon-pro-v520',
        'karpenter.k8s.aws/instance-gpu-count': '1',
      },
      { 'amd.com/gpu': '1' },
      'amd',
    );
    expect(amd.accelerator).toMatchObject({
      model: 'radeon-pro-v520',
      physical: 1,
    });
  });

  it('EKS node groups: k8s.amazonaws.com/accelerator names NVIDIA and Inferentia models', () => {
    expect(
      acceleratorOf(
        { 'k8s.amazonaws.com/accelerator': 'nvidia-tesla-v100' },
        { 'nvidia.com/gpu': '8' },
        'nvidia',
      ).accelerator,
    ).toMatchObject({ model: 'nvidia-tesla-v100', physical: 8 });
    expect(
      acceleratorOf(
        { 'k8s.amazonaws.com/accelerator': 'aws-inferentia2' },
        { 'aws.amazon.com/neuron': '6' },
        'aws-neuron',
      ).accelerator,
    ).toMatchObject({ model: 'aws-inferentia2', physical: 6 });
  });

  it('AWS Neuron through Karpenter: devices and cores of the same chips, cores are partitions', () => {
    const { accelerator } = acceleratorOf(
      {
        'karpenter.k8s.aws/instance-accelerator-manufacturer': 'aws',
        'karpenter.k8s.aws/instance-accelerator-name': 'trainium',
        'karpenter.k8s.aws/instance-accelerator-count': '16',
      },
      {
        'aws.amazon.com/neuron': '16',
        'aws.amazon.com/neurondevice': '16',
        'aws.amazon.com/neuroncore': '32',
      },
      'aws-neuron',
      [{ 'aws.amazon.com/neuron': '4' }, { 'aws.amazon.com/neuroncore': '2' }],
    );
    expect(accelerator).toMatchObject({ model: 'trainium', physical: 16 });
    // the two aliases hold the same 16 devices: counted once
    expect(accelerator.devices).toEqual({
      allocatable: 16,
      allocated: 4,
      free: 12,
    });
    expect(
      accelerator.resources.find(
        r => r.resource === 'aws.amazon.com/neuroncore',
      ),
    ).toMatchObject({
      kind: 'partition',
      allocatable: 32,
      allocated: 2,
    });
  });

  it('AKS: the accelerator label names only the vendor, so the model is reported missing', () => {
    const { accelerator, node, snapshot } = acceleratorOf(
      {
        'kubernetes.azure.com/accelerator': 'nvidia',
        'kubernetes.azure.com/agentpool': 'gpunp',
        agentpool: 'gpunp',
        'node.kubernetes.io/instance-type': 'Standard_NC24ads_A100_v4',
      },
      { 'nvidia.com/gpu': '1' },
      'nvidia',
      [{ 'nvidia.com/gpu': '1' }],
    );
    expect(accelerator).toMatchObject({
      model: 'unknown',
      physical: 1,
      devices: { allocatable: 1, allocated: 1, free: 0 },
    });
    expect(node).toMatchObject({
      pool: 'gpunp',
      instanceType: 'Standard_NC24ads_A100_v4',
    });
    expect(snapshot.unknown).toEqual([
      expect.objectContaining({
        name: 'nvidia.com/gpu',
        node: 'n',
        reason: 'missing-label',
      }),
    ]);
  });

  it('AKS with the GPU Operator: GFD labels name the model', () => {
    const { accelerator, snapshot } = acceleratorOf(
      {
        'kubernetes.azure.com/accelerator': 'nvidia',
        agentpool: 'gpunp',
        'nvidia.com/gpu.product': 'NVIDIA-A100-80GB-PCIe',
        'nvidia.com/gpu.count': '1',
      },
      { 'nvidia.com/gpu': '1' },
      'nvidia',
    );
    expect(accelerator.model).toBe('NVIDIA-A100-80GB-PCIe');
    expect(snapshot.unknown).toEqual([]);
  });

  it('AMD node labeller: product name and VRAM (192G); partition resources are partitions', () => {
    const { accelerator } = acceleratorOf(
      {
        'amd.com/gpu.product-name': 'AMD_Instinct_MI300X_OAM',
        'amd.com/gpu.vram': '192G',
        'amd.com/gpu.family': 'AI',
        'amd.com/gpu.device-id': '74a1',
        'amd.com/gpu.compute-memory-partition': 'cpx_nps4',
      },
      { 'amd.com/gpu': '8', 'amd.com/cpx_nps4': '64' },
      'amd',
      [{ 'amd.com/cpx_nps4': '5' }],
    );
    expect(accelerator).toMatchObject({
      model: 'AMD_Instinct_MI300X_OAM',
      memoryBytes: 192 * GiB,
      physical: 8,
    });
    expect(
      accelerator.resources.find(r => r.resource === 'amd.com/cpx_nps4'),
    ).toMatchObject({
      kind: 'partition',
      profile: 'cpx_nps4',
      allocatable: 64,
      allocated: 5,
      free: 59,
    });
  });

  it('AMD legacy beta.amd.com labels', () => {
    const { accelerator } = acceleratorOf(
      {
        'beta.amd.com/gpu.product-name': 'AMD_Instinct_MI250X',
        'beta.amd.com/gpu.product-name.AMD_Instinct_MI250X': '8',
        'beta.amd.com/gpu.vram': '64G',
      },
      { 'amd.com/gpu': '8' },
      'amd',
    );
    expect(accelerator).toMatchObject({
      model: 'AMD_Instinct_MI250X',
      memoryBytes: 64 * GiB,
      physical: 8,
    });
  });

  it('Intel NFD rules: product, family and device count; i915 units are devices', () => {
    const { accelerator } = acceleratorOf(
      {
        'gpu.intel.com/device-id.0380-0bd5.count': '2',
        'gpu.intel.com/device-id.0380-0bd5.present': 'true',
        'gpu.intel.com/device.count': '2',
        'gpu.intel.com/family': 'Max_Series',
        'gpu.intel.com/product': 'Max_1550',
      },
      { 'gpu.intel.com/i915': '2' },
      'intel-gpu',
      [{ 'gpu.intel.com/i915': '1' }],
    );
    expect(accelerator).toMatchObject({
      model: 'Max_1550',
      physical: 2,
      devices: { allocatable: 2, allocated: 1, free: 1 },
    });
  });

  it('Intel with only the family label: the family names the model', () => {
    const { accelerator } = acceleratorOf(
      { 'gpu.intel.com/family': 'Flex_Series' },
      { 'gpu.intel.com/xe': '1' },
      'intel-gpu',
    );
    expect(accelerator.model).toBe('Flex_Series');
  });

  it('Intel Gaudi: habana.ai/gaudi devices, the model from Karpenter accelerator labels', () => {
    const { accelerator } = acceleratorOf(
      {
        'node.kubernetes.io/instance-type': 'dl1.24xlarge',
        'karpenter.k8s.aws/instance-accelerator-manufacturer': 'habana',
        'karpenter.k8s.aws/instance-accelerator-name': 'gaudi-hl-205',
        'karpenter.k8s.aws/instance-accelerator-count': '8',
      },
      { 'habana.ai/gaudi': '8' },
      'intel-gaudi',
    );
    expect(accelerator).toMatchObject({
      model: 'gaudi-hl-205',
      physical: 8,
      devices: { allocatable: 8 },
    });
  });
});

describe('bad input is counted under "unknown accelerator", never failing the view', () => {
  it('a count label that is not a number is reported with the label; the resource still counts', () => {
    const { accelerator, snapshot } = acceleratorOf(
      {
        'nvidia.com/gpu.product': 'NVIDIA-L4',
        'nvidia.com/gpu.count': 'eight',
        'nvidia.com/gpu.memory': '23034',
      },
      { 'nvidia.com/gpu': '8' },
      'nvidia',
    );
    expect(accelerator).toMatchObject({
      model: 'NVIDIA-L4',
      physical: 8,
      memoryBytes: 23034 * MiB,
    });
    expect(snapshot.unknown).toEqual([
      expect.objectContaining({
        name: 'nvidia.com/gpu.count',
        node: 'n',
        reason: 'malformed-object',
        detail: expect.stringContaining('"eight"'),
      }),
    ]);
  });

  it('a malformed node quantity is left out of the totals and named', () => {
    const snapshot = buildCapacitySnapshot(
      capacityFacts({
        nodes: [
          kubeNode(
            'bad',
            { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' },
            { 'nvidia.com/gpu': '8x' },
          ),
          kubeNode(
            'good',
            { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' },
            { 'nvidia.com/gpu': '8' },
          ),
        ],
      }),
    );
    expect(snapshot.unknown).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'nvidia.com/gpu',
          node: 'bad',
          reason: 'malformed-quantity',
        }),
      ]),
    );
    expect(
      snapshot.totals.resources.find(r => r.resource === 'nvidia.com/gpu'),
    ).toMatchObject({ allocatable: 8 });
    expect(snapshot.errors).toEqual([]);
  });

  it('an extended resource of no known vendor is an unknown accelerator with its name and figures', () => {
    const snapshot = snapshotOf({}, { 'example.com/npu': '4' }, [
      { 'example.com/npu': '1' },
    ]);
    expect(snapshot.unknown).toEqual([
      expect.objectContaining({
        name: 'example.com/npu',
        reason: 'unknown-extended-resource',
        allocatable: 4,
        allocated: 1,
      }),
    ]);
    expect(snapshot.models).toEqual([
      expect.objectContaining({
        vendor: 'unknown',
        model: 'unknown accelerator',
      }),
    ]);
  });
});

describeWithShared(
  'labels of real GFD nodes (../shared/fixtures/nodes)',
  () => {
    it('the DGX A100 node list gives the product, one GPU and its memory', () => {
      const [item] = readFixture(
        'nodes/node-list-gfd-labels-A100-DGX-docs-trimmed.yaml',
      );
      const node = reduceNode({
        ...item,
        metadata: { name: 'dgx', ...item.metadata },
        status: {
          capacity: { 'nvidia.com/gpu': '1' },
          allocatable: { 'nvidia.com/gpu': '1' },
        },
      });
      const snapshot = buildCapacitySnapshot(capacityFacts({ nodes: [node] }));
      expect(snapshot.nodes[0].accelerators).toEqual([
        expect.objectContaining({
          vendor: 'nvidia',
          model: 'A100-SXM4-40GB',
          physical: 1,
          memoryBytes: 39538 * MiB,
        }),
      ]);
      expect(snapshot.unknown).toEqual([]);
    });
  },
);
