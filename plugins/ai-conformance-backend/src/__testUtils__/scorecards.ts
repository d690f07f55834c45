import {
  RequirementResult,
  Scorecard,
} from '@internal/plugin-ai-conformance-common';
import { summarize } from '@internal/plugin-ai-conformance-node';

/**
 * A scorecard for tests: the verdicts are given, the summary is derived from them.
 *
 * @internal
 */
export function makeScorecard(
  cluster: string,
  options: {
    checklistVersion?: string;
    evaluatedAt?: string;
    requirements?: RequirementResult[];
  } = {},
): Scorecard {
  const requirements = options.requirements ?? [
    {
      id: 'gang_scheduling',
      category: 'schedulingOrchestration',
      level: 'MUST',
      verdict: 'pass',
      reason: 'Kueue ClusterQueue found',
      evidence: [],
    },
    {
      id: 'gpu_sharing',
      category: 'accelerators',
      level: 'SHOULD',
      verdict: 'fail',
      reason: 'no shared GPU resources',
      evidence: [],
    },
  ];
  return {
    cluster,
    kubernetesVersion: 'v1.35.2',
    checklistVersion: options.checklistVersion ?? '1.35',
    evaluatedAt: options.evaluatedAt ?? '2026-11-29T10:00:00.000Z',
    durationMs: 1200,
    apiRequests: 42,
    requirements,
    summary: summarize(requirements),
  };
}
