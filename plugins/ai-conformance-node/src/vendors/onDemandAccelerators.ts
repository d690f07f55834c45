import { KubeObject } from '../cluster/ClusterReader';
import { WorkloadFact } from '../gather/factTypes';
import { imagesMatch } from '../workloads/images';
import { labelValueMatches, vendorLabelSignals } from './detectAccelerators';
import {
  ACCELERATOR_COUNT_KEYS,
  ACCELERATOR_INSTANCE_KEYS,
  ACCELERATOR_NAME_KEYS,
  ACCELERATOR_NODE_GROUP_NAME,
} from './nodePoolSignals';
import { VendorProfile } from './VendorProfile';

/** Something that can bring accelerator nodes into the cluster although none exists now. @public */
export interface OnDemandAcceleratorSource {
  kind:
    | 'NodePool'
    | 'NodeClaim'
    | 'MachineDeployment'
    | 'ComputeClass'
    | 'ClusterAutoscalerNodeGroup'
    | 'DaemonSet';
  apiVersion: string;
  name: string;
  namespace?: string;
  /** Why it counts, e.g. `requirement karpenter.k8s.aws/instance-gpu-count Gt 0`. */
  signals: string[];
  /** Display names of the vendors recognised from its template (may be empty). */
  vendors: string[];
}

/** What the on-demand detection reads. @public */
export interface OnDemandInputs {
  karpenterNodePools: KubeObject[];
  karpenterNodeClaims: KubeObject[];
  clusterApiMachineDeployments: KubeObject[];
  gkeComputeClasses: KubeObject[];
  clusterAutoscalerStatus: { status?: string } | null;
  daemonSets: WorkloadFact[];
}

interface Requirement {
  key: string;
  operator: string;
  values: string[];
}

const CAPACITY = 'capacity.cluster-autoscaler.kubernetes.io/';

function requirementsOf(spec: any): Requirement[] {
  return (Array.isArray(spec?.requirements) ? spec.requirements : [])
    .filter((r: any) => typeof r?.key === 'string')
    .map((r: any) => ({
      key: r.key,
      operator: String(r.operator ?? ''),
      values: (Array.isArray(r.values) ? r.values : []).map(String),
    }));
}

/** A requirement that admits accelerator instances (never NotIn, DoesNotExist or Lt). */
function requirementSignal(r: Requirement): string | undefined {
  const text = `requirement ${r.key} ${r.operator}${
    r.values.length ? ` ${r.values.join(',')}` : ''
  }`;
  if (ACCELERATOR_COUNT_KEYS.includes(r.key)) {
    if (r.operator === 'Exists' || r.operator === 'Gt') return text;
    if (r.operator === 'In' && r.values.some(v => Number(v) > 0)) return text;
    return undefined;
  }
  if (ACCELERATOR_NAME_KEYS.includes(r.key)) {
    return r.operator === 'Exists' || (r.operator === 'In' && r.values.length)
      ? text
      : undefined;
  }
  const instance = ACCELERATOR_INSTANCE_KEYS[r.key];
  if (instance && r.operator === 'In' && r.values.some(v => instance.test(v))) {
    return text;
  }
  return undefined;
}

/** Template labels that name accelerators (vendor labels, shared cloud accelerator labels). */
function labelSignals(
  labels: Record<string, string>,
  profiles: readonly VendorProfile[],
): string[] {
  const signals = profiles.flatMap(p => vendorLabelSignals(labels, p));
  for (const [key, value] of Object.entries(labels)) {
    const count = ACCELERATOR_COUNT_KEYS.includes(key) && Number(value) > 0;
    const named = ACCELERATOR_NAME_KEYS.includes(key) && value !== '';
    const instance = ACCELERATOR_INSTANCE_KEYS[key]?.test(value);
    if (count || named || instance) signals.push(`label ${key}=${value}`);
  }
  return [...new Set(signals)];
}

function vendorsOf(
  pairs: Array<[string, string]>,
  resources: string[],
  taints: string[],
  profiles: readonly VendorProfile[],
): string[] {
  return profiles
    .filter(
      p =>
        pairs.some(
          ([k, v]) =>
            (p.nodeLabels.includes(k) && v !== 'false') ||
            labelValueMatches(v, p.nodeLabelValues[k] ?? []),
        ) ||
        resources.some(r => p.resources.includes(r)) ||
        taints.some(t => p.taints.includes(t)),
    )
    .map(p => p.displayName);
}

