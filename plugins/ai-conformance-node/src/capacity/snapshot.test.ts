import {
  describeWithShared,
  makeFacts,
  readFixture,
} from '../__testUtils__/facts';
import {
  capacityFacts as facts,
  kubeNode as node,
  kubePod as pod,
} from '../__testUtils__/capacityObjects';
import {
  reducePod,
  reduceResourceClaim,
  reduceResourceSlice,
} from '../gather/reduce';
import { buildCapacitySnapshot } from './snapshot';

/* A mixed cluster in the shapes the API server returns (reduced by the engine's own reducers):
   device-plugin H100s, an A100 in MIG mixed strategy, a time-sliced T4, an AMD MI300X node with
   partitions, a GKE TPU host, an Inferentia node, an unknown accelerator and bad input. */

const H100_LABELS = {
  'nvidia.com/gpu.present': 'true',
  'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3',
  'nvidia.com/gpu.count': '8',
  'nvidia.com/gpu.memory': '81559',
  'eks.amazonaws.com/nodegroup': 'h100',
  'node.kubernetes.io/instance-type': 'p5.48xlarge',
};

describe('buildCapacitySnapshot: extended resources', () => {
  const nodes = [
    node('h100-a', H100_LABELS, { 'nvidia.com/gpu': '8' }),
    node('h100-b', H100_LABELS, { 'nvidia.com/gpu': '8' }),
    node(
      'a100-mig',
      {
        'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB',
        'nvidia.com/gpu.count': '2',
        'nvidia.com/gpu.memory': '81920',
        'nvidia.com/mig.strategy': 'mixed',
      },
      {
        'nvidia.com/gpu': '0',
        'nvidia.com/mig-1g.10gb': '14',
        'nvidia.com/mig-3g.40gb': '2',
      },
    ),
    node(
      't4-shared',
      {
        'nvidia.com/gpu.product': 'Tesla-T4-SHARED',
        'nvidia.com/gpu.count': '1',
        'nvidia.com/gpu.replicas': '4',
        'nvidia.com/gpu.sharing-strategy': 'time-slicing',
        'nvidia.com/gpu.memory': '15360',
      },
      { 'nvidia.com/gpu': '4' },
    ),
    node(
      'mi300x',
      {
        'amd.com/gpu.product-name': 'AMD_Instinct_MI300X_OAM',
        'amd.com/gpu.vram': '192G',
      },
      { 'amd.com/gpu': '8', 'amd.com/cpx_nps4': '0' },
    ),
    node(
      'tpu-host',
      {
        'cloud.google.com/gke-tpu-accelerator': 'tpu-v6e-slice',
        'cloud.google.com/gke-tpu-topology': '2x4',
        'cloud.google.com/gke-nodepool': 'tpu-pool',
      },
      { 'google.com/tpu': '8' },
    ),
    node(
      'inf2',
      {
        'karpenter.k8s.aws/instance-accelerator-manufacturer': 'aws',
        'karpenter.k8s.aws/instance-accelerator-name': 'inferentia',
        'karpenter.k8s.aws/instance-accelerator-count': '6',
      },
      { 'aws.amazon.com/neuron': '6', 'aws.amazon.com/neuroncore': '12' },
    ),
    node('fpga', {}, { 'xilinx.com/fpga-u250': '2' }),
    node('cpu', {}, { 'rdma/hca': '1' }),
    node(
      'broken',
      { 'nvidia.com/gpu.present': 'true' },
      { 'nvidia.com/gpu': 'eight' },
    ),
    node('unlabelled', {}, { 'nvidia.com/gpu': '4' }),
  ];
  const pods = [
    pod('train-0', 'h100-a', { 'nvidia.com/gpu': '4' }),
    pod(
      'train-1',
      'h100-a',
      { 'nvidia.com/gpu': '2' },
      {
        // the init step asks 3: max(2, 3) = 3
        initContainers: [
          { name: 'warm', resources: { requests: { 'nvidia.com/gpu': '3' } } },
        ],
      },
    ),
    pod(
      'pending-bound',
      'h100-b',
      { 'nvidia.com/gpu': '1' },
      { phase: 'Pending' },
    ),
    pod(
      'finished',
      'h100-b',
      { 'nvidia.com/gpu': '8' },
      { phase: 'Succeeded' },
    ),
    pod('mig-0', 'a100-mig', { 'nvidia.com/mig-1g.10gb': '1' }),
    pod('mig-1', 'a100-mig', { 'nvidia.com/mig-3g.40gb': '1' }),
    pod('t4-0', 't4-shared', { 'nvidia.com/gpu': '1' }),
    pod('amd-0', 'mi300x', { 'amd.com/gpu': '8' }),
    pod('tpu-0', 'tpu-host', { 'google.com/tpu': '4' }),
    pod('neuron-0', 'inf2', { 'aws.amazon.com/neuroncore': '2' }),
    pod('fpga-0', 'fpga', { 'xilinx.com/fpga-u250': '1' }),
    pod('bad', 'h100-b', { 'nvidia.com/gpu': 'lots' }),
    pod(
      'waiting',
      undefined,
      { 'nvidia.com/gpu': '16' },
      {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message:
              '0/11 nodes are available: 11 Insufficient nvidia.com/gpu. preemption: 0/11 nodes are available: 11 No preemption victims found for incoming pod.',
          },
        ],
      },
    ),
    pod(
      'cpu-waiting',
      undefined,
      { cpu: '500' },
      {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/11 nodes are available: 11 Insufficient cpu.',
          },
        ],
      },
    ),
  ];
  const snapshot = buildCapacitySnapshot(facts({ nodes, pods }), {
    takenAt: '2026-12-03T12:00:00Z',
  });
  const model = (name: string) => snapshot.models.find(m => m.model === name)!;
  const nodeRow = (name: string) => snapshot.nodes.find(n => n.name === name)!;

  it('counts whole devices per model: physical, allocatable, allocated (scheduler rule), free', () => {
    const h100 = model('NVIDIA-H100-80GB-HBM3');
    expect(h100).toMatchObject({
      vendor: 'nvidia',
      nodes: 2,
      physical: 16,
      memoryBytes: 81559 * 2 ** 20,
      // 4 + max(2, 3) on h100-a, 1 (bound, Pending) on h100-b; the Succeeded pod holds nothing
      devices: { allocatable: 16, allocated: 8, free: 8 },
    });
    expect(nodeRow('h100-a').accelerators[0].resources).toEqual([
      {
        resource: 'nvidia.com/gpu',
        kind: 'device',
        capacity: 8,
        allocatable: 8,
        allocated: 7,
        free: 1,
      },
    ]);
    expect(nodeRow('h100-a')).toMatchObject({
      pool: 'h100',
      instanceType: 'p5.48xlarge',
    });
  });

  it('MIG partitions are units of their own and never add physical GPUs', () => {
    const a100 = model('NVIDIA-A100-SXM4-80GB');
    expect(a100.physical).toBe(2);
    expect(a100.devices).toEqual({ allocatable: 0, allocated: 0, free: 0 });
    expect(a100.resources).toEqual([
      expect.objectContaining({
        resource: 'nvidia.com/mig-1g.10gb',
        kind: 'partition',
        profile: '1g.10gb',
        allocatable: 14,
        allocated: 1,
        free: 13,
      }),
      expect.objectContaining({
        resource: 'nvidia.com/mig-3g.40gb',
        kind: 'partition',
        profile: '3g.40gb',
        allocatable: 2,
        allocated: 1,
        free: 1,
      }),
    ]);
  });

  it('time-sliced replicas are shares of one physical GPU, under the hardware model name', () => {
    const t4 = model('Tesla-T4');
    expect(t4.physical).toBe(1);
    expect(t4.devices.allocatable).toBe(0);
    expect(t4.resources).toEqual([
      expect.objectContaining({
        resource: 'nvidia.com/gpu',
        kind: 'share',
        allocatable: 4,
        allocated: 1,
        free: 3,
      }),
    ]);
    expect(nodeRow('t4-shared').accelerators[0].sharesPerDevice).toBe(4);
  });

  it('reads AMD, TPU and Neuron models; Neuron cores are partitions of the Neuron devices', () => {
    expect(model('AMD_Instinct_MI300X_OAM')).toMatchObject({
      vendor: 'amd',
      physical: 8,
      memoryBytes: 192 * 2 ** 30,
      devices: { allocatable: 8, allocated: 8, free: 0 },
    });
    expect(model('tpu-v6e-slice')).toMatchObject({
      vendor: 'google-tpu',
      physical: 8,
      devices: { allocatable: 8, allocated: 4, free: 4 },
    });
    const inferentia = model('inferentia');
    expect(inferentia).toMatchObject({ vendor: 'aws-neuron', physical: 6 });
    expect(inferentia.devices).toEqual({
      allocatable: 6,
      allocated: 0,
      free: 6,
    });
    expect(
      inferentia.resources.find(
        r => r.resource === 'aws.amazon.com/neuroncore',
      ),
    ).toMatchObject({
      kind: 'partition',
      allocatable: 12,
      allocated: 2,
    });
  });

  it('counts unknown extended resources, malformed quantities and missing labels under unknown, with the name', () => {
    expect(snapshot.unknown).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'xilinx.com/fpga-u250',
          node: 'fpga',
          reason: 'unknown-extended-resource',
          allocatable: 2,
          allocated: 1,
        }),
        expect.objectContaining({
          name: 'nvidia.com/gpu',
          node: 'broken',
          reason: 'malformed-quantity',
        }),
        expect.objectContaining({
          name: 'nvidia.com/gpu',
          reason: 'malformed-quantity',
          detail: expect.stringContaining('ml/bad'),
        }),
        expect.objectContaining({
          name: 'nvidia.com/gpu',
          node: 'unlabelled',
          reason: 'missing-label',
        }),
      ]),
    );
    expect(model('unknown accelerator')).toMatchObject({
      vendor: 'unknown',
      physicalUnknownNodes: 1,
    });
    expect(model('unknown accelerator').resources).toEqual([
      expect.objectContaining({
        resource: 'xilinx.com/fpga-u250',
        kind: 'unknown',
        allocatable: 2,
        allocated: 1,
        free: 1,
      }),
    ]);
    // RDMA NICs are not accelerators
    expect(snapshot.nodes.find(n => n.name === 'cpu')).toBeUndefined();
  });

  it('shows pending demand for accelerators only', () => {
    expect(snapshot.pending.pods).toEqual([
      expect.objectContaining({
        namespace: 'ml',
        name: 'waiting',
        requests: { 'nvidia.com/gpu': 16 },
        insufficient: ['nvidia.com/gpu'],
        claims: false,
      }),
    ]);
    expect(snapshot.pending.byResource).toEqual({ 'nvidia.com/gpu': 16 });
  });

  it('totals per cluster equal the sum over nodes', () => {
    const gpu = snapshot.totals.resources.find(
      r => r.resource === 'nvidia.com/gpu',
    )!;
    // h100-a 8 + h100-b 8 + t4 4 + unlabelled 4 (+ a100 0; broken is malformed)
    expect(gpu).toMatchObject({ allocatable: 24, allocated: 9 });
    expect(snapshot.totals.nodes).toBe(11);
    expect(snapshot.totals.acceleratorNodes).toBe(8);
    expect(snapshot.errors).toEqual([]);
  });
});

