import { Table, TableColumn } from '@backstage/core-components';
import type {
  QueueCapacity,
  QueueFlavorResource,
} from '@internal/plugin-ai-conformance-common';
import { UtilisationBar } from './UtilisationBar';

type Row = QueueFlavorResource & { id: string; queue: string; active: boolean };

/** Kueue ClusterQueues: quota per flavor and resource against admitted usage. */
export function QueueQuotaTable(props: { queues: QueueCapacity[] }) {
  const rows: Row[] = props.queues.flatMap(q =>
    q.resources.map(r => ({
      ...r,
      id: `${q.name}/${r.flavor}/${r.resource}`,
      queue: q.name,
      active: q.active,
    })),
  );
  const columns: TableColumn<Row>[] = [
    {
      title: 'ClusterQueue',
      field: 'queue',
      render: r => (r.active ? r.queue : `${r.queue} (inactive)`),
    },
    { title: 'Flavor', field: 'flavor' },
    { title: 'Resource', field: 'resource' },
    { title: 'Quota', field: 'nominalQuota', type: 'numeric' },
    { title: 'Borrowing limit', render: r => r.borrowingLimit ?? '—' },
    { title: 'Used', field: 'usage', type: 'numeric' },
    { title: 'Borrowed', field: 'borrowed', type: 'numeric' },
    { title: 'Reserved', field: 'reserved', type: 'numeric' },
    {
      title: 'Quota used',
      render: r => (
        <UtilisationBar allocated={r.usage} allocatable={r.nominalQuota} />
      ),
    },
  ];
  return (
    <Table
      title="Queue quotas (Kueue)"
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={rows}
    />
  );
}
