import { ClusterProvider } from '@internal/plugin-ai-conformance-common';
import {
  ClusterFacts,
  FactKey,
  FactValues,
  PodFact,
} from '../gather/factTypes';
import { VENDOR_PROFILES } from '../vendors/profiles';
import { VendorProfile } from '../vendors/VendorProfile';
import { draInventory } from './dra';
import { nodeCapacity } from './nodeCapacity';
import { pendingDemand } from './pending';
import { detectProvider } from '../platform/detectProvider';
import { providerSignals } from '../platform/providerSignals';
import { effectivePodRequests } from './podRequests';
import { queueCapacity } from './queues';
import { resourceClassifier, ResourceKind } from './resourceKinds';
import { summarizeModels, summarizeTotals } from './summarize';
import {
  CapacitySnapshot,
  DraDevice,
  NodeCapacity,
  UnknownAccelerator,
} from './types';

/**
 * The facts a capacity snapshot reads. Gathered together with an evaluation's facts, the
 * lists they share (nodes, pods, ResourceSlices) are read once.
 *
 * @public
 */
export const CAPACITY_FACTS: readonly FactKey[] = [
  'nodes',
  'pods',
  'resourceSlices',
  'resourceClaims',
  'kueueClusterQueues',
];

/** @public */
export interface CapacitySnapshotOptions {
  vendorProfiles?: readonly VendorProfile[];
  /** The time of the snapshot (default: now). */
  takenAt?: string;
  /**
   * The provider the evaluation that gathered the facts detected (it also saw the API server
   * URL). Without it the snapshot detects the provider from the facts alone.
   */
  provider?: ClusterProvider;
}

function valueOf<K extends FactKey>(
  facts: ClusterFacts,
  key: K,
  errors: CapacitySnapshot['errors'],
): FactValues[K] | undefined {
  const outcome = facts.facts[key];
  if (!outcome) return undefined;
  if (!outcome.ok) {
    errors.push({ fact: key, error: outcome.error });
    return undefined;
  }
  return outcome.value as FactValues[K];
}

/** Pods that hold resources: bound and not finished (the pods fact already drops finished ones). */
function holdsResources(pod: PodFact): boolean {
  return !!pod.nodeName && pod.phase !== 'Succeeded' && pod.phase !== 'Failed';
}

/**
 * Whether a pod may request accelerator units, decided without computing its requests (most pods
 * of a cluster request none): accelerators are extended resources, and the extended resources
 * its containers request or limit are listed in the fact; pod-level requests only set cpu,
 * memory and hugepages; only the overhead is not listed.
 */
function mayRequestAccelerators(
  pod: PodFact,
  classify: (resource: string) => ResourceKind | undefined,
): boolean {
  return (
    pod.resourceRequests?.overhead !== undefined ||
    pod.extendedResources.some(resource => classify(resource) !== undefined)
  );
}

/** Accelerator units requested per node by the pods bound to it. */
function allocatedByNode(
  pods: PodFact[],
  classify: (resource: string) => ResourceKind | undefined,
  unknown: UnknownAccelerator[],
): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const reported = new Set<string>();
  for (const pod of pods) {
    if (!holdsResources(pod) || !pod.resourceRequests) continue;
    if (!mayRequestAccelerators(pod, classify)) continue;
    const { requests, malformed } = effectivePodRequests(
      pod.resourceRequests,
      classify,
    );
    for (const m of malformed) {
      if (!classify(m.resource) || reported.has(m.resource)) continue;
      reported.add(m.resource);
      unknown.push({
        name: m.resource,
        node: pod.nodeName,
        reason: 'malformed-quantity',
        detail: `pod ${pod.namespace}/${pod.name} requests ${m.resource}="${m.value}", which is not a Kubernetes quantity; the request is left out`,
      });
    }
    for (const [resource, n] of requests) {
      if (!n || !classify(resource)) continue;
      let node = out.get(pod.nodeName!);
      if (!node) out.set(pod.nodeName!, (node = new Map()));
      node.set(resource, (node.get(resource) ?? 0) + n);
    }
  }
  return out;
}

/**
 * A cluster's accelerator capacity from gathered facts: pure, so one gather can serve the
 * conformance checks and the snapshot. A fact that could not be read leaves its part empty and
 * is named in `errors`; bad input is counted under `unknown`, never thrown.
 *
 * @public
 */
export function buildCapacitySnapshot(
  facts: ClusterFacts,
  options: CapacitySnapshotOptions = {},
): CapacitySnapshot {
  const profiles = options.vendorProfiles ?? VENDOR_PROFILES;
  const errors: CapacitySnapshot['errors'] = [];
  const nodes = valueOf(facts, 'nodes', errors) ?? [];
  const pods = valueOf(facts, 'pods', errors) ?? [];
  const slices = valueOf(facts, 'resourceSlices', errors) ?? [];
  const claims = valueOf(facts, 'resourceClaims', errors) ?? [];
  const clusterQueues = valueOf(facts, 'kueueClusterQueues', errors) ?? [];
  const classify = resourceClassifier(profiles);
  const unknown: UnknownAccelerator[] = [];

  const dra = draInventory(slices, claims, profiles);
  unknown.push(...dra.unknown);
  const devicesByNode = new Map<string, DraDevice[]>();
  for (const d of dra.devices) {
    if (!d.node) continue;
    const list = devicesByNode.get(d.node);
    if (list) list.push(d);
    else devicesByNode.set(d.node, [d]);
  }
  const allocated = allocatedByNode(pods, classify, unknown);
  const nodeRows: NodeCapacity[] = [];
  for (const node of nodes) {
    const result = nodeCapacity({
      node,
      allocated: allocated.get(node.name) ?? new Map(),
      draDevices: devicesByNode.get(node.name) ?? [],
      physicalIds: dra.physicalIds,
      classify,
    });
    unknown.push(...result.unknown);
    if (result.node.accelerators.length) nodeRows.push(result.node);
  }
  const models = summarizeModels(
    nodeRows,
    dra.devices.filter(d => !d.node),
    dra.physicalIds,
  );
  return {
    takenAt: options.takenAt ?? new Date().toISOString(),
    kubernetesVersion: facts.version?.gitVersion,
    provider:
      options.provider ??
      detectProvider(providerSignals(undefined, facts.version, facts)).provider,
    totals: summarizeTotals(nodes.length, nodeRows, models),
    models,
    nodes: nodeRows.sort((a, b) => a.name.localeCompare(b.name)),
    dra: { pools: dra.pools, devices: dra.devices },
    pending: pendingDemand(pods, classify),
    queues: queueCapacity(clusterQueues),
    unknown: dedupeUnknown(unknown),
    errors,
  };
}

function dedupeUnknown(items: UnknownAccelerator[]): UnknownAccelerator[] {
  const seen = new Set<string>();
  return items.filter(i => {
    const key = `${i.name}\u0000${i.node}\u0000${i.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
