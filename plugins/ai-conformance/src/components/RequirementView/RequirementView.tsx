import {
  ContentHeader,
  EmptyState,
  InfoCard,
  Link,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  getRequirement,
  VERDICTS,
  type RequirementAcrossFleet,
} from '@internal/plugin-ai-conformance-common';
import {
  formatDateTime,
  formatRelativeTime,
  getVerdictPresentation,
  isNotFoundError,
  useRequirementAcrossFleet,
  VerdictChip,
} from '@internal/plugin-ai-conformance-react';
import { useParams } from 'react-router-dom';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { clusterRouteRef, rootRouteRef } from '../../routes';
import { categoryTitle } from '../../utils/categories';
import { KAR_INDEX_URL, levelsByChecklist } from '../../utils/requirements';
import { LoadErrorPanel } from '../LoadErrorPanel';

type Row = RequirementAcrossFleet['clusters'][number];

function About(props: { id: string }) {
  const definition = getRequirement(props.id);
  const levels = levelsByChecklist(props.id);
  if (!definition) {
    return (
      <InfoCard title="About">
        <Typography variant="body2">
          This plugin's requirement catalogue has no entry for {props.id}; the
          backend may be newer than the frontend.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <InfoCard title="About">
      <Stack spacing={2}>
        <Typography variant="body2">{definition.description}</Typography>
        <Box>
          <Typography variant="subtitle2">How we check</Typography>
          <Typography variant="body2">{definition.howWeCheck}</Typography>
        </Box>
        <Box>
          <Typography variant="subtitle2">How to satisfy it</Typography>
          <Typography variant="body2">{definition.remediation}</Typography>
        </Box>
        <Box>
          <Typography variant="subtitle2" gutterBottom>
            Level by checklist version
          </Typography>
          <Stack direction="row" spacing={0.5} flexWrap="wrap" useFlexGap>
            {levels.map(l => (
              <Chip
                key={l.version}
                size="small"
                variant={l.level === 'MUST' ? 'filled' : 'outlined'}
                label={`${l.version}: ${l.level}${
                  l.conditional ? ' (conditional)' : ''
                }`}
              />
            ))}
          </Stack>
        </Box>
        <Typography variant="body2">
          Category: {categoryTitle(definition.category)}
          {definition.kar && (
            <>
              {' · '}
              <Link to={KAR_INDEX_URL}>KAR-{definition.kar}</Link>
            </>
          )}
        </Typography>
      </Stack>
    </InfoCard>
  );
}

function VerdictTally(props: { rows: Row[] }) {
  return (
    <Stack
      direction="row"
      spacing={2}
      aria-label="Verdicts across the fleet"
      flexWrap="wrap"
    >
      {VERDICTS.map(verdict => {
        const count = props.rows.filter(r => r.verdict === verdict).length;
        return (
          <Typography key={verdict} variant="body1">
            <strong>{count}</strong> {getVerdictPresentation(verdict).label}
          </Typography>
        );
      })}
    </Stack>
  );
}

/** One requirement across the fleet: what it asks, and the latest verdict on every cluster. */
export function RequirementView() {
  const { requirementId = '' } = useParams();
  const { requirement, loading, error } =
    useRequirementAcrossFleet(requirementId);
  const clusterLink = useOptionalRouteRef(clusterRouteRef);
  const fleetLink = useOptionalRouteRef(rootRouteRef);
  const title = getRequirement(requirementId)?.title ?? requirementId;

  const columns: TableColumn<Row>[] = [
    {
      title: 'Cluster',
      field: 'name',
      highlight: true,
      render: r =>
        clusterLink ? (
          <Link to={clusterLink({ cluster: encodeURIComponent(r.cluster) })}>
            {r.name}
          </Link>
        ) : (
          r.name
        ),
    },
    {
      title: 'Verdict',
      field: 'verdict',
      render: r => <VerdictChip verdict={r.verdict} />,
    },
    { title: 'Level', field: 'level' },
    { title: 'Checklist', field: 'checklistVersion' },
    { title: 'Reason', field: 'reason' },
    {
      title: 'Evaluated',
      field: 'evaluatedAt',
      render: r => (
        <span title={formatDateTime(r.evaluatedAt)}>
          {formatRelativeTime(r.evaluatedAt)}
        </span>
      ),
    },
  ];

  let results;
  if (loading) {
    results = <Progress />;
  } else if (isNotFoundError(error)) {
    results = (
      <EmptyState
        missing="data"
        title={`No results for ${requirementId}`}
        description="No evaluated cluster has this requirement in its checklist yet. It appears here once a cluster on a checklist version that lists it has been evaluated."
      />
    );
  } else if (error) {
    results = (
      <LoadErrorPanel what="the verdicts across the fleet" error={error} />
    );
  } else if (!requirement || requirement.clusters.length === 0) {
    results = (
      <EmptyState
        missing="data"
        title="No cluster has a verdict for this requirement yet"
        description="Clusters whose checklist version lists it get a verdict on their next evaluation."
      />
    );
  } else {
    results = (
      <Stack spacing={2}>
        <VerdictTally rows={requirement.clusters} />
        <Table
          title="Latest verdict per cluster"
          options={{
            paging: requirement.clusters.length > 20,
            pageSize: 20,
            search: true,
          }}
          columns={columns}
          data={requirement.clusters}
        />
      </Stack>
    );
  }

  return (
    <>
      {fleetLink && (
        <Box sx={{ mb: 1 }}>
          <Link to={fleetLink()}>← Fleet</Link>
        </Box>
      )}
      <ContentHeader
        title={title}
        description={`Requirement ${requirementId} across the fleet`}
      />
      <Grid container spacing={3}>
        <Grid item xs={12} md={4}>
          <About id={requirementId} />
        </Grid>
        <Grid item xs={12} md={8}>
          {results}
        </Grid>
      </Grid>
    </>
  );
}
