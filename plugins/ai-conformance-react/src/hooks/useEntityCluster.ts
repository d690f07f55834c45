import { Entity } from '@backstage/catalog-model';
import {
  type ClusterSummary,
  findClusterForEntity,
} from '@internal/plugin-ai-conformance-common';
import { useFleet } from './useFleet';

/**
 * The fleet entry of a catalog cluster entity (`Resource` of type `kubernetes-cluster`), found by
 * its entity ref. `cluster` is undefined when the backend does not know the entity.
 *
 * @public
 */
export function useEntityCluster(entity: Entity): {
  cluster?: ClusterSummary;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const { fleet, loading, error, retry } = useFleet();
  const cluster = fleet
    ? findClusterForEntity(fleet.clusters, entity)
    : undefined;
  return { cluster, loading, error, retry };
}
