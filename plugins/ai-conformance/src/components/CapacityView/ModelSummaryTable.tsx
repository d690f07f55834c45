import { Table, TableColumn } from '@backstage/core-components';
import type { ModelCapacity } from '@internal/plugin-ai-conformance-common';
import Typography from '@mui/material/Typography';
import { formatCount, formatMemory, vendorName } from './format';
import { UtilisationBar } from './UtilisationBar';

function unitsCell(m: ModelCapacity) {
  const units = m.resources.filter(r => r.kind !== 'device');
  if (!units.length) return '—';
  return (
    <>
      {units.map(r => (
        <Typography key={`${r.resource}-${r.kind}`} variant="body2">
          {r.resource} ({r.kind}): {r.allocated}/{r.allocatable} allocated,{' '}
          {r.free} free
        </Typography>
      ))}
    </>
  );
}

/**
 * Per accelerator model: physical devices, and whole devices allocatable, allocated and free;
 * shares and partitions are listed as units of their own so nothing is counted twice.
 */
export function ModelSummaryTable(props: { models: ModelCapacity[] }) {
  const columns: TableColumn<ModelCapacity>[] = [
    { title: 'Vendor', render: m => vendorName(m.vendor) },
    { title: 'Model', field: 'model' },
    { title: 'Memory', render: m => formatMemory(m.memoryBytes) },
    { title: 'Nodes', field: 'nodes', type: 'numeric' },
    {
      title: 'Physical',
      field: 'physical',
      type: 'numeric',
      render: m =>
        m.physicalUnknownNodes
          ? `${formatCount(m.physical)} (+ ${
              m.physicalUnknownNodes
            } node(s) unknown)`
          : formatCount(m.physical),
    },
    {
      title: 'Allocatable',
      render: m => m.devices.allocatable,
      customSort: (a, b) => a.devices.allocatable - b.devices.allocatable,
    },
    {
      title: 'Allocated',
      render: m => m.devices.allocated,
      customSort: (a, b) => a.devices.allocated - b.devices.allocated,
    },
    {
      title: 'Free',
      render: m => m.devices.free,
      customSort: (a, b) => a.devices.free - b.devices.free,
    },
    {
      title: 'Whole devices used',
      render: m => (
        <UtilisationBar
          allocated={m.devices.allocated}
          allocatable={m.devices.allocatable}
        />
      ),
    },
    { title: 'Shares and partitions', render: unitsCell },
  ];
  return (
    <Table
      title="Accelerators by model"
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={props.models}
    />
  );
}
