import { InfoCard, Link, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { providerTitle } from '@internal/plugin-ai-conformance-common';
import {
  ConformanceBadge,
  describeError,
  describeReadiness,
  findDeploymentClusters,
  useFleet,
} from '@internal/plugin-ai-conformance-react';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { useWorkloadClusters } from '../../hooks/useWorkloadClusters';
import { clusterRouteRef } from '../../routes';
import { LoadErrorPanel } from '../LoadErrorPanel';

const VIA = {
  dependsOn: 'dependsOn relation',
  workloads: 'workloads found by the Kubernetes plugin',
};

/**
 * For a Component or System: the readiness of the clusters it deploys to, found through
 * `dependsOn` relations to cluster Resources and the Kubernetes plugin's annotations.
 *
 * @public
 */
export function EntityDeploymentReadinessCard(props: { title?: string }) {
  const { entity } = useEntity();
  const { fleet, loading, error } = useFleet();
  const workloads = useWorkloadClusters(entity);
  const clusterLink = useOptionalRouteRef(clusterRouteRef);
  const title = props.title ?? 'AI readiness of deployment clusters';

  if (loading || workloads.loading) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (error || !fleet) {
    return (
      <InfoCard title={title}>
        <LoadErrorPanel
          what="the fleet"
          error={error ?? new Error('no data')}
        />
      </InfoCard>
    );
  }
  const found = findDeploymentClusters(
    entity,
    fleet.clusters,
    workloads.clusters,
  );
  const conformant = found.filter(
    f => describeReadiness(f.cluster.summary).state === 'conformant',
  ).length;
  return (
    <InfoCard
      title={title}
      subheader={
        found.length > 0
          ? `${conformant} of ${found.length} conformant`
          : undefined
      }
    >
      {workloads.error && (
        <Typography variant="body2" color="warning.main" sx={{ mb: 1 }}>
          The Kubernetes plugin could not list the workloads of{' '}
          {stringifyEntityRef(entity)} ({describeError(workloads.error)}); only
          dependsOn relations are shown.
        </Typography>
      )}
      {found.length === 0 ? (
        <Typography variant="body2">
          No evaluated cluster is known to run this entity. Add a{' '}
          <code>dependsOn</code> relation to the cluster Resource (for example{' '}
          <code>dependsOn: [resource:default/gpu-cluster]</code>), or the{' '}
          <code>backstage.io/kubernetes-id</code> annotation so that the
          Kubernetes plugin finds its workloads.
        </Typography>
      ) : (
        <List dense disablePadding aria-label="Deployment clusters">
          {found.map(({ cluster, via }) => (
            <ListItem
              key={cluster.cluster}
              disableGutters
              secondaryAction={
                <ConformanceBadge summary={cluster.summary} size="small" />
              }
            >
              <ListItemText
                primary={
                  clusterLink ? (
                    <Link
                      to={clusterLink({
                        cluster: encodeURIComponent(cluster.cluster),
                      })}
                    >
                      {cluster.name}
                    </Link>
                  ) : (
                    cluster.name
                  )
                }
                secondary={`${providerTitle(cluster.provider?.provider)} · ${
                  describeReadiness(cluster.summary).detail
                } · via ${VIA[via]}`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
