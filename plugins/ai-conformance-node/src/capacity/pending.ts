import { PodFact } from '../gather/factTypes';
import { effectivePodRequests } from './podRequests';
import { ResourceKind } from './resourceKinds';
import { PendingDemand, PendingPod } from './types';

const INSUFFICIENT = /Insufficient ([A-Za-z0-9./_-]*[A-Za-z0-9])/g;
const CLAIM_FAILURE = /resourceclaim|cannot allocate all claims|claim/i;

/**
 * Pods the scheduler could not place that ask for accelerators (extended resources or
 * ResourceClaims), with what they ask and what the scheduler found insufficient.
 *
 * @public
 */
export function pendingDemand(
  pods: PodFact[],
  classify: (resource: string) => ResourceKind | undefined,
): PendingDemand {
  const out: PendingPod[] = [];
  const byResource: Record<string, number> = {};
  for (const pod of pods) {
    if (pod.nodeName || pod.unschedulableMessage === undefined) continue;
    const requests: Record<string, number> = {};
    for (const [resource, n] of effectivePodRequests(
      pod.resourceRequests,
      classify,
    ).requests) {
      if (n > 0 && classify(resource)) requests[resource] = n;
    }
    const message = pod.unschedulableMessage;
    const claims = pod.usesResourceClaims;
    if (!Object.keys(requests).length && !claims) continue;
    const insufficient = [
      ...new Set([...message.matchAll(INSUFFICIENT)].map(m => m[1])),
    ];
    if (
      claims &&
      CLAIM_FAILURE.test(message) &&
      !insufficient.includes('resourceclaims')
    ) {
      insufficient.push('resourceclaims');
    }
    for (const [resource, n] of Object.entries(requests)) {
      byResource[resource] = (byResource[resource] ?? 0) + n;
    }
    out.push({
      namespace: pod.namespace,
      name: pod.name,
      requests,
      claims,
      insufficient,
      message: message.slice(0, 500),
    });
  }
  return { pods: out, byResource };
}
