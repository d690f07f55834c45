import type {
  ClusterCapacity,
  CapacityHistory,
  FleetCapacity,
  ModelCapacity,
  NodeCapacity,
} from '@internal/plugin-ai-conformance-common';

const hoursAgo = (h: number) =>
  new Date(Date.now() - h * 3600_000).toISOString();
const NO_DRA = { physical: 0, devices: 0, allocated: 0, free: 0 };

function h100Node(name: string, allocated: number): NodeCapacity {
  return {
    name,
    ready: true,
    unschedulable: false,
    pool: 'h100',
    instanceType: 'p5.48xlarge',
    accelerators: [
      {
        vendor: 'nvidia',
        model: 'NVIDIA-H100-80GB-HBM3',
        memoryBytes: 80 * 2 ** 30,
        physical: 8,
        resources: [
          {
            resource: 'nvidia.com/gpu',
            kind: 'device',
            capacity: 8,
            allocatable: 8,
            allocated,
            free: 8 - allocated,
          },
        ],
        dra: NO_DRA,
        devices: { allocatable: 8, allocated, free: 8 - allocated },
        sources: ['nvidia.com/gpu.product', 'nvidia.com/gpu'],
      },
    ],
    dra: NO_DRA,
  };
}

const a100Mig: NodeCapacity = {
  name: 'gpu-a100-mig',
  ready: true,
  unschedulable: false,
  pool: 'a100',
  accelerators: [
    {
      vendor: 'nvidia',
      model: 'NVIDIA-A100-SXM4-80GB',
      physical: 2,
      resources: [
        {
          resource: 'nvidia.com/mig-1g.10gb',
          kind: 'partition',
          profile: '1g.10gb',
          capacity: 14,
          allocatable: 14,
          allocated: 3,
          free: 11,
        },
      ],
      dra: NO_DRA,
      devices: { allocatable: 0, allocated: 0, free: 0 },
      sources: ['nvidia.com/gpu.product'],
    },
  ],
  dra: NO_DRA,
};

const models: ModelCapacity[] = [
  {
    vendor: 'nvidia',
    model: 'NVIDIA-A100-SXM4-80GB',
    nodes: 1,
    physical: 2,
    physicalUnknownNodes: 0,
    devices: { allocatable: 0, allocated: 0, free: 0 },
    resources: a100Mig.accelerators[0].resources,
    dra: NO_DRA,
  },
  {
    vendor: 'nvidia',
    model: 'NVIDIA-H100-80GB-HBM3',
    memoryBytes: 80 * 2 ** 30,
    nodes: 2,
    physical: 20,
    physicalUnknownNodes: 0,
    devices: { allocatable: 20, allocated: 11, free: 9 },
    resources: [
      {
        resource: 'nvidia.com/gpu',
        kind: 'device',
        capacity: 16,
        allocatable: 16,
        allocated: 9,
        free: 7,
      },
    ],
    dra: { physical: 4, devices: 4, allocated: 2, free: 2 },
  },
];

/** gpu-east: two H100 device-plugin nodes, an A100 with MIG, four DRA H100s, a pending pod, a queue. */
export function clusterCapacity(
  overrides: Partial<ClusterCapacity> = {},
): ClusterCapacity {
  return {
    cluster: 'gpu-east',
    takenAt: hoursAgo(1),
    provider: 'aws',
    totals: {
      nodes: 5,
      acceleratorNodes: 4,
      physical: 22,
      devices: { allocatable: 20, allocated: 11, free: 9 },
      resources: [],
    },
    models,
    nodes: [h100Node('gpu-h100-0', 7), h100Node('gpu-h100-1', 2), a100Mig],
    dra: {
      pools: [
        {
          driver: 'gpu.nvidia.com',
          pool: 'gpu-dra-0',
          node: 'gpu-dra-0',
          generation: 1,
          slices: 1,
          expectedSlices: 1,
          counts: { physical: 4, devices: 4, allocated: 2, free: 2 },
        },
      ],
      devices: [0, 1, 2, 3].map(i => ({
        driver: 'gpu.nvidia.com',
        pool: 'gpu-dra-0',
        node: 'gpu-dra-0',
        device: `gpu-${i}`,
        vendor: 'nvidia',
        model: 'NVIDIA H100 80GB HBM3',
        memoryBytes: 80 * 2 ** 30,
        kind: 'device' as const,
        claims: i < 2 ? [`ml-serving/dra-inference-${i}`] : [],
        free: i >= 2,
      })),
    },
    pending: {
      pods: [
        {
          namespace: 'team-a',
          name: 'trainer-0',
          requests: { 'nvidia.com/gpu': 16 },
          claims: false,
          insufficient: ['nvidia.com/gpu'],
          message: '0/5 nodes are available: 5 Insufficient nvidia.com/gpu.',
        },
      ],
      byResource: { 'nvidia.com/gpu': 16 },
    },
    queues: [
      {
        name: 'gpu-cluster-queue',
        apiVersion: 'kueue.x-k8s.io/v1beta2',
        active: true,
        pendingWorkloads: 1,
        admittedWorkloads: 2,
        resources: [
          {
            flavor: 'h100',
            resource: 'nvidia.com/gpu',
            nominalQuota: 16,
            usage: 12,
            borrowed: 0,
            reserved: 12,
          },
        ],
      },
    ],
    unknown: [
      {
        name: 'xilinx.com/fpga',
        node: 'fpga-0',
        reason: 'unknown-extended-resource',
        detail:
          'extended resource xilinx.com/fpga on node fpga-0 matches no accelerator vendor profile',
        allocatable: 2,
        allocated: 0,
      },
    ],
    errors: [],
    ...overrides,
  };
}

export function capacityHistory(): CapacityHistory {
  return {
    points: [3, 2, 1].map((h, i) => ({
      takenAt: hoursAgo(h),
      physical: 22,
      devices: { allocatable: 20, allocated: 9 + i, free: 11 - i },
      pending: 16,
      models: [],
    })),
  };
}

export function fleetCapacity(): FleetCapacity {
  const east = clusterCapacity();
  return {
    clusters: [
      {
        cluster: 'gpu-east',
        takenAt: east.takenAt,
        provider: 'aws',
        totals: east.totals,
        models: east.models,
        pendingPods: 1,
        unknown: 1,
      },
      {
        cluster: 'gpu-west',
        takenAt: hoursAgo(2),
        provider: 'gcp',
        totals: {
          nodes: 1,
          acceleratorNodes: 1,
          physical: 8,
          devices: { allocatable: 8, allocated: 0, free: 8 },
          resources: [],
        },
        models: [
          {
            ...models[1],
            nodes: 1,
            physical: 8,
            devices: { allocatable: 8, allocated: 0, free: 8 },
          },
        ],
        pendingPods: 0,
        unknown: 0,
      },
    ],
  };
}
