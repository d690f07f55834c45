import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import type { FleetSummary } from '@internal/plugin-ai-conformance-common';
import { readinessOf } from '@internal/plugin-ai-conformance-common';

function Stat(props: {
  label: string;
  value: number | string;
  detail?: string;
}) {
  return (
    <Card variant="outlined" component="section" aria-label={props.label}>
      <CardContent>
        <Typography variant="overline" color="text.secondary">
          {props.label}
        </Typography>
        <Typography variant="h4" component="p">
          {props.value}
        </Typography>
        {props.detail && (
          <Typography variant="body2" color="text.secondary">
            {props.detail}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}

/** Headline numbers of the fleet: how many clusters, how many conformant, how many need care. */
export function FleetStats(props: { fleet: FleetSummary }) {
  const { clusters, conformantByChecklist } = props.fleet;
  const states = clusters.map(c => readinessOf(c.summary));
  const conformant = states.filter(s => s === 'conformant').length;
  const notConformant = states.filter(s => s === 'not-conformant').length;
  const failing = clusters.filter(
    c => c.status === 'error' || c.status === 'refused',
  ).length;
  const byChecklist = Object.entries(conformantByChecklist)
    .sort(([a], [b]) => b.localeCompare(a, undefined, { numeric: true }))
    .map(([version, count]) => `${count} on ${version}`)
    .join(', ');

  return (
    <Grid container spacing={2} sx={{ mb: 3 }}>
      <Grid item xs={6} md={3}>
        <Stat label="Clusters" value={clusters.length} />
      </Grid>
      <Grid item xs={6} md={3}>
        <Stat
          label="Conformant"
          value={conformant}
          detail={byChecklist || undefined}
        />
      </Grid>
      <Grid item xs={6} md={3}>
        <Stat label="Not conformant" value={notConformant} />
      </Grid>
      <Grid item xs={6} md={3}>
        <Stat
          label="Cannot be evaluated"
          value={failing}
          detail={failing ? 'See the status column for what to fix' : undefined}
        />
      </Grid>
    </Grid>
  );
}
