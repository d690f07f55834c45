import {
  Content,
  ContentHeader,
  Link,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, catalogApiRef } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { describeAccelerators, readModelServer } from './modelServerEntity';
import {
  ModelServerRow,
  ModelServingFilters,
  applyFilters,
  filterOptions,
  filtersFromSearch,
  filtersToSearch,
} from './modelServingFilters';
import { ReadinessChip } from './ReadinessChip';
import { LoadErrorPanel } from '../LoadErrorPanel';

const FILTER_LABELS: Record<keyof ModelServingFilters, string> = {
  model: 'Model',
  runtime: 'Runtime',
  cluster: 'Cluster',
  owner: 'Owner',
  readiness: 'Readiness',
};

/** The options, plus the current value when no server has it (a link to a server now gone). */
function withCurrent(options: string[], current: string): string[] {
  return current && !options.includes(current)
    ? [current, ...options]
    : options;
}

/**
 * Every model server in the catalog (Components of type `model-server`), with filters by model,
 * runtime, cluster, owner and readiness, kept in the URL's query string.
 *
 * @public
 */
export function ModelServingFleetView() {
  const catalogApi = useApi(catalogApiRef);
  // The filters live in the query string: a filtered view can be bookmarked, shared and reloaded.
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const setFilter = (key: keyof ModelServingFilters, value: string) =>
    setSearch(filtersToSearch({ ...filters, [key]: value }), {
      replace: true,
    });
  const {
    value: rows,
    loading,
    error,
  } = useAsyncRetry(async (): Promise<ModelServerRow[]> => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Component', 'spec.type': 'model-server' },
    });
    return items.map(entity => ({
      entityRef: stringifyEntityRef(entity),
      server: readModelServer(entity),
    }));
  }, [catalogApi]);
  const options = useMemo(() => filterOptions(rows ?? []), [rows]);
  const shown = useMemo(
    () => applyFilters(rows ?? [], filters),
    [rows, filters],
  );
  if (loading) return <Progress />;
  if (error) return <LoadErrorPanel what="model servers" error={error} />;
  return (
    <Content>
      <ContentHeader title="Model serving" />
      <Stack direction="row" spacing={2} sx={{ mb: 2 }} flexWrap="wrap">
        {(Object.keys(FILTER_LABELS) as Array<keyof ModelServingFilters>).map(
          key => (
            <FormControl key={key} size="small" sx={{ minWidth: 160 }}>
              <InputLabel id={`model-serving-filter-${key}`}>
                {FILTER_LABELS[key]}
              </InputLabel>
              <Select
                labelId={`model-serving-filter-${key}`}
                label={FILTER_LABELS[key]}
                value={filters[key]}
                onChange={e => setFilter(key, String(e.target.value))}
              >
                <MenuItem value="">All</MenuItem>
                {withCurrent(options[key], filters[key]).map(v => (
                  <MenuItem key={v} value={v}>
                    {v}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
          ),
        )}
      </Stack>
      {!rows?.length ? (
        <Alert severity="info">
          No model servers in the catalog. The catalog module discovers them on
          the clusters listed under
          catalog.providers.aiConformanceModelServers.clusters.
        </Alert>
      ) : (
        <Table size="small" aria-label="Model servers">
          <TableHead>
            <TableRow>
              <TableCell>Server</TableCell>
              <TableCell>Readiness</TableCell>
              <TableCell>Models</TableCell>
              <TableCell>Runtime</TableCell>
              <TableCell>Cluster</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>Replicas</TableCell>
              <TableCell>Accelerators</TableCell>
              <TableCell>Endpoint</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map(({ entityRef, server: s }) => (
              <TableRow key={entityRef}>
                <TableCell>
                  <EntityRefLink
                    entityRef={entityRef}
                    title={`${s.namespace}/${s.name}`}
                  />
                  <div>{s.kind}</div>
                </TableCell>
                <TableCell>
                  <ReadinessChip readiness={s.readiness} />
                  {s.status.state === 'stale' && (
                    <div>stale: {s.status.reason}</div>
                  )}
                </TableCell>
                <TableCell>
                  {s.models.map(m => m.name).join(', ') || '—'}
                </TableCell>
                <TableCell>
                  {s.runtime
                    ? `${s.runtime.name} ${s.runtime.version ?? ''}`
                    : '—'}
                </TableCell>
                <TableCell>
                  {s.clusterEntityRef ? (
                    <EntityRefLink
                      entityRef={s.clusterEntityRef}
                      title={s.cluster}
                    />
                  ) : (
                    s.cluster
                  )}
                </TableCell>
                <TableCell>
                  {s.owner ? <EntityRefLink entityRef={s.owner} /> : '—'}
                </TableCell>
                <TableCell>
                  {s.replicas.ready ?? '?'}/{s.replicas.desired ?? '?'}
                </TableCell>
                <TableCell>
                  {s.accelerators.map(describeAccelerators).join(', ') || '—'}
                </TableCell>
                <TableCell>
                  {s.endpoint ? (
                    <Link to={s.endpoint.url}>{s.endpoint.url}</Link>
                  ) : (
                    'no URL'
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Content>
  );
}
