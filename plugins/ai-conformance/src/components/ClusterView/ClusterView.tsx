import { Link } from '@backstage/core-components';
import Box from '@mui/material/Box';
import { useParams } from 'react-router-dom';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { capacityRouteRef, rootRouteRef } from '../../routes';
import { ClusterScorecardContent } from './ClusterScorecardContent';

/** The cluster page of the plugin (`/ai-conformance/clusters/:cluster`). */
export function ClusterView() {
  const { cluster = '' } = useParams();
  const fleetLink = useOptionalRouteRef(rootRouteRef);
  const capacityLink = useOptionalRouteRef(capacityRouteRef);
  return (
    <>
      <Box sx={{ mb: 1, display: 'flex', gap: 2 }}>
        {fleetLink && <Link to={fleetLink()}>← All clusters</Link>}
        {capacityLink && (
          <Link to={capacityLink({ cluster })}>Accelerator capacity</Link>
        )}
      </Box>
      <ClusterScorecardContent cluster={cluster} />
    </>
  );
}
