import { NodeFact } from '../gather/factTypes';
import { countDevices } from './dra';
import { firstLabel, readAcceleratorLabels } from './nodeLabels';
import { parseQuantity } from './quantity';
import { capacityData, ResourceKind } from './resourceKinds';
import {
  DraDevice,
  NodeAccelerators,
  NodeCapacity,
  ResourceUnits,
  UnknownAccelerator,
} from './types';

const POOL_LABELS = [
  'eks.amazonaws.com/nodegroup',
  'cloud.google.com/gke-nodepool',
  'kubernetes.azure.com/agentpool',
  'agentpool',
  'karpenter.sh/nodepool',
];
const INSTANCE_TYPE_LABELS = [
  'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/instance-type',
];

/** The model name without decorations that name a sharing mode rather than the hardware. */
function hardwareModel(
  vendor: string,
  model: string,
): { model: string; profile?: string } {
  const suffix = capacityData(vendor)?.partitionModelSuffix;
  const m = suffix?.exec(model);
  const base = m ? model.slice(0, m.index) : model;
  return { model: base.replace(/-SHARED$/, ''), profile: m?.[1] };
}

export interface NodeCapacityInput {
  node: NodeFact;
  /** Allocated units per resource by pods bound to the node. */
  allocated: Map<string, number>;
  draDevices: DraDevice[];
  physicalIds: Map<DraDevice, string | undefined>;
  classify: (resource: string) => ResourceKind | undefined;
}

function quantityOrReport(
  node: string,
  resource: string,
  value: string | undefined,
  unknown: UnknownAccelerator[],
): number {
  if (value === undefined) return 0;
  const n = parseQuantity(value);
  if (n === undefined) {
    unknown.push({
      name: resource,
      node,
      reason: 'malformed-quantity',
      detail: `node ${node} reports ${resource}="${value}", which is not a Kubernetes quantity; it is left out of the totals`,
    });
    return 0;
  }
  return n;
}

/**
 * One node's accelerators per vendor: model, memory and physical devices from labels, extended
 * resources with capacity, allocatable, allocated and free units, and its DRA devices.
 * Physical devices are counted once: from a count label, else from whole-device resources, else
 * from time-sliced units divided by the replicas; partitions never add devices.
 *
 * @public
 */
