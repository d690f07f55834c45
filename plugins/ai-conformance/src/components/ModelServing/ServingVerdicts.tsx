import { Link, Progress } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import {
  VerdictChip,
  findClusterForEntity,
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
 * The cluster is found by entity ref (catalog clusters) or name.
 */
export function ServingVerdicts(props: { clusterEntityRef?: string; clusterName: string }) {
  const { clusterEntityRef, clusterName } = props;
  const { fleet, loading: fleetLoading, error: fleetError } = useFleet();
  const summary = fleet
    ? findClusterForEntity(fleet.clusters, clusterEntityRef ?? '', clusterName) ??
      fleet.clusters.find(c => c.cluster === clusterName)
    : undefined;
  const { scorecard, notEvaluated, loading, error } = useScorecard(summary?.cluster);
  const clusterLink = useOptionalRouteRef(clusterRouteRef);
  const requirementLink = useOptionalRouteRef(requirementRouteRef);
  if (fleetLoading || loading) return <Progress />;
  if (fleetError || error) {
    return <Alert severity="error">Could not load the cluster's AI conformance results: {(fleetError ?? error)!.message}</Alert>;
  }
  if (!summary || notEvaluated || !scorecard) {
    return <Alert severity="info">Cluster {clusterName} has no AI conformance results yet.</Alert>;
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
                  {requirementLink ? <Link to={requirementLink({ requirementId: id })}>{id}</Link> : id}
                </TableCell>
                <TableCell>{result ? <VerdictChip verdict={result.verdict} /> : 'not in this checklist'}</TableCell>
                <TableCell>{result?.reason}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {clusterLink && (
        <Link to={clusterLink({ cluster: summary.cluster })}>Full AI conformance scorecard of {summary.cluster}</Link>
      )}
    </Stack>
  );
}
