import { KubeObject } from '../cluster/ClusterReader';
import {
  ContainerTemplateFact,
  PodTemplateFact,
  ServiceFact,
  WorkloadFact,
} from './factTypes';

/* Reducers for the facts model-server discovery reads (workload templates, Services,
   ResourceClaims). Every field is optional in the JSON and checked. */

type Any = any;

const CORE_RESOURCES =
  /^(cpu|memory|pods|ephemeral-storage|storage|hugepages-.*)$/;

/** Env var names that carry a model name or id in the common serving images. */
const MODEL_ENV =
  /^(MODEL|MODEL_ID|MODEL_NAME|MODEL_PATH|SERVED_MODEL_NAME|HF_MODEL_ID|NIM_MODEL_NAME|OLLAMA_MODEL)$/;

function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/** Parses a count quantity (`1`, `"2"`, `1000m`); 0 when it is not a count. @internal */
export function countQuantity(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 0;
  if (typeof value !== 'string') return 0;
  const milli = /^(\d+)m$/.exec(value);
  if (milli) return Number(milli[1]) / 1000;
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** Extended resources of one container: the larger of request and limit. @internal */
export function containerExtendedResources(c: Any): Record<string, number> {
  const out: Record<string, number> = {};
  for (const source of [c?.resources?.requests, c?.resources?.limits]) {
    for (const [name, value] of Object.entries(source ?? {})) {
      if (CORE_RESOURCES.test(name) || !name.includes('/')) continue;
      out[name] = Math.max(out[name] ?? 0, countQuantity(value));
    }
  }
  return out;
}

/** Sums the extended resources of containers. @internal */
export function sumExtendedResources(
  containers: Array<Record<string, number>>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of containers) {
    for (const [name, n] of Object.entries(c)) out[name] = (out[name] ?? 0) + n;
  }
  return out;
}

/** Reduces one container spec (of a pod template or a serving CR). @internal */
export function reduceContainer(c: Any): ContainerTemplateFact {
  const modelEnv: Record<string, string> = {};
  for (const e of Array.isArray(c?.env) ? c.env : []) {
    if (
      typeof e?.name === 'string' &&
      MODEL_ENV.test(e.name) &&
      typeof e.value === 'string'
    ) {
      modelEnv[e.name] = e.value;
    }
  }
  return {
    name: String(c?.name ?? ''),
    image: typeof c?.image === 'string' ? c.image : '',
    command: strings(c?.command),
    args: strings(c?.args),
    modelEnv,
    ports: (Array.isArray(c?.ports) ? c.ports : [])
      .map((p: Any) => Number(p?.containerPort))
      .filter((n: number) => Number.isInteger(n) && n > 0),
    extendedResources: containerExtendedResources(c),
  };
}

/** Reduces `spec.template` of a workload (or any pod template). @internal */
export function reducePodTemplate(template: Any): PodTemplateFact {
  const spec = template?.spec ?? {};
  return {
    labels: stringMap(template?.metadata?.labels),
    containers: (Array.isArray(spec.containers) ? spec.containers : []).map(
      reduceContainer,
    ),
    usesResourceClaims:
      Array.isArray(spec.resourceClaims) && spec.resourceClaims.length > 0,
  };
}

/** The serving-related fields every workload reducer adds. @internal */
export function workloadServingFields(
  o: KubeObject,
): Pick<WorkloadFact, 'ownerKind' | 'annotations' | 'selector' | 'template'> {
  const w = o as Any;
  return {
    ownerKind: o.metadata?.ownerReferences?.find(r => r.controller)?.kind,
    annotations: stringMap(o.metadata?.annotations),
    selector: stringMap(w.spec?.selector?.matchLabels),
    template: reducePodTemplate(w.spec?.template),
  };
}

/** @internal */
export function reduceService(o: KubeObject): ServiceFact {
  const s = o as Any;
  return {
    namespace: o.metadata?.namespace ?? '',
    name: o.metadata?.name ?? '',
    type: String(s.spec?.type ?? 'ClusterIP'),
    selector: stringMap(s.spec?.selector),
    ports: (Array.isArray(s.spec?.ports) ? s.spec.ports : [])
      .filter((p: Any) => Number.isInteger(p?.port))
      .map((p: Any) => ({
        name: typeof p.name === 'string' ? p.name : undefined,
        port: p.port,
        appProtocol:
          typeof p.appProtocol === 'string' ? p.appProtocol : undefined,
      })),
    externalAddresses: (s.status?.loadBalancer?.ingress ?? [])
      .map((i: Any) => i?.hostname ?? i?.ip)
      .filter((a: unknown): a is string => typeof a === 'string'),
  };
}

/** Names of the ResourceClaims a pod uses (spec name or the generated one in status). @internal */
export function podResourceClaimNames(p: Any): string[] {
  const names = new Set<string>();
  for (const c of p?.spec?.resourceClaims ?? []) {
    if (typeof c?.resourceClaimName === 'string')
      names.add(c.resourceClaimName);
  }
  for (const s of p?.status?.resourceClaimStatuses ?? []) {
    if (typeof s?.resourceClaimName === 'string')
      names.add(s.resourceClaimName);
  }
  return [...names];
}

/**
 * A LeaderWorkerSet (`leaderworkerset.x-k8s.io`), as a workload: replicas are groups, the
 * template is the leader's and workers' (labels merged, leader containers first).
 *
 * @internal
 */
export function reduceLeaderWorkerSet(o: KubeObject): WorkloadFact {
  const l = o as Any;
  const lwt = l.spec?.leaderWorkerTemplate ?? {};
  const leader = lwt.leaderTemplate
    ? reducePodTemplate(lwt.leaderTemplate)
    : undefined;
  const worker = reducePodTemplate(lwt.workerTemplate);
  const desired = typeof l.spec?.replicas === 'number' ? l.spec.replicas : 1;
  const ready = l.status?.readyReplicas ?? 0;
  const name = o.metadata?.name ?? '';
  return {
    kind: 'LeaderWorkerSet',
    name,
    namespace: o.metadata?.namespace ?? '',
    labels: o.metadata?.labels ?? {},
    images: [...(leader?.containers ?? []), ...worker.containers].map(
      c => c.image,
    ),
    desired,
    ready,
    available: desired > 0 && ready >= desired,
    ownerKind: o.metadata?.ownerReferences?.find(r => r.controller)?.kind,
    annotations: stringMap(o.metadata?.annotations),
    // The LWS controller labels every pod of the set with its name.
    selector: { 'leaderworkerset.sigs.k8s.io/name': name },
    template: {
      labels: { ...worker.labels, ...(leader?.labels ?? {}) },
      containers: [...(leader?.containers ?? []), ...worker.containers],
      usesResourceClaims:
        !!leader?.usesResourceClaims || worker.usesResourceClaims,
    },
  };
}
