import { normalizeModelName } from '@internal/plugin-ai-conformance-common';
import { countDevices } from './dra';
import {
  CapacitySnapshot,
  DeviceCounts,
  DraDevice,
  ModelCapacity,
  NodeCapacity,
  ResourceTotals,
  ResourceUnits,
  WholeDevices,
} from './types';

function addCounts(a: DeviceCounts, b: DeviceCounts): DeviceCounts {
  return {
    physical: a.physical + b.physical,
    devices: a.devices + b.devices,
    allocated: a.allocated + b.allocated,
    free: a.free + b.free,
  };
}

function addWhole(a: WholeDevices, b: WholeDevices): WholeDevices {
  return {
    allocatable: a.allocatable + b.allocatable,
    allocated: a.allocated + b.allocated,
    free: a.free + b.free,
  };
}

const NO_DEVICES: DeviceCounts = {
  physical: 0,
  devices: 0,
  allocated: 0,
  free: 0,
};
const NO_WHOLE: WholeDevices = { allocatable: 0, allocated: 0, free: 0 };

function mergeResources(
  into: Map<string, ResourceUnits>,
  list: ResourceUnits[],
) {
  for (const r of list) {
    const key = `${r.resource}\u0000${r.kind}`;
    const sum = into.get(key);
    if (!sum) {
      into.set(key, { ...r });
      continue;
    }
    sum.capacity += r.capacity;
    sum.allocatable += r.allocatable;
    sum.allocated += r.allocated;
    sum.free += r.free;
  }
}

/** A model key that ignores spelling: `NVIDIA-H100-80GB-HBM3` and `NVIDIA H100 80GB HBM3` match. */
function modelKey(vendor: string, model: string): string {
  return `${vendor}\u0000${normalizeModelName(model)}`;
}

/**
 * Per model (vendor + model name): nodes, physical devices, whole devices, extended resource
 * units and DRA devices, summed over nodes; devices of multi-node DRA pools are added by their
 * own model.
 *
 * @public
 */
export function summarizeModels(
  nodes: NodeCapacity[],
  unattachedDevices: DraDevice[],
  physicalIds: Map<DraDevice, string | undefined>,
): ModelCapacity[] {
  const models = new Map<
    string,
    ModelCapacity & { units: Map<string, ResourceUnits> }
  >();
  const entry = (vendor: string, model: string, memoryBytes?: number) => {
    const key = modelKey(vendor, model);
    let m = models.get(key);
    if (!m) {
      m = {
        vendor,
        model,
        memoryBytes,
        nodes: 0,
        physical: 0,
        physicalUnknownNodes: 0,
        devices: { ...NO_WHOLE },
        resources: [],
        dra: { ...NO_DEVICES },
        units: new Map(),
      };
      models.set(key, m);
    }
    m.memoryBytes ??= memoryBytes;
    return m;
  };
  for (const node of nodes) {
    for (const a of node.accelerators) {
      const m = entry(a.vendor, a.model, a.memoryBytes);
      m.nodes += 1;
      if (a.physical === undefined) m.physicalUnknownNodes += 1;
      else m.physical += a.physical;
      m.devices = addWhole(m.devices, a.devices);
      m.dra = addCounts(m.dra, a.dra);
      mergeResources(m.units, a.resources);
    }
  }
  const byModel = new Map<string, DraDevice[]>();
  for (const d of unattachedDevices) {
    const key = modelKey(d.vendor ?? 'unknown', d.model);
    byModel.set(key, [...(byModel.get(key) ?? []), d]);
  }
  for (const devices of byModel.values()) {
    const m = entry(
      devices[0].vendor ?? 'unknown',
      devices[0].model,
      devices[0].memoryBytes,
    );
    const counts = countDevices(devices, physicalIds);
    m.physical += counts.physical;
    m.dra = addCounts(m.dra, counts);
    const whole = devices.filter(d => d.kind === 'device');
    m.devices = addWhole(m.devices, {
      allocatable: whole.length,
      allocated: whole.filter(d => d.claims.length).length,
      free: whole.filter(d => d.free).length,
    });
  }
  return [...models.values()]
    .map(({ units, ...m }) => ({
      ...m,
      resources: [...units.values()].sort((a, b) =>
        a.resource.localeCompare(b.resource),
      ),
    }))
    .sort(
      (a, b) =>
        a.vendor.localeCompare(b.vendor) || a.model.localeCompare(b.model),
    );
}

/** Cluster totals: nodes, physical and whole devices, and every accelerator resource. @public */
export function summarizeTotals(
  nodeCount: number,
  nodes: NodeCapacity[],
  models: ModelCapacity[],
): CapacitySnapshot['totals'] {
  const resources = new Map<string, ResourceTotals>();
  for (const node of nodes) {
    for (const a of node.accelerators) {
      for (const r of a.resources) {
        const t = resources.get(r.resource);
        if (!t) {
          resources.set(r.resource, {
            resource: r.resource,
            kind: r.kind,
            vendor: a.vendor === 'unknown' ? undefined : a.vendor,
            capacity: r.capacity,
            allocatable: r.allocatable,
            allocated: r.allocated,
            free: r.free,
          });
          continue;
        }
        t.capacity += r.capacity;
        t.allocatable += r.allocatable;
        t.allocated += r.allocated;
        t.free += r.free;
      }
    }
  }
  return {
    nodes: nodeCount,
    acceleratorNodes: nodes.filter(n =>
      n.accelerators.some(a => a.vendor !== 'unknown'),
    ).length,
    physical: models.reduce((sum, m) => sum + m.physical, 0),
    devices: models.reduce((sum, m) => addWhole(sum, m.devices), {
      ...NO_WHOLE,
    }),
    resources: [...resources.values()].sort((a, b) =>
      a.resource.localeCompare(b.resource),
    ),
  };
}
