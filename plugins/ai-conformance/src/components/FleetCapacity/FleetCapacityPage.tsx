import {
  ContentHeader,
  EmptyState,
  Link,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  fleetCapacityTotals,
  FleetCapacityCluster,
  FleetCapacityTotal,
  isClusterProvider,
  providerTitle,
} from '@internal/plugin-ai-conformance-common';
import { formatRelativeTime } from '@internal/plugin-ai-conformance-react';
import Grid from '@mui/material/Grid';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { useFleetCapacity } from '../../hooks/useCapacity';
import { capacityRouteRef, rootRouteRef } from '../../routes';
import { UtilisationBar } from '../CapacityView/UtilisationBar';
import { vendorName } from '../CapacityView/format';
import { LoadErrorPanel } from '../LoadErrorPanel';
import { CapacitySearch } from './CapacitySearch';

/** `AWS` for `aws`; names stored before provider detection was unified are shown as they are. */
const providerLabel = (provider: string | undefined) => {
  if (provider === undefined) return 'unknown';
  return isClusterProvider(provider) ? providerTitle(provider) : provider;
};

function totalsTable(
  title: string,
  first: string,
  data: FleetCapacityTotal[],
  withVendor: boolean,
) {
  const columns: TableColumn<FleetCapacityTotal & { id: string }>[] = [
    ...(withVendor
      ? [
          {
            title: 'Vendor',
            render: (t: FleetCapacityTotal) => vendorName(t.vendor),
          },
        ]
      : []),
    {
      title: first,
      render: t => (withVendor ? t.label : providerLabel(t.label)),
    },
    { title: 'Clusters', field: 'clusters', type: 'numeric' },
    { title: 'Nodes', field: 'nodes', type: 'numeric' },
    { title: 'Physical', field: 'physical', type: 'numeric' },
    { title: 'Allocatable', render: t => t.devices.allocatable },
    { title: 'Allocated', render: t => t.devices.allocated },
    { title: 'Free', render: t => t.devices.free },
    {
      title: 'Used',
      render: t => (
        <UtilisationBar
          allocated={t.devices.allocated}
          allocatable={t.devices.allocatable}
        />
      ),
    },
  ];
  return (
    <Table
      title={title}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={data.map(t => ({ ...t, id: t.key }))}
    />
  );
}

/** Accelerator capacity across every cluster: totals by model and provider, and the search. */
export function FleetCapacityPage() {
  const fleet = useFleetCapacity();
  const capacityLink = useOptionalRouteRef(capacityRouteRef);
  const fleetLink = useOptionalRouteRef(rootRouteRef);
  if (fleet.loading && !fleet.value) return <Progress />;
  if (fleet.error)
    return <LoadErrorPanel what="the fleet capacity" error={fleet.error} />;
  const clusters = fleet.value?.clusters ?? [];
  const { byModel, byProvider } = fleetCapacityTotals(clusters);
  const clusterColumns: TableColumn<FleetCapacityCluster & { id: string }>[] = [
    {
      title: 'Cluster',
      field: 'cluster',
      render: c =>
        capacityLink ? (
          <Link to={capacityLink({ cluster: encodeURIComponent(c.cluster) })}>
            {c.cluster}
          </Link>
        ) : (
          c.cluster
        ),
    },
    { title: 'Provider', render: c => providerLabel(c.provider) },
    {
      title: 'Models',
      render: c =>
        c.models
          .filter(m => m.vendor !== 'unknown')
          .map(m => m.model)
          .join(', ') || '—',
    },
    {
      title: 'Physical',
      render: c => c.totals.physical,
      customSort: (a, b) => a.totals.physical - b.totals.physical,
    },
    {
      title: 'Free',
      render: c => c.totals.devices.free,
      customSort: (a, b) => a.totals.devices.free - b.totals.devices.free,
    },
    {
      title: 'Used',
      render: c => (
        <UtilisationBar
          allocated={c.totals.devices.allocated}
          allocatable={c.totals.devices.allocatable}
        />
      ),
    },
    { title: 'Pending pods', field: 'pendingPods', type: 'numeric' },
    { title: 'Snapshot', render: c => formatRelativeTime(c.takenAt) },
  ];
  return (
    <>
      <ContentHeader title="Accelerator capacity">
        {fleetLink && <Link to={fleetLink()}>Conformance</Link>}
      </ContentHeader>
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <CapacitySearch />
        </Grid>
        {clusters.length === 0 ? (
          <Grid item xs={12}>
            <EmptyState
              missing="data"
              title="No capacity snapshot yet"
              description="Snapshots are taken with every scheduled evaluation; none has finished yet, or you may read no cluster."
            />
          </Grid>
        ) : (
          <>
            <Grid item xs={12} md={7}>
              {totalsTable('By model', 'Model', byModel, true)}
            </Grid>
            <Grid item xs={12} md={5}>
              {totalsTable('By provider', 'Provider', byProvider, false)}
            </Grid>
            <Grid item xs={12}>
              <Table
                title="Clusters"
                options={{ paging: false, search: true, padding: 'dense' }}
                columns={clusterColumns}
                data={clusters.map(c => ({ ...c, id: c.cluster }))}
              />
            </Grid>
          </>
        )}
      </Grid>
    </>
  );
}
