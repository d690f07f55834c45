import { WorkloadFact } from '../../gather/factTypes';
import { sumExtendedResources } from '../../gather/reduceServing';
import { ServedModel, ServingApiType } from '../ModelServer';
import {
  RuntimeRule,
  modelFromContainer,
  recogniseRuntime,
  runtimeFromLabels,
} from '../runtimes';

/** Label keys of the llm-d convention. */
export const LLMD_LABELS = {
  serving: 'llm-d.ai/inference-serving',
  model: 'llm-d.ai/model',
  role: 'llm-d.ai/role',
  guide: 'llm-d.ai/guide',
} as const;

/** Runtimes a plain Deployment/StatefulSet is recognised as (operator images are not). */
export const PLAIN_RUNTIMES = ['vllm', 'tgi', 'triton', 'sglang', 'ollama'];

/** Labels (object or pod template) that put a workload under a stack discovery reports itself. */
const MANAGED_BY_STACK: Array<[string, string | undefined]> = [
  ['serving.kserve.io/inferenceservice', undefined],
  ['app.kubernetes.io/part-of', 'llminferenceservice'],
  ['app.kubernetes.io/managed-by', 'k8s-nim-operator'],
  ['nvidia.com/dynamo-graph-deployment-name', undefined],
  ['ray.io/cluster', undefined],
];

/** Labels of the object and its pod template, the template's winning. */
export function workloadLabels(w: WorkloadFact): Record<string, string> {
  return { ...w.labels, ...(w.template?.labels ?? {}) };
}

/** The workload belongs to a serving CR or operator discovery reports on its own. */
export function managedByStack(w: WorkloadFact): boolean {
  if (w.ownerKind && w.ownerKind !== 'ReplicaSet') return true;
  const labels = workloadLabels(w);
  return MANAGED_BY_STACK.some(
    ([k, v]) => labels[k] !== undefined && (v === undefined || labels[k] === v),
  );
}

export function isLlmd(w: WorkloadFact): boolean {
  const labels = workloadLabels(w);
  return (
    labels[LLMD_LABELS.serving] === 'true' ||
    labels[LLMD_LABELS.role] !== undefined
  );
}

export function isProductionStackEngine(w: WorkloadFact): boolean {
  const labels = workloadLabels(w);
  return (
    labels['app.kubernetes.io/component'] === 'serving-engine' &&
    (labels.model !== undefined || labels['helm-release-name'] !== undefined)
  );
}

/** The runtime of a workload: by image first, then by `app.kubernetes.io/name`/`app`. */
export function workloadRuntime(
  w: WorkloadFact,
): { rule: RuntimeRule; version?: string; image?: string } | undefined {
  const containers = w.template?.containers ?? [];
  const byImage = recogniseRuntime(containers);
  if (byImage)
    return {
      rule: byImage.rule,
      version: byImage.version,
      image: byImage.container.image,
    };
  const byLabel = runtimeFromLabels(workloadLabels(w));
  return byLabel ? { rule: byLabel, image: containers[0]?.image } : undefined;
}

/** A plain Deployment/StatefulSet of a known runtime (the rule in the README). */
export function isPlainServer(w: WorkloadFact): boolean {
  const runtime = workloadRuntime(w);
  return !!runtime && PLAIN_RUNTIMES.includes(runtime.rule.runtime);
}

/** Models the workloads serve: llm-d / production-stack labels, then server arguments. */
export function workloadModels(workloads: WorkloadFact[]): ServedModel[] {
  const models = new Map<string, ServedModel>();
  for (const w of workloads) {
    const labels = workloadLabels(w);
    const fromArgs = (w.template?.containers ?? [])
      .map(modelFromContainer)
      .find(Boolean);
    const labelled =
      labels[LLMD_LABELS.model] ??
      (isProductionStackEngine(w) ? labels.model : undefined);
    const name = fromArgs?.name ?? labelled;
    if (name && !models.has(name))
      models.set(name, { name, uri: fromArgs?.uri });
  }
  return [...models.values()];
}

/** Per-replica extended resources of a workload's pod template. */
export function templateResources(w: WorkloadFact): Record<string, number> {
  return sumExtendedResources(
    (w.template?.containers ?? []).map(c => c.extendedResources),
  );
}

/** The API type of the first recognised runtime, OpenAI when none is (llm-d, GAIE pools). */
export function apiTypeOf(
  workloads: WorkloadFact[],
  fallback: ServingApiType,
): ServingApiType {
  for (const w of workloads) {
    const runtime = workloadRuntime(w);
    if (runtime) return runtime.rule.apiType;
  }
  return fallback;
}
