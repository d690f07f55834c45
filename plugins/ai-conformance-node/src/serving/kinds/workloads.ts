import { KubeObject } from '../../cluster/ClusterReader';
import { PodFact, WorkloadFact } from '../../gather/factTypes';
import { serverAccelerators } from '../accelerators';
import { serviceEndpoint } from '../endpoints';
import { ModelServer } from '../ModelServer';
import { ServingContext, matchesSelector } from '../ServingContext';
import { baseServer, readinessFromWorkloads } from './common';
import {
  LLMD_LABELS,
  apiTypeOf,
  isLlmd,
  isPlainServer,
  isProductionStackEngine,
  managedByStack,
  templateResources,
  workloadLabels,
  workloadModels,
  workloadRuntime,
} from './workloadServing';

/** Pods of the workloads (each by its own selector). */
function podsOf(ctx: ServingContext, workloads: WorkloadFact[]): PodFact[] {
  const pods = new Set<PodFact>();
  for (const w of workloads) {
    for (const p of ctx.podsIn(w.namespace)) {
      if (matchesSelector(w.selector, p.labels)) pods.add(p);
    }
  }
  return [...pods];
}

/** Roles named by `llm-d.ai/role` on the workloads (prefill, decode, both). */
function rolesOf(workloads: WorkloadFact[]): string[] {
  return [
    ...new Set(
      workloads.map(w => workloadLabels(w)[LLMD_LABELS.role]).filter(Boolean),
    ),
  ].sort();
}

/**
 * The parts of a server that come from the workloads behind it: models, runtime, roles,
 * readiness, replicas, accelerators and (when `withEndpoint`) the Service endpoint.
 *
 * @internal
 */
export function fromWorkloads(
  ctx: ServingContext,
  workloads: WorkloadFact[],
  pods: PodFact[],
): Pick<
  ModelServer,
  | 'models'
  | 'runtime'
  | 'roles'
  | 'readiness'
  | 'readinessReason'
  | 'replicas'
  | 'accelerators'
  | 'apiType'
> {
  const runtime = workloads.map(workloadRuntime).find(Boolean);
  const state = readinessFromWorkloads(workloads, pods);
  // What the workloads ask for in all (per pod × desired replicas), used when no pod holds any.
  const requested: Record<string, number> = {};
  for (const w of workloads) {
    for (const [r, n] of Object.entries(templateResources(w))) {
      requested[r] = (requested[r] ?? 0) + n * w.desired;
    }
  }
  return {
    models: workloadModels(workloads),
    runtime: runtime
      ? {
          name: runtime.rule.runtime,
          version: runtime.version,
          image: runtime.image,
        }
      : undefined,
    roles: rolesOf(workloads),
    ...state,
    accelerators: serverAccelerators(ctx, pods, {
      perReplica: requested,
      replicas: 1,
    }),
    apiType: apiTypeOf(workloads, 'openai'),
  };
}

/** A KubeObject-like header for a workload, so that base fields come from it. */
function asObject(w: WorkloadFact, name = w.name): KubeObject {
  const apiVersion =
    w.kind === 'LeaderWorkerSet' ? 'leaderworkerset.x-k8s.io/v1' : 'apps/v1';
  return {
    apiVersion,
    kind: w.kind,
    metadata: {
      name,
      namespace: w.namespace,
      labels: w.labels,
      annotations: w.annotations,
    },
  };
}

/** One server per workload (plain runtimes and production-stack engines). */
function singleWorkloadServer(
  ctx: ServingContext,
  w: WorkloadFact,
  framework: ModelServer['framework'],
): ModelServer {
  const base = baseServer(asObject(w), framework);
  const pods = podsOf(ctx, [w]);
  const parts = fromWorkloads(ctx, [w], pods);
  const labels = workloadLabels(w);
  const router =
    framework === 'vllm-production-stack' && labels['helm-release-name']
      ? `${labels['helm-release-name']}-router-service`
      : undefined;
  if (!parts.models.length) {
    base.warnings.push(
      parts.runtime?.name === 'ollama'
        ? 'Ollama pulls models at runtime: no model is named in the spec'
        : 'no model named in the container arguments or labels',
    );
  }
  const endpoint =
    (router && serviceEndpoint(ctx, w.namespace, {}, router)) ||
    serviceEndpoint(ctx, w.namespace, w.template?.labels);
  if (!endpoint)
    base.warnings.push('no Service selects the server pods: no endpoint');
  return { ...base, ...parts, endpoint, podSelector: w.selector };
}

/** llm-d workloads grouped per namespace and model (prefill and decode become one server). */
function llmdServers(
  ctx: ServingContext,
  workloads: WorkloadFact[],
): ModelServer[] {
  const groups = new Map<string, WorkloadFact[]>();
  for (const w of workloads) {
    const labels = workloadLabels(w);
    const key = `${w.namespace}/${
      labels[LLMD_LABELS.model] ?? labels[LLMD_LABELS.guide] ?? w.name
    }`;
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  return [...groups.values()].map(group => {
    const first = group[0];
    const labels = workloadLabels(first);
    const groupName = labels[LLMD_LABELS.model] ?? labels[LLMD_LABELS.guide];
    const base = baseServer(asObject(first), 'llm-d');
    const podSelector = groupName
      ? {
          [LLMD_LABELS.serving]: 'true',
          ...(labels[LLMD_LABELS.model]
            ? { [LLMD_LABELS.model]: groupName }
            : { [LLMD_LABELS.guide]: groupName }),
        }
      : first.selector;
    const pods = group.length > 1 ? podsOf(ctx, group) : podsOf(ctx, [first]);
    const parts = fromWorkloads(ctx, group, pods);
    if (!parts.models.length)
      base.warnings.push('no llm-d.ai/model label and no --model argument');
    return {
      ...base,
      // A group is named after its model; a lone workload keeps its own name.
      name:
        group.length > 1 && groupName
          ? groupName.toLowerCase().replace(/[^a-z0-9.-]+/g, '-')
          : first.name,
      id:
        group.length > 1 && groupName
          ? `llm-d/${first.namespace}/${groupName}`
          : base.id,
      ...parts,
      endpoint: serviceEndpoint(ctx, first.namespace, first.template?.labels),
      podSelector,
    };
  });
}

/**
 * Servers made of plain workloads: llm-d groups, vLLM production-stack engines and recognised
 * runtimes, skipping workloads a serving CR or an InferencePool already accounts for.
 *
 * @internal
 */
export function workloadServers(
  ctx: ServingContext,
  workloads: WorkloadFact[],
  claimed: (w: WorkloadFact) => boolean,
): ModelServer[] {
  const free = workloads.filter(
    w => w.kind !== 'DaemonSet' && !managedByStack(w) && !claimed(w),
  );
  const llmd = free.filter(isLlmd);
  const rest = free.filter(w => !isLlmd(w));
  return [
    ...llmdServers(ctx, llmd),
    ...rest
      .filter(isProductionStackEngine)
      .map(w => singleWorkloadServer(ctx, w, 'vllm-production-stack')),
    ...rest
      .filter(w => !isProductionStackEngine(w) && isPlainServer(w))
      .map(w => singleWorkloadServer(ctx, w, 'workload')),
  ];
}
