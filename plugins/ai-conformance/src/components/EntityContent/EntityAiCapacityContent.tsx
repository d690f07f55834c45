import { EmptyState, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useEntityCluster } from '@internal/plugin-ai-conformance-react';
import { ClusterCapacityContent } from '../CapacityView';
import { LoadErrorPanel } from '../LoadErrorPanel';

/**
 * The accelerator capacity tab of a cluster entity (`Resource` of type `kubernetes-cluster`).
 *
 * @public
 */
export function EntityAiCapacityContent() {
  const { entity } = useEntity();
  const { cluster, loading, error } = useEntityCluster(entity);
  if (loading) return <Progress />;
  if (error)
    return <LoadErrorPanel what="the accelerator capacity" error={error} />;
  if (!cluster) {
    return (
      <EmptyState
        missing="info"
        title="This cluster is not read by the AI conformance backend"
        description="Capacity snapshots are taken with the conformance evaluations of the clusters the backend evaluates; check the kubernetes.io/api-server annotation and the backend's allow-list."
      />
    );
  }
  return <ClusterCapacityContent cluster={cluster.cluster} />;
}
