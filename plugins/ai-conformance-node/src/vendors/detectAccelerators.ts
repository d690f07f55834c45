import { NodeFact, ResourceSliceFact } from '../gather/factTypes';
import {
  AUXILIARY_DRA_DRIVERS,
  NETWORK_DRA_DRIVERS,
  NON_ACCELERATOR_RESOURCE_PATTERNS,
} from './profiles';
import { VendorProfile } from './VendorProfile';

/** One node's accelerators of one recognised vendor. @public */
export interface AcceleratorNode {
  node: NodeFact;
  vendor: VendorProfile;
  /** Why the node counts as this vendor's accelerator node (labels, resources, DRA drivers). */
  signals: string[];
  /** Whole accelerators in allocatable (0 when exposed only through DRA or partitions). */
  allocatable: number;
  /** Partition or share resources in allocatable, e.g. `nvidia.com/mig-1g.5gb: 7`. */
  partitions: Record<string, number>;
  /** ResourceSlices this vendor's DRA driver published for the node. */
  slices: ResourceSliceFact[];
}

/** Something that looks like an accelerator but matches no vendor profile. @public */
export interface UnrecognisedAccelerator {
  node?: string;
  /** An extended resource name or a DRA driver name. */
  name: string;
  source: 'extendedResource' | 'draDriver';
}

/** @public */
export interface AcceleratorInventory {
  nodes: AcceleratorNode[];
  unrecognised: UnrecognisedAccelerator[];
  /** Vendors with at least one node. */
  vendors: VendorProfile[];
}

function quantity(value: string | undefined): number {
  if (!value) return 0;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : 0;
}

function truthyLabel(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value.toLowerCase() !== 'false';
}

/** True when a label value is one of the patterns (case-insensitive; `x*` matches a prefix). @internal */
export function labelValueMatches(
  value: string,
  patterns: readonly string[],
): boolean {
  const v = value.toLowerCase();
  return patterns.some(p => {
    const q = p.toLowerCase();
    return q.endsWith('*') ? v.startsWith(q.slice(0, -1)) : v === q;
  });
}

/**
 * The labels (of a node or a node template) that mark the vendor's accelerators: its own
 * presence labels and the shared cloud labels whose value names it.
 *
 * @internal
 */
export function vendorLabelSignals(
  labels: Record<string, string>,
  vendor: VendorProfile,
): string[] {
  const signals: string[] = [];
  for (const label of vendor.nodeLabels) {
    if (truthyLabel(labels[label]))
      signals.push(`label ${label}=${labels[label]}`);
  }
  for (const [label, values] of Object.entries(vendor.nodeLabelValues)) {
    const value = labels[label];
    if (value !== undefined && labelValueMatches(value, values)) {
      signals.push(`label ${label}=${value}`);
    }
  }
  return signals;
}

/**
 * Finds accelerator nodes by the vendor profiles (node labels, extended resources, DRA drivers)
 * and lists what looks like an accelerator but is not recognised (those give `unknown`).
 *
 * @public
 */
export function detectAccelerators(
  nodes: NodeFact[],
  slices: ResourceSliceFact[],
  profiles: readonly VendorProfile[],
): AcceleratorInventory {
  const slicesByNode = new Map<string, ResourceSliceFact[]>();
  for (const slice of slices) {
    if (!slice.nodeName || slice.devices.length === 0) continue;
    const list = slicesByNode.get(slice.nodeName) ?? [];
    list.push(slice);
    slicesByNode.set(slice.nodeName, list);
  }
  const result: AcceleratorNode[] = [];
  const unrecognised: UnrecognisedAccelerator[] = [];
  const knownDrivers = new Set([
    ...profiles.flatMap(p => p.draDrivers),
    ...NETWORK_DRA_DRIVERS,
    ...AUXILIARY_DRA_DRIVERS,
  ]);

  for (const node of nodes) {
    const nodeSlices = slicesByNode.get(node.name) ?? [];
    const claimedResources = new Set<string>();
    for (const vendor of profiles) {
      const signals: string[] = [];
      let allocatable = 0;
      for (const r of vendor.resources) {
        const n = quantity(node.allocatable[r]);
        if (n > 0) {
          allocatable += n;
          signals.push(`allocatable ${r}=${n}`);
        }
        claimedResources.add(r);
      }
      const partitions: Record<string, number> = {};
      for (const [name, value] of Object.entries(node.allocatable)) {
        if (vendor.partitionResources.some(p => p.test(name))) {
          claimedResources.add(name);
          const n = quantity(value);
          if (n > 0) {
            partitions[name] = n;
            signals.push(`allocatable ${name}=${n}`);
          }
        }
      }
      signals.push(...vendorLabelSignals(node.labels, vendor));
      const vendorSlices = nodeSlices.filter(s =>
        vendor.draDrivers.includes(s.driver),
      );
      if (vendorSlices.length) {
        const devices = vendorSlices.reduce(
          (sum, s) => sum + s.devices.length,
          0,
        );
        signals.push(
          `DRA driver ${vendorSlices[0].driver} publishes ${devices} device(s)`,
        );
      }
      if (signals.length) {
        result.push({
          node,
          vendor,
          signals,
          allocatable,
          partitions,
          slices: vendorSlices,
        });
      }
    }
    for (const [name, value] of Object.entries(node.allocatable)) {
      if (
        name.includes('/') &&
        !claimedResources.has(name) &&
        quantity(value) > 0 &&
        !NON_ACCELERATOR_RESOURCE_PATTERNS.some(p => p.test(name)) &&
        !profiles.some(p => p.resources.includes(name))
      ) {
        unrecognised.push({
          node: node.name,
          name,
          source: 'extendedResource',
        });
      }
    }
    for (const slice of nodeSlices) {
      if (!knownDrivers.has(slice.driver)) {
        unrecognised.push({
          node: node.name,
          name: slice.driver,
          source: 'draDriver',
        });
      }
    }
  }
  const vendors = profiles.filter(p => result.some(n => n.vendor === p));
  return { nodes: result, unrecognised: dedupe(unrecognised), vendors };
}

function dedupe(items: UnrecognisedAccelerator[]): UnrecognisedAccelerator[] {
  const seen = new Set<string>();
  return items.filter(i => {
    const key = `${i.node}|${i.name}|${i.source}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A short sentence naming unrecognised accelerators, for `unknown` reasons. @public */
export function describeUnrecognised(items: UnrecognisedAccelerator[]): string {
  const names = [...new Set(items.map(i => i.name))];
  const nodes = new Set(items.map(i => i.node).filter(Boolean));
  return `${names.join(', ')} on ${nodes.size} node(s)`;
}
