import {
  CodeSnippet,
  ContentHeader,
  EmptyState,
  Link,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import FileDownload from '@mui/icons-material/FileDownload';
import type { ClusterSummary } from '@internal/plugin-ai-conformance-common';
import {
  aiConformanceApiRef,
  ConformanceBadge,
  describeError,
  formatDateTime,
  formatRelativeTime,
  useFleet,
} from '@internal/plugin-ai-conformance-react';
import { useMemo, useState } from 'react';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { clusterRouteRef } from '../../routes';
import { saveTextFile } from '../../utils/download';
import { ClusterStatusCell } from './ClusterStatusCell';
import { FleetFilters } from './FleetFilters';
import { FleetStats } from './FleetStats';
import {
  applyFleetFilters,
  checklistVersionsIn,
  NO_FILTERS,
  type FleetFilterState,
} from './fleetFilters';
import { RequirementCatalogue } from './RequirementCatalogue';
import { LoadErrorPanel } from '../LoadErrorPanel';

const EXAMPLE_CLUSTER = `apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: gpu-cluster-east
  annotations:
    kubernetes.io/api-server: https://gpu-east.example.com:6443
    kubernetes.io/api-server-certificate-authority: <base64 CA>
    kubernetes.io/auth-provider: serviceAccount
spec:
  type: kubernetes-cluster
  owner: platform-team`;

function CsvDownloadButton() {
  const api = useApi(aiConformanceApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const csv = await api.exportCsv();
      saveTextFile('ai-conformance-fleet.csv', csv, 'text/csv');
    } catch (error) {
      alertApi.post({
        message: `Could not export the fleet as CSV: ${describeError(error)}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="outlined"
      startIcon={<FileDownload />}
      onClick={download}
      disabled={busy}
    >
      Download CSV
    </Button>
  );
}

/** The fleet page: every cluster's readiness, with filters, headline numbers and the catalogue. */
export function FleetView() {
  const { fleet, loading, error } = useFleet();
  const clusterLink = useOptionalRouteRef(clusterRouteRef);
  const [filters, setFilters] = useState<FleetFilterState>(NO_FILTERS);

  const clusters = useMemo(
    () => (fleet ? applyFleetFilters(fleet.clusters, filters) : []),
    [fleet, filters],
  );

  const columns: TableColumn<ClusterSummary>[] = [
    {
      title: 'Cluster',
      field: 'name',
      highlight: true,
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
          </Typography>
        </>
      ),
    },
    {
      title: 'Conformance',
      customSort: (a, b) =>
        Number(b.summary?.conformant ?? -1) -
        Number(a.summary?.conformant ?? -1),
      render: c => <ConformanceBadge summary={c.summary} size="small" />,
    },
    {
      title: 'Status',
      field: 'status',
      render: c => <ClusterStatusCell cluster={c} />,
    },
    { title: 'Checklist', field: 'checklistVersion', emptyValue: '—' },
    { title: 'Kubernetes', field: 'kubernetesVersion', emptyValue: '—' },
    {
      title: 'MUST failing',
      field: 'summary.mustFailed',
      type: 'numeric',
      emptyValue: '—',
    },
    {
      title: 'MUST undecided',
      field: 'summary.mustUndecided',
      type: 'numeric',
      emptyValue: '—',
    },
    {
      title: 'Pass / total',
      render: c => (c.summary ? `${c.summary.pass} / ${c.summary.total}` : '—'),
    },
    {
      title: 'Last evaluated',
      field: 'evaluatedAt',
      defaultSort: 'desc',
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

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <LoadErrorPanel what="the fleet" error={error} />;
  } else if (!fleet || fleet.clusters.length === 0) {
    body = (
      <EmptyState
        missing="content"
        title="No clusters yet"
        description="Register a Resource of type kubernetes-cluster in the catalog (its API server must be allowed by the backend's configuration), or list clusters under kubernetes.clusterLocatorMethods in app-config. The backend evaluates them on its next run."
        action={
          <CodeSnippet
            language="yaml"
            text={EXAMPLE_CLUSTER}
            showCopyCodeButton
          />
        }
      />
    );
  } else {
    body = (
      <>
        <FleetStats fleet={fleet} />
        <FleetFilters
          value={filters}
          onChange={setFilters}
          checklistVersions={checklistVersionsIn(fleet.clusters)}
        />
        <Table
          title={`Clusters (${clusters.length} of ${fleet.clusters.length})`}
          options={{ paging: clusters.length > 20, pageSize: 20, search: true }}
          columns={columns}
          data={clusters}
          emptyContent={
            <Box sx={{ p: 2 }}>
              <Typography>No cluster matches these filters.</Typography>
            </Box>
          }
        />
      </>
    );
  }

  return (
    <>
      <ContentHeader
        title="Fleet"
        description="Readiness of every registered cluster for AI workloads, graded against the CNCF Kubernetes AI Conformance checklist for its Kubernetes version"
      >
        <CsvDownloadButton />
      </ContentHeader>
      {body}
      <Box sx={{ mt: 4 }}>
        <RequirementCatalogue />
      </Box>
    </>
  );
}
