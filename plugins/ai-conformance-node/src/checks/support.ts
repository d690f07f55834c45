import { ObjectReference } from '@internal/plugin-ai-conformance-common';
import { findResource } from '../cluster/discovery';
import { ClusterFacts, WorkloadFact } from '../gather/factTypes';
import {
  AcceleratorInventory,
  describeUnrecognised,
  detectAccelerators,
} from '../vendors/detectAccelerators';
import {
  CheckContext,
  CheckOutcome,
  optionalFact,
  outcome,
  requireFact,
} from './RequirementCheck';

/* Helpers shared by several checks. */

/** The accelerator inventory from nodes (required) and ResourceSlices (optional). @internal */
export function acceleratorInventory(
  facts: ClusterFacts,
  context: CheckContext,
): AcceleratorInventory {
  const nodes = requireFact(facts, 'nodes');
  const slices = optionalFact(facts, 'resourceSlices') ?? [];
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

/**
 * The verdict of an accelerator requirement on a cluster without recognised accelerators:
 * `unknown` when accelerators no vendor profile covers were seen (never `fail`: the mechanism is
 * unknown, not missing), `not-applicable` when there are none; undefined when the check applies.
 *
 * @internal
 */
export function withoutRecognisedAccelerators(
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
  return outcome('not-applicable', texts.notApplicable);
}
