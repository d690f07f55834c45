import {
  CapacitySnapshot,
  Scorecard,
} from '@internal/plugin-ai-conformance-common';
import {
  evaluateCluster,
  EvaluateClusterExtensions,
} from '../evaluate/evaluateCluster';
import { ClusterFacts } from '../gather/factTypes';
import { EvaluateClusterOptions } from '../types';
import { buildCapacitySnapshot, CAPACITY_FACTS } from './snapshot';

/**
 * One conformance evaluation whose gather also serves a capacity snapshot: nodes, pods and
 * ResourceSlices are read once between them (the snapshot adds only ResourceClaims when the
 * checks do not read them). The snapshot is absent when the evaluation failed before the gather.
 *
 * @public
 */
export async function evaluateClusterWithCapacity(
  options: EvaluateClusterOptions & EvaluateClusterExtensions,
): Promise<{ scorecard: Scorecard; capacity: CapacitySnapshot }> {
  let facts: ClusterFacts | undefined;
  const scorecard = await evaluateCluster({
    ...options,
    additionalFacts: [...(options.additionalFacts ?? []), ...CAPACITY_FACTS],
    onFacts: f => {
      facts = f;
      options.onFacts?.(f);
    },
  });
  // evaluateCluster resolves only after its gather, so the facts are there
  const capacity = buildCapacitySnapshot(facts!, {
    vendorProfiles: options.vendorProfiles,
    takenAt: scorecard.evaluatedAt,
    provider: scorecard.provider?.provider,
  });
  return { scorecard, capacity };
}