describe('buildCapacitySnapshot: pods whose accelerators are not in their app containers', () => {
  it('counts accelerators requested only by an init container or only in the overhead', () => {
    const initOnly = pod(
      'prepare',
      'h100-a',
      { cpu: '1' },
      {
        initContainers: [
          { name: 'warm', resources: { requests: { 'nvidia.com/gpu': '2' } } },
        ],
      },
    );
    const withOverhead = reducePod({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { namespace: 'ml', name: 'sandboxed' },
      spec: {
        nodeName: 'h100-a',
        containers: [{ name: 'main', resources: { requests: { cpu: '1' } } }],
        overhead: { 'nvidia.com/gpu': '1' },
      },
      status: { phase: 'Running' },
    });
    const cpuOnly = pod('web', 'h100-a', { cpu: '2' });
    const result = buildCapacitySnapshot(
      facts({
        nodes: [node('h100-a', H100_LABELS, { 'nvidia.com/gpu': '8' })],
        pods: [initOnly, withOverhead, cpuOnly],
      }),
    );
    const gpu = result.nodes[0].accelerators[0].resources.find(
      r => r.resource === 'nvidia.com/gpu',
    );
    expect(gpu).toMatchObject({ allocatable: 8, allocated: 3, free: 5 });
  });
});

