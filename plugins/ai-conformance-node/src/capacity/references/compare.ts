import { CapacitySnapshot } from '@internal/plugin-ai-conformance-common';
import { NodeAllocations } from './describeNodes';

/** One figure on which our snapshot and a reference tool disagree. @public */
export interface AllocationDifference {
  node: string;
  resource: string;
  field: 'allocatable' | 'requested';
  ours: number;
  theirs: number;
}

/**
 * Compares the snapshot's per-node allocatable and allocated units of every accelerator
 * resource with a reference tool's figures, in both directions (a resource the reference has
 * on a node and we do not is a difference too). `resources` selects which of the reference's
 * resources are accelerators.
 *
 * @public
 */
export function compareAllocations(
  snapshot: CapacitySnapshot,
  reference: NodeAllocations,
  isAccelerator: (resource: string) => boolean,
): { compared: number; differences: AllocationDifference[] } {
  const ours: NodeAllocations = {};
  for (const node of snapshot.nodes) {
    for (const a of node.accelerators) {
      for (const r of a.resources) {
        (ours[node.name] ??= {})[r.resource] = {
          allocatable: r.allocatable,
          requested: r.allocated,
        };
      }
    }
  }
  const differences: AllocationDifference[] = [];
  let compared = 0;
  const nodes = new Set([...Object.keys(ours), ...Object.keys(reference)]);
  for (const node of nodes) {
    const resources = new Set(
      [
        ...Object.keys(ours[node] ?? {}),
        ...Object.keys(reference[node] ?? {}),
      ].filter(isAccelerator),
    );
    for (const resource of resources) {
      const a = ours[node]?.[resource] ?? { allocatable: 0, requested: 0 };
      const b = reference[node]?.[resource] ?? { allocatable: 0, requested: 0 };
      for (const field of ['allocatable', 'requested'] as const) {
        compared++;
        if (Math.abs(a[field] - b[field]) > 1e-6) {
          differences.push({
            node,
            resource,
            field,
            ours: a[field],
            theirs: b[field],
          });
        }
      }
    }
  }
  return { compared, differences };
}
