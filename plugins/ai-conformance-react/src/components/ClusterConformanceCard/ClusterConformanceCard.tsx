import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  getRequirement,
  type ClusterSummary,
  type RequirementResult,
} from '@internal/plugin-ai-conformance-common';
import { useScorecard } from '../../hooks/useScorecard';
import { describeError } from '../../utils/errors';
import { formatDateTime, formatRelativeTime } from '../../utils/time';
import { ConformanceBadge } from '../ConformanceBadge';
import { VerdictCounts } from '../VerdictCounts';

/** @public */
export interface ClusterConformanceCardProps {
  /** The cluster name as the backend knows it. */
  cluster: string;
  /** The cluster's fleet entry, when known; its status and message are shown as a warning. */
  clusterStatus?: ClusterSummary;
  /** Card title; defaults to "AI Conformance". */
  title?: string;
  /** Where "View scorecard" leads, e.g. the entity tab or the plugin's cluster page. */
  detailsLink?: string;
}

const MAX_LISTED = 5;

function requirementTitle(id: string) {
  return getRequirement(id)?.title ?? id;
}

/** The MUST requirements that keep the cluster from being conformant. */
function blockingMusts(requirements: RequirementResult[]) {
  return requirements.filter(
    r => r.level === 'MUST' && (r.verdict === 'fail' || r.verdict === 'error'),
  );
}

/**
 * A compact scorecard summary of one cluster: readiness badge, MUST progress, verdict counts, the
 * MUST requirements that block conformance and when the cluster was last evaluated.
 *
 * @public
 */
export function ClusterConformanceCard(props: ClusterConformanceCardProps) {
  const {
    cluster,
    clusterStatus,
    title = 'AI Conformance',
    detailsLink,
  } = props;
  const { scorecard, notEvaluated, loading, error } = useScorecard(cluster);

  const deepLink = detailsLink
    ? { title: 'View scorecard', link: detailsLink }
    : undefined;

  const statusAlert =
    clusterStatus &&
    (clusterStatus.status === 'error' || clusterStatus.status === 'refused') ? (
      <Alert severity="warning" sx={{ mb: 2 }}>
        {clusterStatus.status === 'refused'
          ? 'The backend will not contact this cluster'
          : 'The latest evaluation failed'}
        {clusterStatus.message ? `: ${clusterStatus.message}` : '.'}
        {scorecard
          ? ' The results below are from the last good evaluation.'
          : ''}
      </Alert>
    ) : null;

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = (
      <Alert severity="error">
        Could not load the scorecard of {cluster}: {describeError(error)}
      </Alert>
    );
  } else if (notEvaluated || !scorecard) {
    body = (
      <Typography variant="body2" color="text.secondary">
        {clusterStatus?.status === 'pending'
          ? `${cluster} is queued for its first evaluation; results appear here when it finishes.`
          : `${cluster} has not been evaluated yet. The backend evaluates every registered cluster on its schedule; someone with permission can also start a run from the scorecard page.`}
      </Typography>
    );
  } else {
    const musts = scorecard.requirements.filter(r => r.level === 'MUST');
    const mustPassed = musts.filter(
      r => r.verdict === 'pass' || r.verdict === 'not-applicable',
    ).length;
    const blocking = blockingMusts(scorecard.requirements);
    const mustRatio = musts.length ? (mustPassed / musts.length) * 100 : 0;
    body = (
      <Stack spacing={2}>
        <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap">
          <ConformanceBadge
            summary={scorecard.summary}
            checklistVersion={scorecard.checklistVersion}
          />
          <Typography variant="body2" color="text.secondary">
            Kubernetes {scorecard.kubernetesVersion}
          </Typography>
        </Stack>
        <Box>
          <Typography variant="body2" id={`must-progress-${cluster}`}>
            MUST requirements met: {mustPassed} of {musts.length}
          </Typography>
          <LinearProgress
            variant="determinate"
            value={mustRatio}
            color={scorecard.summary.conformant ? 'success' : 'warning'}
            aria-labelledby={`must-progress-${cluster}`}
            sx={{ mt: 0.5, height: 8, borderRadius: 4 }}
          />
        </Box>
        <VerdictCounts summary={scorecard.summary} />
        {blocking.length > 0 && (
          <Box>
            <Typography variant="subtitle2">Blocking conformance</Typography>
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {blocking.slice(0, MAX_LISTED).map(r => (
                <Typography component="li" variant="body2" key={r.id}>
                  {requirementTitle(r.id)} ({r.verdict})
                </Typography>
              ))}
              {blocking.length > MAX_LISTED && (
                <Typography component="li" variant="body2">
                  and {blocking.length - MAX_LISTED} more
                </Typography>
              )}
            </Box>
          </Box>
        )}
        <Typography
          variant="caption"
          color="text.secondary"
          title={formatDateTime(scorecard.evaluatedAt)}
        >
          Evaluated {formatRelativeTime(scorecard.evaluatedAt)}
        </Typography>
      </Stack>
    );
  }

  return (
    <InfoCard title={title} deepLink={deepLink}>
      {statusAlert}
      {body}
    </InfoCard>
  );
}
