import { findCapacity, normalizeModelName } from './findCapacity';
import { CapacitySnapshot, NodeCapacity } from './types';

function h100Node(
  name: string,
  free: number,
  extra: Partial<NodeCapacity> = {},
): NodeCapacity {
  return {
    name,
    ready: true,
    unschedulable: false,
    pool: 'h100',
    accelerators: [
      {
        vendor: 'nvidia',
        model: 'NVIDIA-H100-80GB-HBM3',
        physical: 8,
        resources: [
          {
            resource: 'nvidia.com/gpu',
            kind: 'device',
            capacity: 8,
            allocatable: 8,
            allocated: 8 - free,
            free,
          },
        ],
        dra: { physical: 0, devices: 0, allocated: 0, free: 0 },
        devices: { allocatable: 8, allocated: 8 - free, free },
        sources: ['nvidia.com/gpu.product'],
      },
    ],
    dra: { physical: 0, devices: 0, allocated: 0, free: 0 },
    ...extra,
  };
}

function snapshot(nodes: NodeCapacity[]): CapacitySnapshot {
  return {
    takenAt: '2026-12-03T12:00:00Z',
    totals: {
      nodes: nodes.length,
      acceleratorNodes: nodes.length,
      physical: 0,
      devices: { allocatable: 0, allocated: 0, free: 0 },
      resources: [],
    },
    models: [],
    nodes,
    dra: { pools: [], devices: [] },
    pending: { pods: [], byResource: {} },
    queues: [],
    unknown: [],
    errors: [],
  };
}

describe('findCapacity', () => {
  const fleet = [
    {
      cluster: 'prod-eu',
      snapshot: snapshot([
        h100Node('a', 8),
        h100Node('b', 3),
        h100Node('c', 8, { unschedulable: true }),
      ]),
    },
    {
      cluster: 'prod-us',
      snapshot: snapshot([h100Node('x', 2), h100Node('y', 2)]),
    },
    { cluster: 'cpu-only', snapshot: snapshot([]) },
  ];

  it('answers "8 free H100s": clusters and nodes that can take them on one node now', () => {
    const result = findCapacity(fleet, { model: 'h100', count: 8 });
    expect(result).toEqual([
      expect.objectContaining({
        cluster: 'prod-eu',
        clusterFree: 19,
        nodes: [expect.objectContaining({ node: 'a', free: 8 })],
      }),
      // the model exists but no node has 8 free: listed without nodes
      expect.objectContaining({
        cluster: 'prod-us',
        clusterFree: 4,
        nodes: [],
      }),
    ]);
  });

  it('matches model names regardless of spelling and skips clusters without the model', () => {
    expect(normalizeModelName('NVIDIA-H100_80GB  HBM3')).toBe(
      'nvidia h100 80gb hbm3',
    );
    expect(
      findCapacity(fleet, { model: 'H100 80GB', count: 1 }).map(m => m.cluster),
    ).toEqual(['prod-eu', 'prod-us']);
    expect(findCapacity(fleet, { model: 'MI300X', count: 1 })).toEqual([]);
  });

  it('counts units of one resource when asked', () => {
    const result = findCapacity(fleet, {
      model: 'h100',
      count: 3,
      resource: 'nvidia.com/gpu',
    });
    expect(result[0].nodes.map(n => n.node)).toEqual(['a', 'b']);
    expect(
      findCapacity(fleet, {
        model: 'h100',
        count: 1,
        resource: 'nvidia.com/mig-1g.10gb',
      })[0].nodes,
    ).toEqual([]);
  });
});
