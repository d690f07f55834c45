import { Table, TableColumn } from '@backstage/core-components';
import type {
  DraDevice,
  DraPool,
} from '@internal/plugin-ai-conformance-common';
import Chip from '@mui/material/Chip';
import { formatMemory } from './format';

/** Devices published through DRA ResourceSlices, with the claims that hold them. */
export function DraDevicesTable(props: {
  devices: DraDevice[];
  pools: DraPool[];
}) {
  const incomplete = props.pools.filter(p => p.slices < p.expectedSlices);
  const columns: TableColumn<DraDevice & { id: string }>[] = [
    { title: 'Node', field: 'node', render: d => d.node ?? '(several nodes)' },
    { title: 'Driver', field: 'driver' },
    { title: 'Pool', field: 'pool' },
    { title: 'Device', field: 'device' },
    { title: 'Model', field: 'model' },
    {
      title: 'Memory',
      render: d => formatMemory(d.memoryBytes),
      customSort: (a, b) => (a.memoryBytes ?? 0) - (b.memoryBytes ?? 0),
    },
    {
      title: 'Kind',
      render: d =>
        d.kind === 'partition'
          ? `partition ${d.profile ?? ''}`.trim()
          : 'device',
    },
    {
      title: 'State',
      render: d => {
        if (d.claims.length)
          return (
            <Chip
              size="small"
              color="primary"
              label={`allocated: ${d.claims.join(', ')}`}
            />
          );
        return d.free ? (
          <Chip size="small" color="success" label="free" />
        ) : (
          <Chip size="small" label="blocked by a sibling partition" />
        );
      },
    },
  ];
  return (
    <Table
      title="DRA devices"
      subtitle={
        incomplete.length
          ? `${incomplete.length} pool(s) are being republished (fewer slices than resourceSliceCount)`
          : `${props.pools.length} pool(s), highest generation only`
      }
      options={{ paging: true, pageSize: 20, search: true, padding: 'dense' }}
      columns={columns}
      data={props.devices.map(d => ({
        ...d,
        id: `${d.driver}/${d.pool}/${d.device}`,
      }))}
    />
  );
}
