import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import type { ClusterScorecard } from '@internal/plugin-ai-conformance-common';
import {
  ConformanceBadge,
  VerdictCounts,
  formatDateTime,
  formatRelativeTime,
} from '@internal/plugin-ai-conformance-react';
import type { ReactNode } from 'react';

/** Readiness, verdict counts and the facts of the evaluation behind them. */
export function ScorecardSummary(props: { scorecard: ClusterScorecard }) {
  const { scorecard } = props;
  const rows: Array<[string, ReactNode]> = [
    ['Checklist version', scorecard.checklistVersion],
    ['Kubernetes version', scorecard.kubernetesVersion],
    [
      'Evaluated',
      <span title={formatDateTime(scorecard.evaluatedAt)}>
        {formatRelativeTime(scorecard.evaluatedAt)} (
        {formatDateTime(scorecard.evaluatedAt)})
      </span>,
    ],
    ['Duration', `${(scorecard.durationMs / 1000).toFixed(1)} s`],
    ['API requests', String(scorecard.apiRequests)],
    [
      'Registered in',
      scorecard.entityRef ? (
        <EntityRefLink entityRef={scorecard.entityRef} />
      ) : (
        'app-config (kubernetes.clusterLocatorMethods)'
      ),
    ],
  ];
  return (
    <InfoCard title="Summary">
      <Stack spacing={2}>
        <ConformanceBadge
          summary={scorecard.summary}
          checklistVersion={scorecard.checklistVersion}
        />
        <VerdictCounts summary={scorecard.summary} />
        <Table size="small" aria-label="Evaluation details">
          <TableBody>
            {rows.map(([label, value]) => (
              <TableRow key={label}>
                <TableCell component="th" scope="row" sx={{ fontWeight: 500 }}>
                  {label}
                </TableCell>
                <TableCell>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Stack>
    </InfoCard>
  );
}
