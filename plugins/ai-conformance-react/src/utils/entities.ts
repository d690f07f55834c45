import type { ClusterSummary } from '@internal/plugin-ai-conformance-common';

/**
 * Finds the fleet entry of a catalog entity: by entity ref first, then (for backends that do not
 * report refs) a catalog-sourced cluster with the entity's name.
 *
 * @public
 */
export function findClusterForEntity(
  clusters: ClusterSummary[],
  entityRef: string,
  entityName: string,
): ClusterSummary | undefined {
  const ref = entityRef.toLocaleLowerCase('en-US');
  return (
    clusters.find(c => c.entityRef?.toLocaleLowerCase('en-US') === ref) ??
    clusters.find(
      c => !c.entityRef && c.source === 'catalog' && c.cluster === entityName,
    )
  );
}
