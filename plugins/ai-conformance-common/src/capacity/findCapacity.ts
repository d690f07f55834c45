import { CapacitySnapshot, NodeAccelerators } from './types';

/** "N free units of model X": whole devices, or units of one resource (a MIG profile…). @public */
export interface CapacityQuery {
  /** Part of a model name, spelling-insensitive: `h100` matches `NVIDIA-H100-80GB-HBM3`. */
  model: string;
  /** Units one workload needs on one node. */
  count: number;
  /** Count units of this extended resource instead of whole devices. */
  resource?: string;
}

/** A node that can take the request now. @public */
export interface CapacityNodeMatch {
  node: string;
  model: string;
  free: number;
  pool?: string;
}

/** @public */
export interface CapacityMatch {
  cluster: string;
  takenAt: string;
  /** Models that matched the query. */
  models: string[];
  /** Free units of the matching models in the whole cluster. */
  clusterFree: number;
  /** Ready, schedulable nodes with at least `count` free units, most free first. */
  nodes: CapacityNodeMatch[];
}

/**
 * Lowercase words of a model name, so `NVIDIA-H100_80GB` and `nvidia h100 80gb` compare equal.
 *
 * @public
 */
export function normalizeModelName(model: string): string {
  return model
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

function freeUnits(a: NodeAccelerators, resource?: string): number {
  if (!resource) return a.devices.free;
  return a.resources
    .filter(r => r.resource === resource)
    .reduce((sum, r) => sum + r.free, 0);
}

/**
 * Which clusters and nodes can take `count` units of a model now: a node qualifies when it is
 * ready, schedulable and has that many free units itself (one pod cannot span nodes). Clusters
 * with matching models but no such node are listed with no nodes, so the answer shows where
 * the model exists but is full.
 *
 * @public
 */
export function findCapacity(
  snapshots: Array<{ cluster: string; snapshot: CapacitySnapshot }>,
  query: CapacityQuery,
): CapacityMatch[] {
  const wanted = normalizeModelName(query.model);
  const matches: CapacityMatch[] = [];
  for (const { cluster, snapshot } of snapshots) {
    const models = new Set<string>();
    let clusterFree = 0;
    const nodes: CapacityNodeMatch[] = [];
    for (const node of snapshot.nodes) {
      for (const a of node.accelerators) {
        if (!normalizeModelName(a.model).includes(wanted)) continue;
        models.add(a.model);
        const free = freeUnits(a, query.resource);
        clusterFree += free;
        if (node.ready && !node.unschedulable && free >= query.count) {
          nodes.push({
            node: node.name,
            model: a.model,
            free,
            pool: node.pool,
          });
        }
      }
    }
    if (!models.size) continue;
    matches.push({
      cluster,
      takenAt: snapshot.takenAt,
      models: [...models].sort(),
      clusterFree,
      nodes: nodes.sort(
        (a, b) => b.free - a.free || a.node.localeCompare(b.node),
      ),
    });
  }
  return matches.sort(
    (a, b) => b.nodes.length - a.nodes.length || b.clusterFree - a.clusterFree,
  );
}
