import { Link, Progress } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import {
  VerdictChip,
  useFleet,
  useScorecard,
} from '@internal/plugin-ai-conformance-react';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { clusterRouteRef, requirementRouteRef } from '../../routes';

/** The requirements that decide whether a cluster can serve models well. */
export const SERVING_REQUIREMENTS = [
  'ai_inference',
  'advanced_inference_ingress',
  'ai_service_metrics',
  'accelerator_metrics',
] as const;

/**
 * The cluster's verdicts for the inference-related requirements, with a link to its scorecard.
 * The cluster is found by its identity (the registry id the catalog module writes, which is also
 * the backend's cluster id).
 */
export function ServingVerdicts(props: {
  clusterId?: string;
  clusterName: string;
}) {
  const { clusterId, clusterName } = props;
  const { fleet, loading: fleetLoading, error: fleetError } = useFleet();
  const summary = clusterId
    ? fleet?.clusters.find(c => c.cluster === clusterId)
    : undefined;
  const { scorecard, notEvaluated, loading, error } = useScorecard(
    summary?.cluster,
  );
  const clusterLink = useOptionalRouteRef(clusterRouteRef);
  const requirementLink = useOptionalRouteRef(requirementRouteRef);
  if (fleetLoading || loading) return <Progress />;
  if (fleetError || error) {
    return (
      <Alert severity="error">
        Could not load the cluster's AI conformance results:{' '}
        {(fleetError ?? error)!.message}
      </Alert>
    );
  }
  if (!summary || notEvaluated || !scorecard) {
    return (
      <Alert severity="info">
        Cluster {clusterName} has no AI conformance results yet.
      </Alert>
    );
  }
  return (
    <Stack spacing={1}>
      <Table size="small" aria-label="Inference requirements of the cluster">
        <TableBody>
          {SERVING_REQUIREMENTS.map(id => {
            const result = scorecard.requirements.find(r => r.id === id);
            return (
              <TableRow key={id}>
                <TableCell>
                  {requirementLink ? (
                    <Link to={requirementLink({ requirementId: id })}>
                      {id}
                    </Link>
                  ) : (
                    id
                  )}
                </TableCell>
                <TableCell>
                  {result ? (
                    <VerdictChip verdict={result.verdict} />
                  ) : (
                    'not in this checklist'
                  )}
                </TableCell>
                <TableCell>{result?.reason}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {clusterLink && (
        <Link to={clusterLink({ cluster: summary.cluster })}>
          Full AI conformance scorecard of {summary.name}
        </Link>
      )}
    </Stack>
  );
}