describe('buildCapacitySnapshot: facts that could not be read', () => {
  it('names the missing fact and keeps the rest', () => {
    const f = makeFacts({
      values: {
        nodes: [node('h100-a', H100_LABELS, { 'nvidia.com/gpu': '8' })],
      },
      errors: {
        pods: 'pods is forbidden: User "reader" cannot list resource "pods"',
      },
    });
    const snapshot = buildCapacitySnapshot(f);
    expect(snapshot.errors).toEqual([
      { fact: 'pods', error: expect.stringContaining('forbidden') },
    ]);
    expect(snapshot.models[0]).toMatchObject({
      physical: 8,
      devices: { allocatable: 8, allocated: 0 },
    });
  });
});

describe('buildCapacitySnapshot: DRA', () => {
  const device = (
    name: string,
    attributes: Record<string, object>,
    memory: string,
  ) => ({
    name,
    attributes,
    capacity: { memory: { value: memory } },
  });
  const slice = (
    nodeName: string,
    generation: number,
    devices: object[],
    apiVersion = 'resource.k8s.io/v1',
  ) =>
    reduceResourceSlice({
      apiVersion,
      kind: 'ResourceSlice',
      metadata: { name: `${nodeName}-gpu.nvidia.com-${generation}` },
      spec: {
        driver: 'gpu.nvidia.com',
        nodeName,
        pool: { name: nodeName, generation, resourceSliceCount: 1 },
        devices,
      },
    });
  const gpu = (i: number) =>
    device(
      `gpu-${i}`,
      {
        type: { string: 'gpu' },
        productName: { string: 'NVIDIA H100 80GB HBM3' },
        uuid: { string: `GPU-${i}` },
      },
      '80Gi',
    );
  const mig = (parent: number, i: number) =>
    device(
      `gpu-${parent}-mig-1g.10gb-${i}`,
      {
        type: { string: 'mig' },
        productName: { string: 'NVIDIA H100 80GB HBM3' },
        profile: { string: '1g.10gb' },
        parentUUID: { string: `GPU-${parent}` },
        uuid: { string: `MIG-${parent}-${i}` },
      },
      '9856Mi',
    );
  const claim = (name: string, nodeName: string, devices: string[]) =>
    reduceResourceClaim({
      apiVersion: 'resource.k8s.io/v1',
      kind: 'ResourceClaim',
      metadata: { namespace: 'ml', name },
      spec: {
        devices: {
          requests: [
            {
              name: 'gpu',
              exactly: {
                deviceClassName: 'gpu.nvidia.com',
                count: devices.length,
              },
            },
          ],
        },
      },
      status: {
        allocation: {
          devices: {
            results: devices.map(d => ({
              request: 'gpu',
              driver: 'gpu.nvidia.com',
              pool: nodeName,
              device: d,
            })),
          },
          nodeSelector: {
            nodeSelectorTerms: [
              {
                matchFields: [
                  { key: 'metadata.name', operator: 'In', values: [nodeName] },
                ],
              },
            ],
          },
        },
        reservedFor: [{ resource: 'pods', name: `${name}-pod`, uid: 'u' }],
      },
    });

  const nodes = [
    node(
      'dra-0',
      {
        'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3',
        'nvidia.com/gpu.count': '4',
      },
      {},
    ),
    node('dra-mig', {}, {}),
  ];
  const slices = [
    // generation 1 is stale: it must not count
    slice('dra-0', 1, [gpu(0), gpu(1), gpu(2), gpu(3), gpu(4), gpu(5)]),
    slice('dra-0', 2, [gpu(0), gpu(1), gpu(2), gpu(3)]),
    // MIG devices of two physical GPUs, published in the v1beta1 shape (`basic`)
    reduceResourceSlice({
      apiVersion: 'resource.k8s.io/v1beta1',
      kind: 'ResourceSlice',
      metadata: { name: 'dra-mig-slice' },
      spec: {
        driver: 'gpu.nvidia.com',
        nodeName: 'dra-mig',
        pool: { name: 'dra-mig', generation: 1, resourceSliceCount: 1 },
        devices: [mig(7, 0), mig(7, 1), mig(8, 0)].map(d => ({
          name: d.name,
          basic: { attributes: d.attributes, capacity: d.capacity },
        })),
      },
    }),
    reduceResourceSlice({
      apiVersion: 'resource.k8s.io/v1',
      kind: 'ResourceSlice',
      metadata: { name: 'fpga' },
      spec: {
        driver: 'fpga.example.com',
        nodeName: 'dra-mig',
        pool: { name: 'p', generation: 0, resourceSliceCount: 1 },
        devices: [{ name: 'f0' }],
      },
    }),
    reduceResourceSlice({
      apiVersion: 'resource.k8s.io/v1',
      kind: 'ResourceSlice',
      metadata: { name: 'nics' },
      spec: {
        driver: 'dra.net',
        nodeName: 'dra-0',
        pool: { name: 'dra-0', generation: 0, resourceSliceCount: 1 },
        devices: [{ name: 'eth1' }],
      },
    }),
  ];
  const claims = [
    claim('a', 'dra-0', ['gpu-0', 'gpu-1']),
    claim('b', 'dra-mig', ['gpu-7-mig-1g.10gb-0']),
  ];
  const snapshot = buildCapacitySnapshot(
    facts({ nodes, resourceSlices: slices, resourceClaims: claims }),
  );

  it('uses only the highest generation of a pool and marks devices allocated by claims', () => {
    const pool = snapshot.dra.pools.find(p => p.pool === 'dra-0')!;
    expect(pool).toMatchObject({
      generation: 2,
      slices: 1,
      counts: { physical: 4, devices: 4, allocated: 2, free: 2 },
    });
    expect(snapshot.dra.devices.find(d => d.device === 'gpu-0')).toMatchObject({
      model: 'NVIDIA H100 80GB HBM3',
      memoryBytes: 80 * 2 ** 30,
      kind: 'device',
      claims: ['ml/a'],
      free: false,
      node: 'dra-0',
    });
  });

  it('MIG devices count their parents once as physical GPUs', () => {
    const pool = snapshot.dra.pools.find(p => p.pool === 'dra-mig')!;
    expect(pool.counts).toEqual({
      physical: 2,
      devices: 3,
      allocated: 1,
      free: 2,
    });
    expect(
      snapshot.dra.devices.find(d => d.device === 'gpu-7-mig-1g.10gb-0'),
    ).toMatchObject({
      kind: 'partition',
      profile: '1g.10gb',
      parent: 'GPU-7',
    });
  });

  it('label and DRA counts of one node are the same GPUs: physical is not doubled', () => {
    const h100 = snapshot.models.find(
      m => m.vendor === 'nvidia' && m.model === 'NVIDIA-H100-80GB-HBM3',
    )!;
    expect(h100).toMatchObject({
      nodes: 2,
      physical: 6,
      devices: { allocatable: 4, allocated: 2, free: 2 },
    });
    expect(h100.dra).toEqual({
      physical: 6,
      devices: 7,
      allocated: 3,
      free: 4,
    });
  });

  it('an unknown DRA driver is an unknown accelerator; network drivers are not accelerators', () => {
    expect(snapshot.unknown).toEqual([
      expect.objectContaining({
        name: 'fpga.example.com',
        reason: 'unknown-dra-driver',
      }),
    ]);
    expect(snapshot.dra.devices.some(d => d.driver === 'dra.net')).toBe(false);
    expect(
      snapshot.dra.devices.find(d => d.driver === 'fpga.example.com'),
    ).toMatchObject({ model: 'unknown' });
  });

  it('partitionable devices: allocated counters block the devices that share them', () => {
    const counters = (set: string, memory: string) => [
      { counterSet: set, counters: { memory: { value: memory } } },
    ];
    const partitionable = reduceResourceSlice({
      apiVersion: 'resource.k8s.io/v1',
      kind: 'ResourceSlice',
      metadata: { name: 'part' },
      spec: {
        driver: 'gpu.nvidia.com',
        nodeName: 'p0',
        pool: { name: 'p0', generation: 0, resourceSliceCount: 1 },
        sharedCounters: [
          { name: 'gpu-0-counters', counters: { memory: { value: '80Gi' } } },
        ],
        devices: [
          {
            name: 'gpu-0',
            attributes: { type: { string: 'gpu' } },
            consumesCounters: counters('gpu-0-counters', '80Gi'),
          },
          {
            name: 'gpu-0-mig-a',
            attributes: {
              type: { string: 'mig' },
              profile: { string: '3g.40gb' },
            },
            consumesCounters: counters('gpu-0-counters', '40Gi'),
          },
          {
            name: 'gpu-0-mig-b',
            attributes: {
              type: { string: 'mig' },
              profile: { string: '3g.40gb' },
            },
            consumesCounters: counters('gpu-0-counters', '40Gi'),
          },
        ],
      },
    });
    const s = buildCapacitySnapshot(
      facts({
        nodes: [node('p0', {}, {})],
        resourceSlices: [partitionable],
        resourceClaims: [claim('c', 'p0', ['gpu-0-mig-a'])],
      }),
    );
    expect(s.dra.pools[0].counts).toEqual({
      physical: 1,
      devices: 3,
      allocated: 1,
      free: 1,
    });
    expect(s.dra.devices.filter(d => d.free).map(d => d.device)).toEqual([
      'gpu-0-mig-b',
    ]);
  });
});

