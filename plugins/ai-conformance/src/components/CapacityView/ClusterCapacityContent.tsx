import {
  ContentHeader,
  EmptyState,
  InfoCard,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { formatRelativeTime } from '@internal/plugin-ai-conformance-react';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import {
  useClusterCapacity,
  useClusterCapacityHistory,
} from '../../hooks/useCapacity';
import { LoadErrorPanel } from '../LoadErrorPanel';
import { CapacityTrendChart } from './CapacityTrendChart';
import { DraDevicesTable } from './DraDevicesTable';
import { ModelSummaryTable } from './ModelSummaryTable';
import { NodeCapacityTable } from './NodeCapacityTable';
import { PendingDemandTable } from './PendingDemandTable';
import { QueueQuotaTable } from './QueueQuotaTable';

const TREND_LIMIT = 100;

/**
 * The accelerator capacity of one cluster: per model, per node, DRA devices, pending demand,
 * queue quotas and the trend. Used by the plugin's cluster page and the entity tab.
 *
 * @public
 */
export function ClusterCapacityContent(props: { cluster: string }) {
  const { cluster } = props;
  const { capacity, notTaken, loading, error } = useClusterCapacity(cluster);
  const history = useClusterCapacityHistory(cluster, TREND_LIMIT);
  if (loading && !capacity) return <Progress />;
  if (error)
    return <LoadErrorPanel what={`the capacity of ${cluster}`} error={error} />;
  if (notTaken || !capacity) {
    return (
      <EmptyState
        missing="data"
        title={`No capacity snapshot of ${cluster} yet`}
        description="The backend takes a capacity snapshot with every scheduled evaluation of the cluster."
      />
    );
  }
  const { totals } = capacity;
  return (
    <>
      <ContentHeader title={`Accelerator capacity of ${cluster}`}>
        <Typography variant="body2">
          Snapshot {formatRelativeTime(capacity.takenAt)}
          {capacity.provider ? ` · ${capacity.provider}` : ''}
        </Typography>
      </ContentHeader>
      <Grid container spacing={2}>
        {capacity.errors.length > 0 && (
          <Grid item xs={12}>
            <WarningPanel
              severity="error"
              title="Part of the capacity could not be read"
              message={capacity.errors
                .map(e => `${e.fact}: ${e.error}`)
                .join('\n')}
            />
          </Grid>
        )}
        <Grid item xs={12} md={4}>
          <InfoCard title="Cluster">
            <Typography>
              {totals.acceleratorNodes} of {totals.nodes} nodes have
              accelerators
            </Typography>
            <Typography>{totals.physical} physical devices</Typography>
            <Typography>
              Whole devices: {totals.devices.allocated} of{' '}
              {totals.devices.allocatable} allocated, {totals.devices.free} free
            </Typography>
            <Typography>
              {capacity.pending.pods.length} pod(s) waiting for accelerators
            </Typography>
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={8}>
          <CapacityTrendChart points={history.value?.points ?? []} />
        </Grid>
        {capacity.unknown.length > 0 && (
          <Grid item xs={12}>
            <WarningPanel
              severity="warning"
              title={`${capacity.unknown.length} unknown accelerator figure(s)`}
              message={capacity.unknown
                .map(u => `${u.name}: ${u.detail}`)
                .join('\n')}
            />
          </Grid>
        )}
        <Grid item xs={12}>
          <ModelSummaryTable models={capacity.models} />
        </Grid>
        <Grid item xs={12}>
          <NodeCapacityTable nodes={capacity.nodes} />
        </Grid>
        {capacity.dra.devices.length > 0 && (
          <Grid item xs={12}>
            <DraDevicesTable
              devices={capacity.dra.devices}
              pools={capacity.dra.pools}
            />
          </Grid>
        )}
        <Grid item xs={12}>
          <PendingDemandTable pending={capacity.pending} />
        </Grid>
        {capacity.queues.length > 0 && (
          <Grid item xs={12}>
            <QueueQuotaTable queues={capacity.queues} />
          </Grid>
        )}
      </Grid>
    </>
  );
}
