import {
  CapacitySnapshot,
  NodeCapacity,
} from '@internal/plugin-ai-conformance-common';

const H100 = 'NVIDIA-H100-80GB-HBM3';

/** One ready H100 node with 8 GPUs of which `allocated` are taken (device-plugin units). */
export function h100Node(name: string, allocated: number): NodeCapacity {
  const free = 8 - allocated;
  return {
    name,
    ready: true,
    unschedulable: false,
    pool: 'h100',
    accelerators: [
      {
        vendor: 'nvidia',
        model: H100,
        physical: 8,
        resources: [
          {
            resource: 'nvidia.com/gpu',
            kind: 'device',
            capacity: 8,
            allocatable: 8,
            allocated,
            free,
          },
        ],
        dra: { physical: 0, devices: 0, allocated: 0, free: 0 },
        devices: { allocatable: 8, allocated, free },
        sources: ['nvidia.com/gpu.product', 'nvidia.com/gpu'],
      },
    ],
    dra: { physical: 0, devices: 0, allocated: 0, free: 0 },
  };
}

/**
 * A capacity snapshot of H100 nodes with `allocated` GPUs taken in total (on the first node, or
 * as `nodes` rows say), as the engine builds it.
 */
export function makeCapacitySnapshot(
  takenAt: string,
  allocated: number,
  nodes: number | NodeCapacity[] = 1,
): CapacitySnapshot {
  const rows = typeof nodes === 'number' ? [] : nodes;
  const count = typeof nodes === 'number' ? nodes : nodes.length;
  const devices = {
    allocatable: 8 * count,
    allocated,
    free: 8 * count - allocated,
  };
  return {
    takenAt,
    provider: 'aws',
    totals: {
      nodes: count,
      acceleratorNodes: count,
      physical: 8 * count,
      devices,
      resources: [],
    },
    models: [
      {
        vendor: 'nvidia',
        model: H100,
        nodes: count,
        physical: 8 * count,
        physicalUnknownNodes: 0,
        devices,
        resources: [],
        dra: { physical: 0, devices: 0, allocated: 0, free: 0 },
      },
    ],
    nodes: rows,
    dra: { pools: [], devices: [] },
    pending: { pods: [], byResource: { 'nvidia.com/gpu': 4 } },
    queues: [],
    unknown: [],
    errors: [],
  };
}
