import { KubeObject } from '../cluster/ClusterReader';
import { parseQuantity } from './quantity';
import { QueueCapacity, QueueFlavorResource } from './types';

type Any = any; // custom resources: every field is optional and checked

function usageOf(
  list: unknown,
): Map<string, { total: number; borrowed: number }> {
  const out = new Map<string, { total: number; borrowed: number }>();
  if (!Array.isArray(list)) return out;
  for (const flavor of list as Any[]) {
    for (const r of flavor?.resources ?? []) {
      out.set(`${flavor?.name}\u0000${r?.name}`, {
        total: parseQuantity(String(r?.total ?? '0')) ?? 0,
        borrowed: parseQuantity(String(r?.borrowed ?? '0')) ?? 0,
      });
    }
  }
  return out;
}

function optionalQuantity(value: unknown): number | undefined {
  return value === undefined || value === null
    ? undefined
    : parseQuantity(String(value));
}

/**
 * Kueue ClusterQueues: nominal quota, borrowing and lending limits per flavor and resource against
 * admitted usage and reservations. v1beta1 and v1beta2 share these fields; v1beta2 renamed
 * `cohort` to `cohortName`.
 *
 * @public
 */
export function queueCapacity(clusterQueues: KubeObject[]): QueueCapacity[] {
  return clusterQueues.map(o => {
    const q = o as Any;
    const usage = usageOf(q.status?.flavorsUsage);
    const reservation = usageOf(q.status?.flavorsReservation);
    const resources: QueueFlavorResource[] = [];
    for (const group of q.spec?.resourceGroups ?? []) {
      for (const flavor of group?.flavors ?? []) {
        for (const r of flavor?.resources ?? []) {
          const key = `${flavor?.name}\u0000${r?.name}`;
          resources.push({
            flavor: String(flavor?.name ?? ''),
            resource: String(r?.name ?? ''),
            nominalQuota: parseQuantity(String(r?.nominalQuota ?? '0')) ?? 0,
            borrowingLimit: optionalQuantity(r?.borrowingLimit),
            lendingLimit: optionalQuantity(r?.lendingLimit),
            usage: usage.get(key)?.total ?? 0,
            borrowed: usage.get(key)?.borrowed ?? 0,
            reserved: reservation.get(key)?.total ?? 0,
          });
        }
      }
    }
    const active = (q.status?.conditions ?? []).some(
      (c: Any) => c?.type === 'Active' && c?.status === 'True',
    );
    return {
      name: String(o.metadata?.name ?? ''),
      apiVersion: String(o.apiVersion ?? ''),
      cohort: q.spec?.cohortName ?? q.spec?.cohort,
      active,
      pendingWorkloads: Number(q.status?.pendingWorkloads ?? 0),
      admittedWorkloads: Number(q.status?.admittedWorkloads ?? 0),
      resources,
    };
  });
}
