import {
  CodeSnippet,
  ContentHeader,
  EmptyState,
  Progress,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import FileDownload from '@mui/icons-material/FileDownload';
import {
  aiConformanceApiRef,
  describeError,
} from '@internal/plugin-ai-conformance-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useFleetMatrix } from '../../hooks/useFleetMatrix';
import { saveTextFile } from '../../utils/download';
import { FleetMatrixView } from '../FleetMatrix';
import { FleetTrendsView } from '../FleetTrends';
import { LoadErrorPanel } from '../LoadErrorPanel';
import { FleetFilters } from './FleetFilters';
import { FleetListTable } from './FleetListTable';
import { FleetStats } from './FleetStats';
import { applyFleetFilters } from './fleetFilters';
import type { FleetQuery, FleetTab } from './fleetQuery';
import { RequirementCatalogue } from './RequirementCatalogue';
import { useFleetQuery } from './useFleetQuery';

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

/**
 * The fleet page: headline numbers, filters and grouping shared by three tabs (the cluster list,
 * the requirement matrix and the trends), then the requirement catalogue. Every filter, the
 * grouping, the tab, the matrix's checklist and selected cell and the trend range live in the
 * URL, so a link reproduces the view.
 */
export function FleetView() {
  const [query, update] = useFleetQuery();
  const { matrix, loading, error } = useFleetMatrix(query.columns);
  // Stable callbacks for the memoised filters (the router's setter changes with the URL).
  const latestUpdate = useRef(update);
  latestUpdate.current = update;
  const onFiltersChange = useCallback(
    (filters: FleetQuery['filters']) =>
      latestUpdate.current({ filters, cell: undefined }),
    [],
  );
  const onGroupChange = useCallback(
    (group: FleetQuery['group']) => latestUpdate.current({ group }),
    [],
  );

  const rows = useMemo(
    () => (matrix ? applyFleetFilters(matrix.rows, query.filters) : []),
    [matrix, query.filters],
  );

  let body;
  if (loading && !matrix) {
    body = <Progress />;
  } else if (error) {
    body = <LoadErrorPanel what="the fleet" error={error} />;
  } else if (!matrix || matrix.rows.length === 0) {
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
        <FleetStats clusters={rows} />
        <FleetFilters
          rows={matrix.rows}
          value={query.filters}
          onChange={onFiltersChange}
          group={query.group}
          onGroupChange={query.tab === 'matrix' ? onGroupChange : undefined}
        />
        <Tabs
          value={query.tab}
          onChange={(_e, tab: FleetTab) => update({ tab })}
          aria-label="Fleet views"
          sx={{ mb: 2 }}
        >
          <Tab
            value="list"
            label="Clusters"
            id="fleet-tab-list"
            aria-controls="fleet-panel"
          />
          <Tab
            value="matrix"
            label="Matrix"
            id="fleet-tab-matrix"
            aria-controls="fleet-panel"
          />
          <Tab
            value="trends"
            label="Trends"
            id="fleet-tab-trends"
            aria-controls="fleet-panel"
          />
        </Tabs>
        <Box
          role="tabpanel"
          id="fleet-panel"
          aria-labelledby={`fleet-tab-${query.tab}`}
        >
          {query.tab === 'list' && (
            <FleetListTable rows={rows} total={matrix.rows.length} />
          )}
          {query.tab === 'matrix' && (
            <FleetMatrixView
              matrix={matrix}
              rows={rows}
              query={query}
              onChange={update}
            />
          )}
          {query.tab === 'trends' && (
            <FleetTrendsView
              range={query.range}
              onRangeChange={range => update({ range })}
            />
          )}
        </Box>
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
      {query.tab === 'list' && (
        <Box sx={{ mt: 4 }}>
          <RequirementCatalogue />
        </Box>
      )}
    </>
  );
}
