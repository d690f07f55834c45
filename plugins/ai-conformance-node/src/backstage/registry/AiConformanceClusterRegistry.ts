import type { RegisteredCluster } from '../../clusters/types';
import type { ClusterConnection } from '../credentials/connectCluster';

/**
 * Thrown by {@link AiConformanceClusterRegistry.connect} for a cluster the registry will not
 * contact; `message` is the refusal (what to change in config).
 *
 * @public
 */
export class ClusterRefusedError extends Error {
  name = 'ClusterRefusedError';
}

/**
 * The clusters of the suite: from the catalog and `kubernetes.clusterLocatorMethods` (and
 * sources added by modules), each with its identity, and credentials bound in config. Every
 * plugin that reads clusters (scorecards, capacity, model serving) goes through it.
 *
 * @public
 */
export interface AiConformanceClusterRegistry {
  /**
   * Every cluster the sources announce, refused ones included (with `refusal`). Cached for a
   * minute; `refresh: true` asks the sources again.
   */
  listClusters(options?: { refresh?: boolean }): Promise<RegisteredCluster[]>;
  /** One cluster by identity (entity ref or `config:<name>`). */
  getCluster(id: string): Promise<RegisteredCluster | undefined>;
  /**
   * A connection to one cluster, with fresh credentials. Rejects with `NotFoundError` for an
   * unknown identity, {@link ClusterRefusedError} for a refused cluster, and `CredentialsError`
   * when the credential cannot be produced.
   */
  connect(id: string): Promise<ClusterConnection>;
}
