import {
  CapacitySnapshot,
  CapacityTrendPoint,
  ClusterCapacity,
  FleetCapacityCluster,
} from '@internal/plugin-ai-conformance-common';

/** A snapshot to add to a cluster's capacity history. @internal */
export interface NewCapacitySnapshot {
  id: string;
  cluster: string;
  entityRef?: string;
  /** The evaluation run whose gather served it. */
  runId?: string;
  snapshot: CapacitySnapshot;
}

/**
 * Persistence of accelerator capacity snapshots with their history.
 *
 * @internal
 */
export interface CapacityStore {
  addSnapshot(snapshot: NewCapacitySnapshot): Promise<void>;
  /** The cluster's newest snapshot. */
  getLatestCapacity(cluster: string): Promise<ClusterCapacity | undefined>;
  /** The newest snapshot of each given cluster, full (for the capacity search). */
  getLatestCapacities(clusters: string[]): Promise<ClusterCapacity[]>;
  /** The newest figures of each given cluster, without per-node rows. */
  getFleetCapacity(clusters: string[]): Promise<FleetCapacityCluster[]>;
  /** Trend points of a cluster, oldest first, the newest `limit` of them. */
  listCapacityTrend(
    cluster: string,
    limit: number,
  ): Promise<CapacityTrendPoint[]>;
  /** Deletes snapshots taken before the date, except each cluster's newest; returns how many. */
  deleteCapacityOlderThan(date: Date): Promise<number>;
}
