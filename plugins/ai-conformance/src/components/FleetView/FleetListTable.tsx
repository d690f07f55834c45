import { Link, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { providerTitle } from '@internal/plugin-ai-conformance-common';
import {
  ConformanceBadge,
  formatDateTime,
  formatRelativeTime,
} from '@internal/plugin-ai-conformance-react';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { clusterRouteRef } from '../../routes';
import { ClusterStatusCell } from './ClusterStatusCell';
import type { FleetRow } from './fleetFilters';

const NO_WRAP = { whiteSpace: 'nowrap' as const };

/**
 * The fleet as a list. Sized for a 1440 px screen: short columns never wrap, the status column
 * keeps room for its message, and a narrower window scrolls the table instead of cutting it.
 */
export function FleetListTable(props: { rows: FleetRow[]; total: number }) {
  const { rows, total } = props;
  const clusterLink = useOptionalRouteRef(clusterRouteRef);

  const columns: TableColumn<FleetRow>[] = [
    {
      title: 'Cluster',
      field: 'name',
      highlight: true,
      cellStyle: { minWidth: 160 },
      render: c => (
        <>
          {clusterLink ? (
            <Link to={clusterLink({ cluster: encodeURIComponent(c.cluster) })}>
              {c.name}
            </Link>
          ) : (
            c.name
          )}
          <Typography variant="caption" display="block" color="text.secondary">
            {c.entityRef ? (
              <EntityRefLink entityRef={c.entityRef} disableTooltip>
                catalog entity
              </EntityRefLink>
            ) : (
              'from app-config'
            )}
            {c.provider ? ` · ${providerTitle(c.provider.provider)}` : ''}
          </Typography>
        </>
      ),
    },
    {
      title: 'Conformance',
      headerStyle: NO_WRAP,
      cellStyle: NO_WRAP,
      customSort: (a, b) =>
        Number(b.summary?.conformant ?? -1) -
        Number(a.summary?.conformant ?? -1),
      render: c => <ConformanceBadge summary={c.summary} size="small" />,
    },
    {
      title: 'Status',
      field: 'status',
      cellStyle: { minWidth: 240, maxWidth: 420 },
      render: c => <ClusterStatusCell cluster={c} />,
    },
    {
      title: 'Owner',
      field: 'owner',
      emptyValue: '—',
      cellStyle: NO_WRAP,
      render: c =>
        c.owner ? (
          <EntityRefLink entityRef={c.owner} defaultKind="group" />
        ) : (
          '—'
        ),
    },
    {
      title: 'Checklist',
      field: 'checklistVersion',
      emptyValue: '—',
      headerStyle: NO_WRAP,
    },
    {
      title: 'Kubernetes',
      field: 'kubernetesVersion',
      emptyValue: '—',
      headerStyle: NO_WRAP,
      cellStyle: NO_WRAP,
    },
    {
      title: 'MUST fail / undecided',
      headerStyle: NO_WRAP,
      cellStyle: NO_WRAP,
      customSort: (a, b) =>
        (a.summary?.mustFailed ?? -1) - (b.summary?.mustFailed ?? -1),
      render: c =>
        c.summary
          ? `${c.summary.mustFailed} / ${c.summary.mustUndecided}`
          : '—',
    },
    {
      title: 'Pass / total',
      headerStyle: NO_WRAP,
      cellStyle: NO_WRAP,
      render: c => (c.summary ? `${c.summary.pass} / ${c.summary.total}` : '—'),
    },
    {
      title: 'Last evaluated',
      field: 'evaluatedAt',
      defaultSort: 'desc',
      headerStyle: NO_WRAP,
      cellStyle: NO_WRAP,
      render: c =>
        c.evaluatedAt ? (
          <span title={formatDateTime(c.evaluatedAt)}>
            {formatRelativeTime(c.evaluatedAt)}
          </span>
        ) : (
          'never'
        ),
    },
  ];

  return (
    <Box sx={{ overflowX: 'auto', maxWidth: '100%' }} data-testid="fleet-list">
      <Table
        title={`Clusters (${rows.length} of ${total})`}
        options={{
          paging: rows.length > 20,
          pageSize: 20,
          search: false,
          padding: 'dense',
        }}
        columns={columns}
        data={rows}
        emptyContent={
          <Box sx={{ p: 2 }}>
            <Typography>No cluster matches these filters.</Typography>
          </Box>
        }
      />
    </Box>
  );
}
