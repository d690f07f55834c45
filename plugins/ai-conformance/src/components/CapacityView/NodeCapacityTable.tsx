import { Table, TableColumn } from '@backstage/core-components';
import type { NodeCapacity } from '@internal/plugin-ai-conformance-common';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { formatCount, utilisation, vendorName } from './format';
import { UtilisationBar } from './UtilisationBar';

/** One row per node and vendor: a node with GPUs of two vendors has two rows. */
interface NodeRow {
  id: string;
  node: string;
  ready: boolean;
  unschedulable: boolean;
  pool?: string;
  vendor: string;
  model: string;
  physical?: number;
  allocatable: number;
  allocated: number;
  free: number;
  units: string;
}

export function nodeRows(nodes: NodeCapacity[]): NodeRow[] {
  return nodes.flatMap(n =>
    n.accelerators.map(a => ({
      id: `${n.name}/${a.vendor}`,
      node: n.name,
      ready: n.ready,
      unschedulable: n.unschedulable,
      pool: n.pool ?? n.instanceType,
      vendor: a.vendor,
      model: a.model,
      physical: a.physical,
      allocatable: a.devices.allocatable,
      allocated: a.devices.allocated,
      free: a.devices.free,
      units: a.resources
        .filter(r => r.kind !== 'device')
        .map(r => `${r.resource}: ${r.allocated}/${r.allocatable}`)
        .join(', '),
    })),
  );
}

/** Every accelerator node with its utilisation, sortable by any column. */
export function NodeCapacityTable(props: { nodes: NodeCapacity[] }) {
  const columns: TableColumn<NodeRow>[] = [
    { title: 'Node', field: 'node', highlight: true },
    { title: 'Pool', field: 'pool' },
    { title: 'Vendor', field: 'vendor', render: r => vendorName(r.vendor) },
    { title: 'Model', field: 'model' },
    {
      title: 'Physical',
      field: 'physical',
      type: 'numeric',
      render: r => formatCount(r.physical),
    },
    { title: 'Allocatable', field: 'allocatable', type: 'numeric' },
    { title: 'Allocated', field: 'allocated', type: 'numeric' },
    { title: 'Free', field: 'free', type: 'numeric' },
    {
      title: 'Utilisation',
      customSort: (a, b) =>
        utilisation(a.allocated, a.allocatable) -
        utilisation(b.allocated, b.allocatable),
      render: r => (
        <UtilisationBar allocated={r.allocated} allocatable={r.allocatable} />
      ),
    },
    {
      title: 'Shares / partitions',
      field: 'units',
      render: r => <Typography variant="body2">{r.units || '—'}</Typography>,
    },
    {
      title: 'State',
      render: r => {
        if (!r.ready)
          return <Chip size="small" color="error" label="NotReady" />;
        if (r.unschedulable)
          return <Chip size="small" color="warning" label="Cordoned" />;
        return <Chip size="small" label="Ready" />;
      },
    },
  ];
  return (
    <Table
      title="Nodes"
      options={{ paging: true, pageSize: 20, search: true, padding: 'dense' }}
      columns={columns}
      data={nodeRows(props.nodes)}
    />
  );
}