export function nodeCapacity(input: NodeCapacityInput): {
  node: NodeCapacity;
  unknown: UnknownAccelerator[];
} {
  const { node, allocated, classify } = input;
  const unknown: UnknownAccelerator[] = [];
  const labelled = readAcceleratorLabels(node);
  const byVendor = new Map<string, ResourceUnits[]>();
  const names = new Set([
    ...Object.keys(node.capacity),
    ...Object.keys(node.allocatable),
    ...allocated.keys(),
  ]);
  for (const resource of names) {
    const kind = classify(resource);
    if (!kind) continue;
    const capacity = quantityOrReport(
      node.name,
      resource,
      node.capacity[resource],
      unknown,
    );
    const allocatable = quantityOrReport(
      node.name,
      resource,
      node.allocatable[resource],
      unknown,
    );
    const used = allocated.get(resource) ?? 0;
    if (!capacity && !allocatable && !used) continue;
    const units: ResourceUnits = {
      resource,
      kind: kind.kind,
      capacity,
      allocatable,
      allocated: used,
      free: Math.max(0, allocatable - used),
      ...(kind.profile ? { profile: kind.profile } : {}),
    };
    const vendor = kind.vendor ?? 'unknown';
    byVendor.set(vendor, [...(byVendor.get(vendor) ?? []), units]);
    if (kind.kind === 'unknown') {
      unknown.push({
        name: resource,
        node: node.name,
        reason: 'unknown-extended-resource',
        detail: `extended resource ${resource} on node ${node.name} matches no accelerator vendor profile`,
        allocatable,
        allocated: used,
      });
    }
  }
  const nodeDevices = input.draDevices;
  const vendors = new Set<string>([
    ...byVendor.keys(),
    ...labelled.keys(),
    ...nodeDevices.map(d => d.vendor ?? 'unknown'),
  ]);
  const accelerators: NodeAccelerators[] = [];
  for (const vendor of vendors) {
    const resources = (byVendor.get(vendor) ?? []).sort((a, b) =>
      a.resource.localeCompare(b.resource),
    );
    const labels = labelled.get(vendor);
    const devices = nodeDevices.filter(d => (d.vendor ?? 'unknown') === vendor);
    for (const m of labels?.malformed ?? []) {
      unknown.push({
        name: m.label,
        node: node.name,
        reason: 'malformed-object',
        detail: `label ${m.label}="${m.value}" on node ${node.name} is not a number`,
      });
    }
    const sources = [...(labels?.sources ?? [])];
    const labelModel = labels?.model
      ? hardwareModel(vendor, labels.model)
      : undefined;
    const draModel = devices.find(d => d.model !== 'unknown')?.model;
    const model =
      vendor === 'unknown'
        ? 'unknown accelerator'
        : labelModel?.model ?? draModel ?? 'unknown';
    if (model === 'unknown') {
      for (const r of resources) {
        unknown.push({
          name: r.resource,
          node: node.name,
          reason: 'missing-label',
          detail: `node ${node.name} has ${r.resource} but no label names the accelerator model`,
        });
      }
    }
    // GKE names the partition size in a label of its own and keeps the count label physical
    const partitionProfile =
      labelModel?.profile ??
      firstLabel(
        node.labels,
        capacityData(vendor)?.partitionProfileLabels ?? [],
      );
    // shares per device of a time-sliced whole-device resource
    const replicas = Number(
      firstLabel(node.labels, capacityData(vendor)?.replicasLabels ?? []) ?? 1,
    );
    const sharesPerDevice =
      Number.isInteger(replicas) && replicas > 1 ? replicas : undefined;
    for (const r of resources) {
      if (r.kind === 'device' && sharesPerDevice) r.kind = 'share';
      if (r.kind === 'device' && partitionProfile) {
        // MIG single strategy (GFD) or GKE GPU partitions: the whole-device resource hands out
        // partitions
        r.kind = 'partition';
        r.profile = partitionProfile;
      }
      if (r.kind === 'device' || r.kind === 'unknown') sources.push(r.resource);
    }
    const deviceUnits = Math.max(
      0,
      ...resources.filter(r => r.kind === 'device').map(r => r.capacity),
    );
    const shareUnits = Math.max(
      0,
      ...resources.filter(r => r.kind === 'share').map(r => r.capacity),
    );
    let physical: number | undefined;
    if (labelModel?.profile) physical = undefined;
    else if (labels?.count !== undefined) physical = labels.count;
    else if (deviceUnits) physical = deviceUnits;
    else if (shareUnits && sharesPerDevice)
      physical = Math.floor(shareUnits / sharesPerDevice);
    // DRA and device plugins do not hand out the same devices: take the larger figure
    const dra = countDevices(devices, input.physicalIds);
    if (dra.physical) physical = Math.max(physical ?? 0, dra.physical);
    if (vendor === 'unknown') physical = undefined;
    const whole = resources.filter(r => r.kind === 'device');
    const draWhole = devices.filter(d => d.kind === 'device');
    // aliases of one device pool (aws.amazon.com/neuron and …/neurondevice) hold the same
    // devices: the largest allocatable counts once, what pods took of either is allocated
    const pluginAllocatable = Math.max(0, ...whole.map(r => r.allocatable));
    const pluginAllocated = whole.reduce((sum, r) => sum + r.allocated, 0);
    const wholeDevices = {
      allocatable: pluginAllocatable + draWhole.length,
      allocated: pluginAllocated + draWhole.filter(d => d.claims.length).length,
      free:
        Math.max(0, pluginAllocatable - pluginAllocated) +
        draWhole.filter(d => d.free).length,
    };
    accelerators.push({
      vendor,
      model,
      memoryBytes:
        labels?.memoryBytes ??
        devices.find(d => d.kind === 'device')?.memoryBytes,
      physical,
      ...(sharesPerDevice ? { sharesPerDevice } : {}),
      resources,
      dra,
      devices: wholeDevices,
      sources,
    });
  }
  return {
    node: {
      name: node.name,
      ready: node.ready,
      unschedulable: node.unschedulable,
      pool: firstLabel(node.labels, POOL_LABELS),
      instanceType: firstLabel(node.labels, INSTANCE_TYPE_LABELS),
      accelerators: accelerators.sort((a, b) =>
        a.vendor.localeCompare(b.vendor),
      ),
      dra: countDevices(nodeDevices, input.physicalIds),
    },
    unknown,
  };
}
