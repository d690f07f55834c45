import { Entity } from '@backstage/catalog-model';

/** The keys the catalog module writes (see its README); read here without importing backend code. */
export const MODEL_SERVER_KEYS = {
  cluster: 'ai-conformance.io/cluster',
  status: 'ai-conformance.io/model-server-status',
  statusReason: 'ai-conformance.io/model-server-status-reason',
  staleSince: 'ai-conformance.io/model-server-stale-since',
} as const;

/** One row of accelerators a server uses. */
export interface ModelServerAccelerators {
  vendor: string;
  model?: string;
  count: number;
  resource: string;
  source: 'pods' | 'dra' | 'spec';
}

/** `spec.modelServer` of a model-server Component, read defensively. */
export interface ModelServerView {
  cluster: string;
  clusterId?: string;
  clusterEntityRef?: string;
  kind: string;
  apiVersion: string;
  namespace: string;
  name: string;
  framework: string;
  models: Array<{ name: string; uri?: string; format?: string }>;
  runtime?: {
    name: string;
    version?: string;
    image?: string;
    servingRuntime?: string;
  };
  roles: string[];
  endpoint?: { url: string; source: string };
  apiType?: string;
  readiness: 'ready' | 'not-ready' | 'unknown';
  readinessReason?: string;
  replicas: { desired?: number; ready?: number };
  accelerators: ModelServerAccelerators[];
  warnings: string[];
  owner?: string;
  /** `live`, or `stale` with the reason and time. */
  status: { state: 'live' | 'stale'; reason?: string; since?: string };
}

/**
 * A `Component` of `spec.type: model-server`.
 *
 * @public
 */
export function isModelServerEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    entity.spec?.type === 'model-server'
  );
}

/** The new frontend system's entity filter for model servers. */
export const modelServerEntityFilter = {
  kind: 'component',
  'spec.type': 'model-server',
};

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined;
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** Reads the view of a model-server entity; missing fields become empty values. */
export function readModelServer(entity: Entity): ModelServerView {
  const m: any = entity.spec?.modelServer ?? {};
  const annotations = entity.metadata.annotations ?? {};
  const dependsOn = arr(entity.spec?.dependsOn).filter(
    (r): r is string => typeof r === 'string',
  );
  const readiness = ['ready', 'not-ready'].includes(m.readiness)
    ? m.readiness
    : 'unknown';
  return {
    cluster:
      str(m.cluster) ?? annotations['backstage.io/kubernetes-cluster'] ?? '',
    clusterId: annotations[MODEL_SERVER_KEYS.cluster],
    // A catalog cluster's id is its (lower-case) entity ref, which the server also dependsOn.
    clusterEntityRef: dependsOn.find(
      r =>
        r.toLocaleLowerCase('en-US') === annotations[MODEL_SERVER_KEYS.cluster],
    ),
    kind: str(m.kind) ?? '',
    apiVersion: str(m.apiVersion) ?? '',
    namespace:
      str(m.namespace) ??
      annotations['backstage.io/kubernetes-namespace'] ??
      '',
    name: str(m.name) ?? entity.metadata.name,
    framework: str(m.framework) ?? '',
    models: arr(m.models).filter(x => typeof x?.name === 'string'),
    runtime: typeof m.runtime?.name === 'string' ? m.runtime : undefined,
    roles: arr(m.roles).filter((x): x is string => typeof x === 'string'),
    endpoint: typeof m.endpoint?.url === 'string' ? m.endpoint : undefined,
    apiType: str(m.apiType),
    readiness,
    readinessReason: str(m.readinessReason),
    replicas: typeof m.replicas === 'object' && m.replicas ? m.replicas : {},
    accelerators: arr(m.accelerators).filter(a => typeof a?.count === 'number'),
    warnings: arr(m.warnings).filter((x): x is string => typeof x === 'string'),
    owner: str(entity.spec?.owner),
    status:
      annotations[MODEL_SERVER_KEYS.status] === 'stale'
        ? {
            state: 'stale',
            reason: annotations[MODEL_SERVER_KEYS.statusReason],
            since: annotations[MODEL_SERVER_KEYS.staleSince],
          }
        : { state: 'live' },
  };
}

/** `2× NVIDIA-H100 (nvidia.com/gpu, pods)`-style text of one accelerator row. */
export function describeAccelerators(a: ModelServerAccelerators): string {
  return `${a.count}× ${a.model ?? a.vendor}`;
}
