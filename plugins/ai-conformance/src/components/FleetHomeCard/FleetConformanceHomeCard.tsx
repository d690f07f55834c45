import { Link, Progress } from '@backstage/core-components';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  CLUSTER_PROVIDERS,
  providerTitle,
  type ClusterSummary,
} from '@internal/plugin-ai-conformance-common';
import {
  describeReadiness,
  useFleet,
} from '@internal/plugin-ai-conformance-react';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { rootRouteRef } from '../../routes';
import { LoadErrorPanel } from '../LoadErrorPanel';

function conformantOf(clusters: ClusterSummary[]) {
  return clusters.filter(
    c => describeReadiness(c.summary).state === 'conformant',
  ).length;
}

function ShareBar(props: {
  label: string;
  conformant: number;
  total: number;
  link?: string;
}) {
  const { label, conformant, total, link } = props;
  const share = total === 0 ? 0 : Math.round((conformant / total) * 100);
  return (
    <Box>
      <Stack direction="row" justifyContent="space-between">
        <Typography variant="body2">
          {link ? <Link to={link}>{label}</Link> : label}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {conformant} / {total}
        </Typography>
      </Stack>
      <LinearProgress
        variant="determinate"
        value={share}
        color={share === 100 ? 'success' : 'primary'}
        aria-label={`${label}: ${conformant} of ${total} clusters conformant`}
      />
    </Box>
  );
}

/**
 * Fleet conformance at a glance, for the home page: how many clusters are conformant, overall
 * and per provider, and how many need attention, linking to the fleet views.
 *
 * @public
 */
export function FleetConformanceHomeCardContent() {
  const { fleet, loading, error } = useFleet();
  const rootLink = useOptionalRouteRef(rootRouteRef);
  if (loading) return <Progress />;
  if (error || !fleet) {
    return (
      <LoadErrorPanel what="the fleet" error={error ?? new Error('no data')} />
    );
  }
  const clusters = fleet.clusters;
  const notConformant = clusters.filter(
    c => describeReadiness(c.summary).state === 'not-conformant',
  ).length;
  const failing = clusters.filter(
    c => c.status === 'error' || c.status === 'refused',
  ).length;
  const fleetLink = rootLink?.();
  const providerLink = (provider: string) =>
    fleetLink ? `${fleetLink}?${new URLSearchParams({ provider })}` : undefined;
  return (
    <Stack spacing={1.5} data-testid="fleet-conformance-home-card">
      <Typography variant="h4" component="p">
        {conformantOf(clusters)} of {clusters.length}
        <Typography component="span" variant="body1" color="text.secondary">
          {' '}
          clusters conformant
        </Typography>
      </Typography>
      {CLUSTER_PROVIDERS.map(provider => {
        const ofProvider = clusters.filter(
          c => c.provider?.provider === provider,
        );
        return ofProvider.length === 0 ? null : (
          <ShareBar
            key={provider}
            label={providerTitle(provider)}
            conformant={conformantOf(ofProvider)}
            total={ofProvider.length}
            link={providerLink(provider)}
          />
        );
      })}
      <Typography variant="body2" color="text.secondary">
        {notConformant} not conformant · {failing} cannot be evaluated
      </Typography>
      {fleetLink && (
        <Stack direction="row" spacing={2}>
          <Link to={`${fleetLink}?tab=matrix&group=provider`}>
            Open the matrix
          </Link>
          <Link to={`${fleetLink}?tab=trends`}>See the trends</Link>
        </Stack>
      )}
    </Stack>
  );
}
