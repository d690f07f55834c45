import { ObjectReference } from '@internal/plugin-ai-conformance-common';
import { findResource } from '../cluster/discovery';
import { ClusterFacts, FactKey, WorkloadFact } from '../gather/factTypes';
import {
  OnDemandAcceleratorSource,
  describeOnDemand,
  detectOnDemandAccelerators,
} from '../vendors/onDemandAccelerators';
import {
  AcceleratorInventory,
  describeUnrecognised,
  detectAccelerators,
} from '../vendors/detectAccelerators';
import {
  CheckContext,
  CheckOutcome,
  capEvidence,
  evidence,
  outcome,
  requireFact,
} from './RequirementCheck';

/* Helpers shared by several checks. */

/** The accelerator inventory from nodes and ResourceSlices (both decisive). @internal */
export function acceleratorInventory(
  facts: ClusterFacts,
  context: CheckContext,
): AcceleratorInventory {
  const nodes = requireFact(facts, 'nodes');
  const slices = requireFact(facts, 'resourceSlices');
  return detectAccelerators(nodes, slices, context.vendors);
}

/** True when discovery serves the resource in the group. @internal */
export function serves(
  facts: ClusterFacts,
  group: string,
  resource: string,
  versions?: string[],
): boolean {
  return !!findResource(facts.discovery, group, resource, versions);
}

/** The served version of a group's resource, e.g. `kueue.x-k8s.io/v1beta1`. @internal */
export function servedApiVersion(
  facts: ClusterFacts,
  group: string,
  resource: string,
): string | undefined {
  const served = findResource(facts.discovery, group, resource);
  return served ? `${group}/${served.version}` : undefined;
}

/** A workload whose name, labels or images contain one of the fragments. @internal */
export function findWorkloads(
  workloads: WorkloadFact[],
  fragments: readonly string[],
): WorkloadFact[] {
  const lower = fragments.map(f => f.toLowerCase());
  return workloads.filter(w => {
    const haystack = [
      w.name,
      ...Object.values(w.labels),
      ...w.images.map(i => i.split('@')[0]),
    ].map(s => s.toLowerCase());
    return lower.some(f => haystack.some(h => h.includes(f)));
  });
}

/** The object reference of a workload. @internal */
export function workloadRef(w: WorkloadFact): ObjectReference {
  return {
    apiVersion: 'apps/v1',
    kind: w.kind,
    name: w.name,
    namespace: w.namespace,
  };
}

/** The facts that show accelerators can be provisioned on demand. @internal */
export const ON_DEMAND_FACTS: FactKey[] = [
  'karpenterNodePools',
  'karpenterNodeClaims',
  'clusterApiMachineDeployments',
  'gkeComputeClasses',
  'clusterAutoscalerStatus',
  'daemonSets',
];

/** Node pools, node groups and node agents that can bring accelerators (all reads decisive). @internal */
export function onDemandAccelerators(
  facts: ClusterFacts,
  context: CheckContext,
): OnDemandAcceleratorSource[] {
  return detectOnDemandAccelerators(
    {
      karpenterNodePools: requireFact(facts, 'karpenterNodePools'),
      karpenterNodeClaims: requireFact(facts, 'karpenterNodeClaims'),
      clusterApiMachineDeployments: requireFact(
        facts,
        'clusterApiMachineDeployments',
      ),
      gkeComputeClasses: requireFact(facts, 'gkeComputeClasses'),
      clusterAutoscalerStatus: requireFact(facts, 'clusterAutoscalerStatus'),
      daemonSets: requireFact(facts, 'daemonSets'),
    },
    context.vendors,
  );
}

/** One evidence entry per on-demand source. @internal */
export function onDemandEvidence(sources: OnDemandAcceleratorSource[]) {
  return sources.map(s =>
    evidence(
      `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${
        s.name
      } can provision accelerators${
        s.vendors.length ? ` (${s.vendors.join(', ')})` : ''
      }: ${s.signals.slice(0, 3).join('; ')}`,
      s.kind === 'ClusterAutoscalerNodeGroup'
        ? {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            name: 'cluster-autoscaler-status',
            namespace: 'kube-system',
          }
        : {
            apiVersion: s.apiVersion,
            kind: s.kind,
            name: s.name,
            namespace: s.namespace,
          },
      s.kind === 'ClusterAutoscalerNodeGroup' ? 'data.status' : undefined,
    ),
  );
}

/**
 * The verdict of an accelerator requirement on a cluster without recognised accelerator nodes:
 * `unknown` when accelerators no vendor profile covers were seen (never `fail`: the mechanism is
 * unknown, not missing) or when accelerator nodes can be provisioned on demand (pools at zero:
 * nothing can be observed until they scale up); `not-applicable` only when there are none and
 * none can be provisioned; undefined when the check applies.
 *
 * @internal
 */
export function withoutRecognisedAccelerators(
  facts: ClusterFacts,
  context: CheckContext,
  inventory: AcceleratorInventory,
  texts: { verifyManually: string; notApplicable: string },
): CheckOutcome | undefined {
  if (inventory.nodes.length > 0) return undefined;
  if (inventory.unrecognised.length) {
    return outcome(
      'unknown',
      `Accelerators not covered by a vendor profile were found (${describeUnrecognised(
        inventory.unrecognised,
      )}); ${texts.verifyManually}.`,
    );
  }
  const onDemand = onDemandAccelerators(facts, context);
  if (onDemand.length) {
    return outcome(
      'unknown',
      `No accelerator node exists now, but accelerators can be provisioned on demand (${describeOnDemand(
        onDemand,
      )}); nothing can be observed until they scale up, so ${
        texts.verifyManually
      } or evaluate again while accelerator nodes run.`,
      capEvidence(onDemandEvidence(onDemand)),
    );
  }
  return outcome(
    'not-applicable',
    `${texts.notApplicable} No accelerators exist and none can be provisioned (no accelerator node pool, node group, NodePool, MachineDeployment or waiting vendor node agent was found).`,
  );
}
