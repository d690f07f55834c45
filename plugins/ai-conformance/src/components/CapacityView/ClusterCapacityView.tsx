import { Link } from '@backstage/core-components';
import Box from '@mui/material/Box';
import { useParams } from 'react-router-dom';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { clusterRouteRef, fleetCapacityRouteRef } from '../../routes';
import { ClusterCapacityContent } from './ClusterCapacityContent';

/** The capacity page of one cluster (`/ai-conformance/clusters/:cluster/capacity`). */
export function ClusterCapacityView() {
  const { cluster = '' } = useParams();
  const fleetCapacityLink = useOptionalRouteRef(fleetCapacityRouteRef);
  const clusterLink = useOptionalRouteRef(clusterRouteRef);
  return (
    <>
      <Box sx={{ mb: 1, display: 'flex', gap: 2 }}>
        {fleetCapacityLink && (
          <Link to={fleetCapacityLink()}>← Fleet capacity</Link>
        )}
        {clusterLink && (
          <Link to={clusterLink({ cluster: encodeURIComponent(cluster) })}>
            Conformance of {cluster}
          </Link>
        )}
      </Box>
      <ClusterCapacityContent cluster={cluster} />
    </>
  );
}
