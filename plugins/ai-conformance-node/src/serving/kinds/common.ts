import { KubeObject } from '../../cluster/ClusterReader';
import { ConditionFact, PodFact, WorkloadFact } from '../../gather/factTypes';
import { reduceConditions } from '../../gather/reduce';
import { ModelServer, ServingReadiness } from '../ModelServer';

export type Any = any; // custom resources: every field is optional and checked

/** Stable server id within a cluster. */
export function serverId(o: KubeObject, kind?: string): string {
  const group = String(o.apiVersion ?? '')
    .split('/')
    .slice(0, -1)
    .join('/');
  const k = kind ?? o.kind ?? '';
  return `${k}${group ? `.${group}` : ''}/${o.metadata?.namespace ?? ''}/${
    o.metadata?.name ?? ''
  }`;
}

/** The fields every server takes from its object. */
export function baseServer(
  o: KubeObject,
  framework: ModelServer['framework'],
): Pick<
  ModelServer,
  | 'id'
  | 'apiVersion'
  | 'kind'
  | 'namespace'
  | 'name'
  | 'framework'
  | 'labels'
  | 'annotations'
  | 'roles'
  | 'warnings'
  | 'models'
  | 'accelerators'
  | 'replicas'
> {
  return {
    id: serverId(o),
    apiVersion: String(o.apiVersion ?? ''),
    kind: String(o.kind ?? ''),
    namespace: o.metadata?.namespace ?? '',
    name: o.metadata?.name ?? '',
    framework,
    labels: { ...(o.metadata?.labels ?? {}) },
    annotations: { ...(o.metadata?.annotations ?? {}) },
    roles: [],
    warnings: [],
    models: [],
    accelerators: [],
    replicas: {},
  };
}

/** Readiness from a `Ready` condition (Knative/KServe/KubeRay style). */
export function readinessFromConditions(
  conditions: ConditionFact[],
  type = 'Ready',
): { readiness: ServingReadiness; readinessReason?: string } | undefined {
  const c = conditions.find(x => x.type === type);
  if (!c) return undefined;
  const why = [c.reason, c.message].filter(Boolean).join(': ');
  if (c.status === 'True')
    return { readiness: 'ready', readinessReason: why || undefined };
  if (c.status === 'False')
    return { readiness: 'not-ready', readinessReason: why || `${type}=False` };
  return {
    readiness: 'unknown',
    readinessReason: why || `${type}=${c.status}`,
  };
}

export function conditionsOf(o: KubeObject): ConditionFact[] {
  return reduceConditions((o as Any).status?.conditions);
}

/** Readiness and replicas of the workloads (or, failing that, pods) behind a server. */
export function readinessFromWorkloads(
  workloads: WorkloadFact[],
  pods: PodFact[],
): Pick<ModelServer, 'readiness' | 'readinessReason' | 'replicas'> {
  if (workloads.length) {
    const desired = workloads.reduce((s, w) => s + w.desired, 0);
    const ready = workloads.reduce((s, w) => s + w.ready, 0);
    return {
      replicas: { desired, ready },
      readiness: ready > 0 ? 'ready' : 'not-ready',
      readinessReason: `${ready}/${desired} replicas ready`,
    };
  }
  if (pods.length) {
    const running = pods.filter(p => p.phase === 'Running').length;
    return {
      replicas: { ready: running },
      readiness: running > 0 ? 'ready' : 'not-ready',
      readinessReason: `${running}/${pods.length} pods running`,
    };
  }
  return {
    replicas: { ready: 0 },
    readiness: 'not-ready',
    readinessReason: 'no model-server pods or workloads found',
  };
}

/** A non-negative integer or undefined. */
export function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? value
    : undefined;
}

/** Last path segment of a model URI (`hf://org/model` → `org/model` for hf, else the tail). */
export function modelNameFromUri(uri: string): string {
  const hf = /^hf:\/\/(.+)$/.exec(uri);
  if (hf) return hf[1];
  const tail = uri.replace(/\/+$/, '').split('/').pop();
  return tail || uri;
}
