import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import Typography from '@mui/material/Typography';
import type { ClusterSummary } from '@internal/plugin-ai-conformance-common';

/** The evaluation status of a cluster, with the backend's message on what to fix. */
export function ClusterStatusCell(props: { cluster: ClusterSummary }) {
  const { status, message } = props.cluster;
  const indicator = {
    ok: <StatusOK>Evaluated</StatusOK>,
    error: <StatusError>Evaluation failed</StatusError>,
    refused: <StatusWarning>Refused</StatusWarning>,
    pending: <StatusPending>Pending</StatusPending>,
  }[status];
  return (
    <>
      {indicator ?? status}
      {message && (
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ maxWidth: 360 }}
        >
          {message}
        </Typography>
      )}
    </>
  );
}
