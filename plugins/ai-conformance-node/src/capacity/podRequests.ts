import { PodResourceRequestsFact } from '../gather/factTypes';
import { parseQuantity, roundQuantity } from './quantity';

/** A request whose quantity is not a valid Kubernetes quantity. @public */
export interface MalformedQuantity {
  resource: string;
  value: string;
}

/** Pod-level resources (`spec.resources`) may only set these; extended resources stay per container. */
const POD_LEVEL_RESOURCES = /^(cpu|memory|hugepages-.+)$/;

/** Which resources to compute; the others are not parsed at all. */
type ResourceFilter = (resource: string) => unknown;

function add(
  into: Map<string, number>,
  list: Record<string, string>,
  malformed: MalformedQuantity[],
  include: ResourceFilter | undefined,
) {
  for (const resource of Object.keys(list)) {
    if (include && !include(resource)) continue;
    const value = list[resource];
    const n = parseQuantity(value);
    if (n === undefined) {
      malformed.push({ resource, value: String(value) });
      continue;
    }
    into.set(resource, (into.get(resource) ?? 0) + n);
  }
}

function maxInto(into: Map<string, number>, other: Map<string, number>) {
  for (const [resource, n] of other) {
    if (n > (into.get(resource) ?? 0)) into.set(resource, n);
  }
}

/**
 * A pod's effective requests the way the scheduler computes them
 * (k8s.io/component-helpers/resource PodRequests): the app containers' sum plus the sidecars
 * (init containers with restartPolicy Always), or the largest init-container step if that is
 * more; each regular init container runs beside the sidecars started before it. Pod-level
 * requests replace the container sum for the resources they set, and the overhead is added.
 * Each resource is computed on its own, so `include` (for example only accelerators) changes
 * nothing for the resources it keeps and saves parsing the others (cpu and memory of every pod).
 *
 * @public
 */
export function effectivePodRequests(
  requests: PodResourceRequestsFact | undefined,
  include?: (resource: string) => unknown,
): {
  requests: Map<string, number>;
  malformed: MalformedQuantity[];
} {
  const malformed: MalformedQuantity[] = [];
  const total = new Map<string, number>();
  if (!requests) return { requests: total, malformed };
  for (const c of requests.containers) add(total, c, malformed, include);
  const sidecars = new Map<string, number>();
  const initPeak = new Map<string, number>();
  for (const init of requests.initContainers) {
    const step = new Map<string, number>();
    if (init.sidecar) {
      add(total, init.requests, malformed, include);
      add(sidecars, init.requests, malformed, include);
      maxInto(initPeak, sidecars);
      continue;
    }
    add(step, init.requests, malformed, include);
    for (const [resource, n] of sidecars) {
      step.set(resource, (step.get(resource) ?? 0) + n);
    }
    maxInto(initPeak, step);
  }
  maxInto(total, initPeak);
  if (requests.pod) {
    for (const [resource, value] of Object.entries(requests.pod)) {
      if (!POD_LEVEL_RESOURCES.test(resource)) continue;
      if (include && !include(resource)) continue;
      const n = parseQuantity(value);
      if (n === undefined) malformed.push({ resource, value: String(value) });
      else total.set(resource, n);
    }
  }
  if (requests.overhead) add(total, requests.overhead, malformed, include);
  for (const [resource, n] of total) total.set(resource, roundQuantity(n));
  return { requests: total, malformed: dedupe(malformed) };
}

function dedupe(items: MalformedQuantity[]): MalformedQuantity[] {
  const seen = new Set<string>();
  return items.filter(i => {
    const key = `${i.resource}=${i.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
