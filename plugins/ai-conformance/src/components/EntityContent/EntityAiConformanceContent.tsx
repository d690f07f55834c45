import { EmptyState, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useEntityCluster } from '@internal/plugin-ai-conformance-react';
import { ClusterScorecardContent } from '../ClusterView';
import { LoadErrorPanel } from '../LoadErrorPanel';

/**
 * The AI conformance tab of a cluster entity (`Resource` of type `kubernetes-cluster`).
 *
 * @public
 */
export function EntityAiConformanceContent() {
  const { entity } = useEntity();
  const { cluster, loading, error } = useEntityCluster(entity);
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <LoadErrorPanel what="AI conformance results" error={error} />;
  }
  if (!cluster) {
    return (
      <EmptyState
        missing="info"
        title="This cluster is not evaluated for AI conformance"
        description="The backend evaluates Resources of type kubernetes-cluster whose kubernetes.io/api-server annotation is allowed by its configuration (and clusters listed under kubernetes.clusterLocatorMethods). Check the annotation and the backend's allow-list, then wait for the next catalog refresh."
      />
    );
  }
  return <ClusterScorecardContent cluster={cluster.cluster} />;
}
