import { Link } from '@backstage/core-components';
import Box from '@mui/material/Box';
import { useParams } from 'react-router-dom';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { rootRouteRef } from '../../routes';
import { ClusterScorecardContent } from './ClusterScorecardContent';

/** The cluster page of the plugin (`/ai-conformance/clusters/:cluster`). */
export function ClusterView() {
  const { cluster = '' } = useParams();
  const fleetLink = useOptionalRouteRef(rootRouteRef);
  return (
    <>
      {fleetLink && (
        <Box sx={{ mb: 1 }}>
          <Link to={fleetLink()}>← All clusters</Link>
        </Box>
      )}
      <ClusterScorecardContent cluster={cluster} />
    </>
  );
}
