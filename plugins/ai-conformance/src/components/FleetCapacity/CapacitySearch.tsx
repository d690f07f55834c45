import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { CapacityMatch } from '@internal/plugin-ai-conformance-common';
import {
  aiConformanceApiRef,
  formatRelativeTime,
} from '@internal/plugin-ai-conformance-react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { FormEvent, useState } from 'react';
import { useOptionalRouteRef } from '../../hooks/useOptionalRouteRef';
import { capacityRouteRef } from '../../routes';
import { LoadErrorPanel } from '../LoadErrorPanel';

/** "N free units of model X": which clusters and nodes can take it now. */
export function CapacitySearch() {
  const api = useApi(aiConformanceApiRef);
  const capacityLink = useOptionalRouteRef(capacityRouteRef);
  const [model, setModel] = useState('');
  const [count, setCount] = useState('1');
  const [result, setResult] = useState<{
    query: string;
    matches: CapacityMatch[];
  }>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const n = Number(count);
  const valid = model.trim() !== '' && Number.isInteger(n) && n > 0;
  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    setBusy(true);
    setError(undefined);
    try {
      const { matches } = await api.searchCapacity({
        model: model.trim(),
        count: n,
      });
      setResult({ query: `${n} free ${model.trim()}`, matches });
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const columns: TableColumn<CapacityMatch & { id: string }>[] = [
    {
      title: 'Cluster',
      field: 'cluster',
      render: m =>
        capacityLink ? (
          <Link to={capacityLink({ cluster: encodeURIComponent(m.cluster) })}>
            {m.cluster}
          </Link>
        ) : (
          m.cluster
        ),
    },
    { title: 'Models', render: m => m.models.join(', ') },
    { title: 'Free in cluster', field: 'clusterFree', type: 'numeric' },
    {
      title: `Nodes that can take it now`,
      render: m =>
        m.nodes.length
          ? m.nodes.map(x => `${x.node} (${x.free} free)`).join(', ')
          : 'none: no single node has that many free',
    },
    { title: 'Snapshot', render: m => formatRelativeTime(m.takenAt) },
  ];
  return (
    <Box>
      <Box
        component="form"
        onSubmit={search}
        sx={{ display: 'flex', gap: 2, alignItems: 'center', mb: 2 }}
      >
        <TextField
          label="Free units"
          type="number"
          size="small"
          value={count}
          onChange={e => setCount(e.target.value)}
          inputProps={{ min: 1, 'aria-label': 'free units' }}
          sx={{ width: 120 }}
        />
        <TextField
          label="Model (e.g. H100)"
          size="small"
          value={model}
          onChange={e => setModel(e.target.value)}
          inputProps={{ 'aria-label': 'model' }}
        />
        <Button type="submit" variant="contained" disabled={!valid || busy}>
          Find capacity
        </Button>
      </Box>
      {error && <LoadErrorPanel what="the capacity search" error={error} />}
      {result && (
        <Table
          title={`Where can I get ${result.query} now?`}
          subtitle={
            result.matches.some(m => m.nodes.length)
              ? `${
                  result.matches.filter(m => m.nodes.length).length
                } cluster(s) can take it now`
              : 'No cluster can take it now'
          }
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={result.matches.map(m => ({ ...m, id: m.cluster }))}
          emptyContent={
            <Typography sx={{ p: 2 }}>
              No cluster has a model matching "{model}".
            </Typography>
          }
        />
      )}
    </Box>
  );
}