function positiveResources(
  map: unknown,
  profiles: readonly VendorProfile[],
): string[] {
  if (!map || typeof map !== 'object') return [];
  return Object.entries(map as Record<string, unknown>)
    .filter(
      ([name, q]) =>
        Number.parseInt(String(q), 10) > 0 &&
        profiles.some(
          p =>
            p.resources.includes(name) ||
            p.partitionResources.some(re => re.test(name)),
        ),
    )
    .map(([name]) => name);
}

/** A Karpenter NodePool (or NodeClaim: same requirement shape) that admits accelerators. */
function karpenterSource(
  o: KubeObject,
  kind: 'NodePool' | 'NodeClaim',
  profiles: readonly VendorProfile[],
): OnDemandAcceleratorSource | undefined {
  const any = o as any;
  // NodePool: spec.template.{metadata.labels, spec.requirements, spec.taints}; NodeClaim: its own.
  const template =
    kind === 'NodePool'
      ? any.spec?.template
      : { metadata: o.metadata, spec: any.spec };
  const labels: Record<string, string> = template?.metadata?.labels ?? {};
  const requirements = requirementsOf(template?.spec);
  const taints: string[] = (template?.spec?.taints ?? []).map((t: any) =>
    String(t?.key ?? ''),
  );
  const resources = [
    ...positiveResources(any.spec?.limits, profiles),
    ...positiveResources(any.status?.capacity, profiles),
  ];
  const signals = [
    ...requirements.map(requirementSignal).filter((s): s is string => !!s),
    ...labelSignals(labels, profiles),
    ...taints
      .filter(t => profiles.some(p => p.taints.includes(t)))
      .map(t => `taint ${t}`),
    ...resources.map(r => `${kind === 'NodePool' ? 'limit' : 'capacity'} ${r}`),
  ];
  if (!signals.length) return undefined;
  const pairs: Array<[string, string]> = [
    ...Object.entries(labels),
    ...requirements
      .filter(r => r.operator === 'In')
      .flatMap(r => r.values.map(v => [r.key, v] as [string, string])),
  ];
  return {
    kind,
    apiVersion: o.apiVersion ?? 'karpenter.sh/v1',
    name: o.metadata?.name ?? '',
    signals,
    vendors: vendorsOf(pairs, resources, taints, profiles),
  };
}

/** `k1=v1,k2=v2` (Cluster API capacity labels) → pairs. */
function parsePairs(text: string | undefined): Array<[string, string]> {
  return (text ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
    .map(s => {
      const i = s.indexOf('=');
      return (i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)]) as [
        string,
        string,
      ];
    });
}

/** A Cluster API MachineDeployment whose scale-from-zero capacity names accelerators. */
function machineDeploymentSource(
  o: KubeObject,
  profiles: readonly VendorProfile[],
): OnDemandAcceleratorSource | undefined {
  const a = o.metadata?.annotations ?? {};
  const signals: string[] = [];
  const gpuCount = Number.parseInt(a[`${CAPACITY}gpu-count`] ?? '', 10);
  if (gpuCount > 0) signals.push(`annotation ${CAPACITY}gpu-count=${gpuCount}`);
  const gpuType = a[`${CAPACITY}gpu-type`];
  if (gpuType) signals.push(`annotation ${CAPACITY}gpu-type=${gpuType}`);
  const labels = parsePairs(a[`${CAPACITY}labels`]);
  signals.push(
    ...labelSignals(Object.fromEntries(labels), profiles).map(
      s => `capacity ${s}`,
    ),
  );
  // taints: key=value:Effect
  const taints = parsePairs(a[`${CAPACITY}taints`]).map(
    ([k]) => k.split(':')[0],
  );
  signals.push(
    ...taints
      .filter(t => profiles.some(p => p.taints.includes(t)))
      .map(t => `capacity taint ${t}`),
  );
  if (!signals.length) return undefined;
  return {
    kind: 'MachineDeployment',
    apiVersion: o.apiVersion ?? 'cluster.x-k8s.io/v1beta1',
    name: o.metadata?.name ?? '',
    namespace: o.metadata?.namespace,
    signals,
    vendors: vendorsOf(labels, gpuType ? [gpuType] : [], taints, profiles),
  };
}

/**
 * A GKE ComputeClass whose priorities provision GPUs or TPUs (`gpu`, `tpu`, or an accelerator
 * machine family/type), so node auto-provisioning can create accelerator nodes.
 */
