import { InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { useEntityCluster } from '../../hooks/useEntityCluster';
import { describeError } from '../../utils/errors';
import { ClusterConformanceCard } from './ClusterConformanceCard';

/** @public */
export interface EntityClusterConformanceCardProps {
  title?: string;
  /**
   * Where "View scorecard" leads, e.g. the entity's AI conformance tab; a function receives the
   * cluster name the backend uses for this entity.
   */
  detailsLink?: string | ((cluster: string) => string);
}

/**
 * {@link ClusterConformanceCard} for the cluster entity of the current entity page (a `Resource`
 * of type `kubernetes-cluster`).
 *
 * @public
 */
export function EntityClusterConformanceCard(
  props: EntityClusterConformanceCardProps,
) {
  const { title = 'AI Conformance', detailsLink } = props;
  const { entity } = useEntity();
  const { cluster, loading, error } = useEntityCluster(entity);

  if (loading) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return (
      <InfoCard title={title}>
        <Alert severity="error">
          Could not load AI conformance results: {describeError(error)}
        </Alert>
      </InfoCard>
    );
  }
  if (!cluster) {
    return (
      <InfoCard title={title}>
        <Typography variant="body2" color="text.secondary">
          The AI conformance backend does not evaluate this cluster. It picks up
          Resources of type kubernetes-cluster whose kubernetes.io/api-server
          annotation is allowed by its configuration, and clusters listed under
          kubernetes.clusterLocatorMethods; check both, then wait for the next
          catalog refresh.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <ClusterConformanceCard
      cluster={cluster.cluster}
      clusterStatus={cluster}
      title={title}
      detailsLink={
        typeof detailsLink === 'function'
          ? detailsLink(cluster.cluster)
          : detailsLink
      }
    />
  );
}
