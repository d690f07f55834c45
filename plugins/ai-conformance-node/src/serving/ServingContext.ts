import {
  NodeFact,
  PodFact,
  ResourceClaimFact,
  ResourceSliceFact,
  ServiceFact,
  WorkloadFact,
} from '../gather/factTypes';
import { VendorProfile } from '../vendors/VendorProfile';

/**
 * The shared facts every kind's discovery looks things up in (pods, workloads, Services, claims,
 * slices, nodes), indexed once per cluster.
 *
 * @internal
 */
export interface ServingContext {
  profiles: readonly VendorProfile[];
  podsIn(namespace: string): PodFact[];
  workloadsIn(namespace: string): WorkloadFact[];
  servicesIn(namespace: string): ServiceFact[];
  claim(namespace: string, name: string): ResourceClaimFact | undefined;
  node(name: string): NodeFact | undefined;
  /** Attributes of an allocated DRA device. */
  deviceAttributes(
    driver: string,
    pool: string,
    device: string,
  ): Record<string, string | number | boolean> | undefined;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** @internal */
export function createServingContext(input: {
  profiles: readonly VendorProfile[];
  pods: PodFact[];
  workloads: WorkloadFact[];
  services: ServiceFact[];
  claims: ResourceClaimFact[];
  slices: ResourceSliceFact[];
  nodes: NodeFact[];
}): ServingContext {
  const pods = groupBy(input.pods, p => p.namespace);
  const workloads = groupBy(input.workloads, w => w.namespace);
  const services = groupBy(input.services, s => s.namespace);
  const claims = new Map(
    input.claims.map(c => [`${c.namespace}/${c.name}`, c]),
  );
  const nodes = new Map(input.nodes.map(n => [n.name, n]));
  const devices = new Map<string, Record<string, string | number | boolean>>();
  for (const slice of input.slices) {
    for (const d of slice.devices) {
      devices.set(`${slice.driver}/${slice.pool.name}/${d.name}`, d.attributes);
    }
  }
  return {
    profiles: input.profiles,
    podsIn: ns => pods.get(ns) ?? [],
    workloadsIn: ns => workloads.get(ns) ?? [],
    servicesIn: ns => services.get(ns) ?? [],
    claim: (ns, name) => claims.get(`${ns}/${name}`),
    node: name => nodes.get(name),
    deviceAttributes: (driver, pool, device) =>
      devices.get(`${driver}/${pool}/${device}`),
  };
}

/** True when every selector label is on the object (an empty selector matches nothing). @internal */
export function matchesSelector(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** Pods and workloads (by template labels) a selector picks in a namespace. @internal */
export function selectBehind(
  ctx: ServingContext,
  namespace: string,
  selector: Record<string, string> | undefined,
): { pods: PodFact[]; workloads: WorkloadFact[] } {
  return {
    pods: ctx
      .podsIn(namespace)
      .filter(p => matchesSelector(selector, p.labels)),
    workloads: ctx
      .workloadsIn(namespace)
      .filter(w => matchesSelector(selector, w.template?.labels ?? {})),
  };
}
