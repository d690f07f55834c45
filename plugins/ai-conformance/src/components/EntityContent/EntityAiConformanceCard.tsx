import { EntityClusterConformanceCard } from '@internal/plugin-ai-conformance-react';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { clusterRouteRef } from '../../routes';

/**
 * The AI conformance summary card for a cluster entity's overview page; links to the full
 * scorecard on the plugin page when it is mounted.
 *
 * @public
 */
export function EntityAiConformanceCard(props: { title?: string }) {
  const clusterLink = useOptionalRouteRef(clusterRouteRef);
  return (
    <EntityClusterConformanceCard
      title={props.title}
      detailsLink={
        clusterLink
          ? cluster => clusterLink({ cluster: encodeURIComponent(cluster) })
          : undefined
      }
    />
  );
}
