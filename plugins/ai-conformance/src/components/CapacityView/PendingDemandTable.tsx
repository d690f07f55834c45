import { Table, TableColumn } from '@backstage/core-components';
import type {
  PendingDemand,
  PendingPod,
} from '@internal/plugin-ai-conformance-common';

/** Pods the scheduler could not place that wait for accelerators. */
export function PendingDemandTable(props: { pending: PendingDemand }) {
  const { pending } = props;
  const asked = Object.entries(pending.byResource)
    .map(([r, n]) => `${n} ${r}`)
    .join(', ');
  const columns: TableColumn<PendingPod & { id: string }>[] = [
    { title: 'Namespace', field: 'namespace' },
    { title: 'Pod', field: 'name' },
    {
      title: 'Asks for',
      render: p =>
        [
          ...Object.entries(p.requests).map(([r, n]) => `${n} ${r}`),
          ...(p.claims ? ['ResourceClaims'] : []),
        ].join(', '),
    },
    { title: 'Insufficient', render: p => p.insufficient.join(', ') || '—' },
    { title: "Scheduler's message", field: 'message' },
  ];
  return (
    <Table
      title="Pending demand"
      subtitle={
        pending.pods.length
          ? `Unschedulable pods ask for ${asked || 'DRA devices'}`
          : 'No pod waits for accelerators'
      }
      options={{ paging: true, pageSize: 10, search: false, padding: 'dense' }}
      columns={columns}
      data={pending.pods.map(p => ({ ...p, id: `${p.namespace}/${p.name}` }))}
    />
  );
}
