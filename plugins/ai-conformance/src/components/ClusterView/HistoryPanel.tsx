import {
  InfoCard,
  Table,
  TableColumn,
  TrendLine,
} from '@backstage/core-components';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { EvaluationRun } from '@internal/plugin-ai-conformance-common';
import {
  ConformanceBadge,
  formatDateTime,
  formatRelativeTime,
} from '@internal/plugin-ai-conformance-react';

/** Share of decided, applicable requirements that pass, 0–1; undefined for failed runs. */
export function passRate(run: EvaluationRun): number | undefined {
  const s = run.summary;
  if (!s) return undefined;
  const applicable = s.total - s.notApplicable;
  return applicable > 0 ? s.pass / applicable : undefined;
}

/** A sentence on how the latest good run differs from the one before it. */
export function describeChange(runs: EvaluationRun[]): string | undefined {
  const good = runs.filter(r => r.summary);
  if (good.length < 2) return undefined;
  const [latest, previous] = good;
  const delta = latest.summary!.pass - previous.summary!.pass;
  const mustDelta = latest.summary!.mustFailed - previous.summary!.mustFailed;
  if (latest.summary!.conformant !== previous.summary!.conformant) {
    return latest.summary!.conformant
      ? 'The cluster became conformant in the latest run.'
      : 'Regression: the cluster was conformant in the previous run and is not any more.';
  }
  if (mustDelta > 0) {
    return mustDelta === 1
      ? 'Regression: 1 more MUST requirement fails than in the previous run.'
      : `Regression: ${mustDelta} more MUST requirements fail than in the previous run.`;
  }
  if (delta !== 0) {
    return `${Math.abs(delta)} ${delta > 0 ? 'more' : 'fewer'} requirement${
      Math.abs(delta) === 1 ? '' : 's'
    } pass than in the previous run.`;
  }
  return 'No change in verdict counts since the previous run.';
}

const columns: TableColumn<EvaluationRun>[] = [
  {
    title: 'Evaluated',
    field: 'evaluatedAt',
    render: run => (
      <span title={formatDateTime(run.evaluatedAt)}>
        {formatRelativeTime(run.evaluatedAt)}
      </span>
    ),
  },
  {
    title: 'Result',
    render: run =>
      run.summary ? (
        <ConformanceBadge summary={run.summary} size="small" />
      ) : (
        <Typography variant="body2" color="error">
          {run.status}: {run.message ?? 'no details'}
        </Typography>
      ),
  },
  { title: 'Checklist', field: 'checklistVersion', emptyValue: '—' },
  { title: 'Kubernetes', field: 'kubernetesVersion', emptyValue: '—' },
  {
    title: 'Pass / applicable',
    render: run =>
      run.summary
        ? `${run.summary.pass} / ${
            run.summary.total - run.summary.notApplicable
          }`
        : '—',
  },
  {
    title: 'Trigger',
    field: 'trigger',
  },
  {
    title: 'Duration',
    render: run =>
      run.durationMs !== undefined
        ? `${(run.durationMs / 1000).toFixed(1)} s`
        : '—',
  },
];

/** The pass-rate trend and a table of past runs, newest first. */
export function HistoryPanel(props: { runs: EvaluationRun[] }) {
  const { runs } = props;
  // TrendLine draws left to right, so oldest first.
  const trend = runs
    .map(passRate)
    .filter((v): v is number => v !== undefined)
    .reverse();
  const change = describeChange(runs);

  return (
    <InfoCard title="History">
      {runs.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No evaluations recorded yet.
        </Typography>
      ) : (
        <>
          {trend.length > 1 && (
            <Box sx={{ maxWidth: 320 }} aria-label="Pass rate trend">
              <Typography variant="body2">
                Pass rate over the last {trend.length} runs
              </Typography>
              <TrendLine data={trend} title="Pass rate trend" max={1} min={0} />
            </Box>
          )}
          {change && (
            <Typography
              variant="body2"
              sx={{ mb: 1 }}
              color={change.startsWith('Regression') ? 'error' : 'text.primary'}
            >
              {change}
            </Typography>
          )}
          <Table
            title="Past evaluations"
            options={{
              search: false,
              paging: runs.length > 10,
              pageSize: 10,
              padding: 'dense',
            }}
            columns={columns}
            data={runs}
          />
        </>
      )}
    </InfoCard>
  );
}
