import {
  ContentHeader,
  EmptyState,
  Progress,
} from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import {
  formatRelativeTime,
  useClusterHistory,
  useScorecard,
} from '@internal/plugin-ai-conformance-react';
import { useEffect, useState } from 'react';
import useInterval from 'react-use/esm/useInterval';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { requirementRouteRef } from '../../routes';
import { ExportMenu } from './ExportMenu';
import { HistoryPanel } from './HistoryPanel';
import { RequirementsByCategory } from './RequirementsByCategory';
import { RunNowButton } from './RunNowButton';
import { ScorecardSummary } from './ScorecardSummary';
import { LoadErrorPanel } from '../LoadErrorPanel';

const HISTORY_LIMIT = 30;
const POLL_INTERVAL_MS = 5_000;
const POLL_GIVE_UP_MS = 3 * 60_000;

/**
 * The full scorecard of one cluster: summary, history, and every requirement grouped by
 * category with reasons, evidence and what to fix. Used by the page and the entity tab.
 *
 * @public
 */
export function ClusterScorecardContent(props: { cluster: string }) {
  const { cluster } = props;
  const requirementLink = useOptionalRouteRef(requirementRouteRef);
  const { scorecard, notEvaluated, loading, error, retry } =
    useScorecard(cluster);
  const history = useClusterHistory(cluster, { limit: HISTORY_LIMIT });
  // After "run now": poll the history until the queued run (by its id) shows up, then reload
  // the scorecard. A scheduled run finishing meanwhile does not end the wait.
  const [waiting, setWaiting] = useState<{ runId: string; since: number }>();

  useInterval(history.retry, waiting ? POLL_INTERVAL_MS : null);
  useEffect(() => {
    if (!waiting) return;
    if (history.runs?.some(run => run.id === waiting.runId)) {
      setWaiting(undefined);
      retry();
    } else if (Date.now() - waiting.since > POLL_GIVE_UP_MS) {
      setWaiting(undefined);
    }
  }, [history.runs, waiting, retry]);

  const latestRun = history.runs?.[0];
  const onQueued = (runId: string) => setWaiting({ runId, since: Date.now() });

  let body;
  if (loading && !scorecard) {
    body = <Progress />;
  } else if (error) {
    body = (
      <LoadErrorPanel what={`the scorecard of ${cluster}`} error={error} />
    );
  } else if (notEvaluated || !scorecard) {
    body = (
      <EmptyState
        missing="data"
        title={`${cluster} has not been evaluated yet`}
        description={
          latestRun && latestRun.status !== 'ok'
            ? 'Every evaluation so far has failed; fix the problem above and run it again.'
            : 'The backend evaluates every registered cluster on its schedule. Use "Run now" to evaluate it immediately (needs the ai-conformance.evaluation.create permission).'
        }
      />
    );
  } else {
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12} md={5} lg={4}>
          <ScorecardSummary scorecard={scorecard} />
        </Grid>
        <Grid item xs={12} md={7} lg={8}>
          <HistoryPanel runs={history.runs ?? []} />
        </Grid>
        <Grid item xs={12}>
          <RequirementsByCategory
            requirements={scorecard.requirements}
            fleetLink={
              requirementLink
                ? id => requirementLink({ requirementId: id })
                : undefined
            }
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <>
      <ContentHeader title={cluster} description="AI conformance scorecard">
        <Stack direction="row" spacing={1}>
          <RunNowButton cluster={cluster} onQueued={onQueued} />
          {scorecard && (
            <ExportMenu
              cluster={cluster}
              checklistVersion={scorecard.checklistVersion}
            />
          )}
        </Stack>
      </ContentHeader>
      <Stack spacing={2} sx={{ mb: 2 }}>
        {waiting && (
          <Alert severity="info">
            Evaluation queued; this page refreshes when it finishes.
            <LinearProgress
              sx={{ mt: 1 }}
              aria-label="Waiting for the evaluation"
            />
          </Alert>
        )}
        {latestRun &&
          latestRun.status !== 'ok' &&
          latestRun.status !== 'pending' && (
            <Alert severity="warning">
              The latest evaluation ({formatRelativeTime(latestRun.evaluatedAt)}
              ) {latestRun.status === 'refused' ? 'was refused' : 'failed'}
              {latestRun.message ? `: ${latestRun.message}` : '.'}
              {scorecard
                ? ' The results below are from the last good evaluation.'
                : ''}
            </Alert>
          )}
      </Stack>
      {body}
    </>
  );
}