function computeClassSource(
  o: KubeObject,
  profiles: readonly VendorProfile[],
): OnDemandAcceleratorSource | undefined {
  const priorities: any[] = Array.isArray((o as any).spec?.priorities)
    ? (o as any).spec.priorities
    : [];
  const instance =
    ACCELERATOR_INSTANCE_KEYS['node.kubernetes.io/instance-type'];
  const pairs: Array<[string, string]> = [];
  const signals: string[] = [];
  for (const p of priorities) {
    if (p?.gpu?.type || Number(p?.gpu?.count) > 0) {
      signals.push(
        `priority gpu ${p.gpu.type ?? ''}${
          p.gpu.count ? ` x${p.gpu.count}` : ''
        }`.trim(),
      );
      if (p.gpu.type)
        pairs.push(['cloud.google.com/gke-accelerator', String(p.gpu.type)]);
    }
    if (p?.tpu?.type || Number(p?.tpu?.count) > 0) {
      signals.push(`priority tpu ${p.tpu.type ?? ''}`.trim());
      if (p.tpu.type)
        pairs.push([
          'cloud.google.com/gke-tpu-accelerator',
          String(p.tpu.type),
        ]);
    }
    const machine = String(p?.machineType ?? p?.machineFamily ?? '');
    if (
      machine &&
      (instance.test(machine) || /^(a[234]|g2|ct\d)[a-z0-9]*$/i.test(machine))
    ) {
      signals.push(`priority machine ${machine}`);
    }
  }
  if (!signals.length) return undefined;
  return {
    kind: 'ComputeClass',
    apiVersion: o.apiVersion ?? 'cloud.google.com/v1',
    name: o.metadata?.name ?? '',
    signals,
    vendors: vendorsOf(pairs, [], [], profiles),
  };
}

/**
 * Node-group names in the Cluster Autoscaler status, in both formats: the YAML of 1.30+
 * (`nodeGroups: - name: …`) and the older text (`Name: …` under `NodeGroups:`).
 *
 * @internal
 */
export function clusterAutoscalerNodeGroups(
  status: string | undefined,
): string[] {
  if (!status) return [];
  const names = new Set<string>();
  for (const m of status.matchAll(/^\s*(?:-\s*)?name:\s*["']?([^\s"']+)/gim)) {
    names.add(m[1]);
  }
  return [...names];
}

/**
 * Where accelerator nodes can come from on demand: Karpenter NodePools and NodeClaims that admit
 * accelerator instances, Cluster API MachineDeployments with accelerator scale-from-zero
 * capacity, GKE ComputeClasses with GPU/TPU priorities, Cluster Autoscaler node groups named for
 * accelerators, and vendor device-plugin or
 * driver DaemonSets that wait for their nodes (no desired pods). Pure.
 *
 * @public
 */
export function detectOnDemandAccelerators(
  inputs: OnDemandInputs,
  profiles: readonly VendorProfile[],
): OnDemandAcceleratorSource[] {
  const sources: OnDemandAcceleratorSource[] = [];
  for (const pool of inputs.karpenterNodePools) {
    const s = karpenterSource(pool, 'NodePool', profiles);
    if (s) sources.push(s);
  }
  for (const claim of inputs.karpenterNodeClaims) {
    const s = karpenterSource(claim, 'NodeClaim', profiles);
    if (s) sources.push(s);
  }
  for (const md of inputs.clusterApiMachineDeployments) {
    const s = machineDeploymentSource(md, profiles);
    if (s) sources.push(s);
  }
  for (const cc of inputs.gkeComputeClasses) {
    const s = computeClassSource(cc, profiles);
    if (s) sources.push(s);
  }
  for (const group of clusterAutoscalerNodeGroups(
    inputs.clusterAutoscalerStatus?.status,
  )) {
    if (ACCELERATOR_NODE_GROUP_NAME.test(group)) {
      sources.push({
        kind: 'ClusterAutoscalerNodeGroup',
        apiVersion: 'v1',
        name: group,
        namespace: 'kube-system',
        signals: [
          `Cluster Autoscaler node group ${group} is named for accelerators`,
        ],
        vendors: [],
      });
    }
  }
  for (const ds of inputs.daemonSets) {
    if (ds.desired !== 0) continue;
    const vendors = profiles.filter(p =>
      imagesMatch(ds.images, p.nodeAgentImages),
    );
    if (vendors.length) {
      sources.push({
        kind: 'DaemonSet',
        apiVersion: 'apps/v1',
        name: ds.name,
        namespace: ds.namespace,
        signals: [
          `${vendors
            .map(v => v.displayName)
            .join(
              ', ',
            )} node agent with no desired pods (waits for accelerator nodes)`,
        ],
        vendors: vendors.map(v => v.displayName),
      });
    }
  }
  return sources;
}

/** One line naming the sources, for `unknown` reasons. @public */
export function describeOnDemand(sources: OnDemandAcceleratorSource[]): string {
  const shown = sources
    .slice(0, 4)
    .map(s => `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`);
  return `${shown.join(', ')}${
    sources.length > 4 ? ` and ${sources.length - 4} more` : ''
  }`;
}
