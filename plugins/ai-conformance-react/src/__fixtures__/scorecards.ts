import type {
  ClusterScorecard,
  RequirementResult,
} from '@internal/plugin-ai-conformance-common';

/** Test data: a 1.35 scorecard with one failing MUST (gang_scheduling). */
export function makeScorecard(
  overrides: Partial<ClusterScorecard> = {},
): ClusterScorecard {
  const requirements: RequirementResult[] = [
    {
      id: 'dra_support',
      category: 'accelerators',
      level: 'MUST',
      verdict: 'pass',
      reason: 'resource.k8s.io/v1 is served',
      evidence: [],
    },
    {
      id: 'gang_scheduling',
      category: 'schedulingOrchestration',
      level: 'MUST',
      verdict: 'fail',
      reason: 'No gang scheduler found',
      evidence: [],
    },
    {
      id: 'cluster_autoscaling',
      category: 'schedulingOrchestration',
      level: 'MUST',
      conditional: true,
      verdict: 'not-applicable',
      reason: 'No cluster autoscaler',
      evidence: [],
    },
    {
      id: 'gpu_sharing',
      category: 'accelerators',
      level: 'SHOULD',
      verdict: 'unknown',
      reason: 'No sharing mechanism recognised',
      evidence: [],
    },
  ];
  return {
    cluster: 'gpu-east',
    kubernetesVersion: 'v1.35.2',
    checklistVersion: '1.35',
    evaluatedAt: new Date(Date.now() - 2 * 3600 * 1000).toISOString(),
    durationMs: 1200,
    apiRequests: 31,
    requirements,
    summary: {
      pass: 1,
      fail: 1,
      notApplicable: 1,
      unknown: 1,
      error: 0,
      total: 4,
      mustFailed: 1,
      mustUndecided: 0,
      conformant: false,
    },
    source: 'catalog',
    entityRef: 'resource:default/gpu-east',
    ...overrides,
  };
}