describe('buildCapacitySnapshot: DRA API versions', () => {
  // one node's pool of two H100s and two MIG devices of a third GPU, as each version serves it
  const attrs = (i: number, extra: Record<string, object> = {}) => ({
    type: { string: 'gpu' },
    productName: { string: 'NVIDIA H100 80GB HBM3' },
    uuid: { string: `GPU-${i}` },
    ...extra,
  });
  const devices = [
    { name: 'gpu-0', attributes: attrs(0), capacity: { memory: '80Gi' } },
    { name: 'gpu-1', attributes: attrs(1), capacity: { memory: '80Gi' } },
    {
      name: 'gpu-2-mig-0',
      attributes: attrs(20, {
        type: { string: 'mig' },
        profile: { string: '3g.40gb' },
        parentUUID: { string: 'GPU-2' },
      }),
      capacity: { memory: '40Gi' },
    },
    {
      name: 'gpu-2-mig-1',
      attributes: attrs(21, {
        type: { string: 'mig' },
        profile: { string: '3g.40gb' },
        parentUUID: { string: 'GPU-2' },
      }),
      capacity: { memory: '40Gi' },
    },
  ];
  const shapes: Record<string, (d: (typeof devices)[number]) => object> = {
    // v1alpha3 wrote capacity as a bare quantity, v1beta1 as {value} under `basic`
    'resource.k8s.io/v1beta1': d => ({
      name: d.name,
      basic: {
        attributes: d.attributes,
        capacity: { memory: { value: d.capacity.memory } },
      },
    }),
    'resource.k8s.io/v1beta2': d => ({
      name: d.name,
      attributes: d.attributes,
      capacity: { memory: { value: d.capacity.memory } },
    }),
    'resource.k8s.io/v1': d => ({
      name: d.name,
      attributes: d.attributes,
      capacity: { memory: { value: d.capacity.memory } },
    }),
  };
  // v1beta1 requests carry the class directly, v1beta2 and v1 wrap it in `exactly`
  const request = (apiVersion: string) =>
    apiVersion.endsWith('v1beta1')
      ? { name: 'gpu', deviceClassName: 'gpu.nvidia.com', count: 1 }
      : {
          name: 'gpu',
          exactly: { deviceClassName: 'gpu.nvidia.com', count: 1 },
        };

  it.each(Object.keys(shapes))(
    '%s: same devices, partitions and allocations',
    apiVersion => {
      const slices = [0, 1].map(generation =>
        reduceResourceSlice({
          apiVersion,
          kind: 'ResourceSlice',
          metadata: { name: `n-gpu.nvidia.com-${generation}` },
          spec: {
            driver: 'gpu.nvidia.com',
            nodeName: 'n',
            pool: { name: 'n', generation, resourceSliceCount: 1 },
            // generation 0 still lists a GPU that was taken away
            devices: (generation === 0
              ? [...devices, { ...devices[0], name: 'gpu-9' }]
              : devices
            ).map(shapes[apiVersion]),
          },
        }),
      );
      const claims = ['gpu-1', 'gpu-2-mig-0'].map(device =>
        reduceResourceClaim({
          apiVersion,
          kind: 'ResourceClaim',
          metadata: { namespace: 'ml', name: `c-${device}` },
          spec: { devices: { requests: [request(apiVersion)] } },
          status: {
            allocation: {
              devices: {
                results: [
                  {
                    request: 'gpu',
                    driver: 'gpu.nvidia.com',
                    pool: 'n',
                    device,
                  },
                ],
              },
            },
          },
        }),
      );
      const snapshot = buildCapacitySnapshot(
        facts({
          nodes: [node('n', {}, {})],
          resourceSlices: slices,
          resourceClaims: claims,
        }),
      );
      expect(snapshot.dra.pools).toEqual([
        expect.objectContaining({
          generation: 1,
          slices: 1,
          counts: { physical: 3, devices: 4, allocated: 2, free: 2 },
        }),
      ]);
      expect(
        snapshot.dra.devices.map(d => [
          d.device,
          d.kind,
          d.memoryBytes,
          d.claims.length > 0,
        ]),
      ).toEqual([
        ['gpu-0', 'device', 80 * 2 ** 30, false],
        ['gpu-1', 'device', 80 * 2 ** 30, true],
        ['gpu-2-mig-0', 'partition', 40 * 2 ** 30, true],
        ['gpu-2-mig-1', 'partition', 40 * 2 ** 30, false],
      ]);
      expect(snapshot.models).toEqual([
        expect.objectContaining({
          model: 'NVIDIA H100 80GB HBM3',
          physical: 3,
          devices: { allocatable: 2, allocated: 1, free: 1 },
          dra: { physical: 3, devices: 4, allocated: 2, free: 2 },
        }),
      ]);
    },
  );
});

describeWithShared(
  'buildCapacitySnapshot: DRA round-trip objects with every field set',
  () => {
    it.each(['v1beta1', 'v1beta2', 'v1'])(
      'resource.k8s.io/%s: read without failing, the unknown driver named',
      version => {
        const [slice] = readFixture(
          `dra/apimachinery-roundtrip/resource.k8s.io.${version}.ResourceSlice.yaml`,
        );
        const [claim] = readFixture(
          `dra/apimachinery-roundtrip/resource.k8s.io.${version}.ResourceClaim.yaml`,
        );
        const snapshot = buildCapacitySnapshot(
          facts({
            resourceSlices: [reduceResourceSlice(slice)],
            resourceClaims: [reduceResourceClaim(claim)],
          }),
        );
        expect(snapshot.errors).toEqual([]);
        expect(snapshot.dra.devices.length).toBeGreaterThan(0);
        expect(snapshot.unknown).toEqual([
          expect.objectContaining({
            name: slice.spec.driver,
            reason: 'unknown-dra-driver',
          }),
        ]);
      },
    );
  },
);

describe('buildCapacitySnapshot: Kueue ClusterQueues', () => {
  const queue = (apiVersion: string, cohortField: string) => ({
    apiVersion,
    kind: 'ClusterQueue',
    metadata: { name: `gpu-${apiVersion.split('/')[1]}` },
    spec: {
      [cohortField]: 'research',
      resourceGroups: [
        {
          coveredResources: ['cpu', 'nvidia.com/gpu'],
          flavors: [
            {
              name: 'h100',
              resources: [
                { name: 'cpu', nominalQuota: '384' },
                {
                  name: 'nvidia.com/gpu',
                  nominalQuota: 16,
                  borrowingLimit: '8',
                },
              ],
            },
          ],
        },
      ],
    },
    status: {
      conditions: [{ type: 'Active', status: 'True', reason: 'Ready' }],
      pendingWorkloads: 3,
      admittedWorkloads: 2,
      flavorsUsage: [
        {
          name: 'h100',
          resources: [
            { name: 'nvidia.com/gpu', total: '20', borrowed: '4' },
            { name: 'cpu', total: '48' },
          ],
        },
      ],
      flavorsReservation: [
        {
          name: 'h100',
          resources: [{ name: 'nvidia.com/gpu', total: '20', borrowed: '4' }],
        },
      ],
    },
  });

  it.each([
    ['kueue.x-k8s.io/v1beta1', 'cohort'],
    ['kueue.x-k8s.io/v1beta2', 'cohortName'],
  ])('%s: quota against usage per flavor', (apiVersion, cohortField) => {
    const snapshot = buildCapacitySnapshot(
      facts({ kueueClusterQueues: [queue(apiVersion, cohortField)] }),
    );
    expect(snapshot.queues).toEqual([
      {
        name: `gpu-${apiVersion.split('/')[1]}`,
        apiVersion,
        cohort: 'research',
        active: true,
        pendingWorkloads: 3,
        admittedWorkloads: 2,
        resources: [
          {
            flavor: 'h100',
            resource: 'cpu',
            nominalQuota: 384,
            usage: 48,
            borrowed: 0,
            reserved: 0,
          },
          {
            flavor: 'h100',
            resource: 'nvidia.com/gpu',
            nominalQuota: 16,
            borrowingLimit: 8,
            usage: 20,
            borrowed: 4,
            reserved: 20,
          },
        ],
      },
    ]);
  });
});

describe('buildCapacitySnapshot: provider', () => {
  it('detects the provider with the same rules as the scorecard', () => {
    const snapshot = buildCapacitySnapshot(
      facts({
        nodes: [node('h100-a', H100_LABELS, { 'nvidia.com/gpu': '8' })],
      }),
    );
    expect(snapshot.provider).toBe('aws');
  });

  it('is other when no signal names a provider', () => {
    const snapshot = buildCapacitySnapshot(
      facts({ nodes: [node('plain', {}, {})] }),
    );
    expect(snapshot.provider).toBe('other');
  });

  it('takes the provider the evaluation detected, which also saw the API server URL', () => {
    const snapshot = buildCapacitySnapshot(
      facts({ nodes: [node('plain', {}, {})] }),
      { provider: 'azure' },
    );
    expect(snapshot.provider).toBe('azure');
  });
});
