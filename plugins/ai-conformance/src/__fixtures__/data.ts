import { ResponseError } from '@backstage/errors';
import {
  type AiConformanceApi,
  type ClusterScorecard,
  type EvaluationRun,
  type FleetMatrix,
  type FleetSummary,
  type FleetTrends,
  findClusterForEntity,
} from '@internal/plugin-ai-conformance-common';

import { capacityHistory, clusterCapacity, fleetCapacity } from './capacity';

const hoursAgo = (h: number) =>
  new Date(Date.now() - h * 3600_000).toISOString();

/** Test data: gpu-east on 1.35, failing gang scheduling, with evidence on DRA. */
export function scorecard(
  overrides: Partial<ClusterScorecard> = {},
): ClusterScorecard {
  return {
    cluster: 'resource:default/gpu-east',
    kubernetesVersion: 'v1.35.2',
    checklistVersion: '1.35',
    evaluatedAt: hoursAgo(1),
    durationMs: 2300,
    apiRequests: 42,
    source: 'catalog',
    entityRef: 'resource:default/gpu-east',
    requirements: [
      {
        id: 'dra_support',
        category: 'accelerators',
        level: 'MUST',
        verdict: 'pass',
        reason: 'resource.k8s.io/v1 is served with all four resources',
        evidence: [
          {
            message: 'DeviceClass gpu.nvidia.com exists',
            object: {
              apiVersion: 'resource.k8s.io/v1',
              kind: 'DeviceClass',
              name: 'gpu.nvidia.com',
            },
            field: 'spec.selectors',
            value: 'device.driver == "gpu.nvidia.com"',
          },
        ],
      },
      {
        id: 'gang_scheduling',
        category: 'schedulingOrchestration',
        level: 'MUST',
        verdict: 'fail',
        reason: 'No gang scheduler (Kueue, Volcano, …) was found',
        evidence: [],
      },
      {
        id: 'accelerator_metrics',
        category: 'observability',
        level: 'MUST',
        verdict: 'error',
        reason: 'Listing services was forbidden (403); grant list on services',
        evidence: [],
      },
    ],
    summary: {
      pass: 1,
      fail: 1,
      notApplicable: 0,
      unknown: 0,
      error: 1,
      total: 3,
      mustFailed: 1,
      mustUndecided: 1,
      conformant: false,
    },
    ...overrides,
  };
}

export function fleet(): FleetSummary {
  return {
    conformantByChecklist: { '1.34': 1 },
    clusters: [
      {
        cluster: 'resource:default/gpu-east',
        name: 'gpu-east',
        entityRef: 'resource:default/gpu-east',
        source: 'catalog',
        status: 'ok',
        kubernetesVersion: 'v1.35.2',
        checklistVersion: '1.35',
        evaluatedAt: hoursAgo(1),
        summary: scorecard().summary,
      },
      {
        cluster: 'config:tpu-west',
        name: 'tpu-west',
        source: 'config',
        status: 'ok',
        kubernetesVersion: 'v1.34.1',
        checklistVersion: '1.34',
        evaluatedAt: hoursAgo(3),
        summary: {
          pass: 9,
          fail: 0,
          notApplicable: 0,
          unknown: 0,
          error: 0,
          total: 9,
          mustFailed: 0,
          mustUndecided: 0,
          conformant: true,
        },
      },
      {
        cluster: 'resource:default/edge-lab',
        name: 'edge-lab',
        entityRef: 'resource:default/edge-lab',
        source: 'catalog',
        status: 'error',
        message:
          'The API server rejected the token (401); renew the service account token',
      },
    ],
  };
}

/** Providers by cluster name. */
const PROVIDERS = {
  'gpu-east': {
    provider: 'aws',
    source: 'detected',
    reason: 'node label eks.amazonaws.com/nodegroup',
  },
  'tpu-west': {
    provider: 'gcp',
    source: 'annotation',
    reason: 'annotation ai-conformance.io/provider',
  },
} as const;

/** The fleet as the matrix endpoint serves it: columns of checklist 1.35, providers and owners. */
export function fleetMatrix(): FleetMatrix {
  const gpuEast = scorecard();
  const cellsByName: Record<string, FleetMatrix['rows'][number]['cells']> = {
    'gpu-east': Object.fromEntries(
      gpuEast.requirements.map(r => [
        r.id,
        {
          verdict: r.verdict,
          reason: r.reason,
          level: r.level,
          evidenceCount: r.evidence.length,
        },
      ]),
    ),
    'tpu-west': {
      dra_support: {
        verdict: 'pass',
        reason: 'DRA served',
        level: 'MUST',
        evidenceCount: 1,
      },
      gang_scheduling: {
        verdict: 'pass',
        reason: 'Kueue ClusterQueue tpu is active',
        level: 'MUST',
        evidenceCount: 2,
      },
    },
  };
  return {
    checklistVersion: '1.35',
    checklistVersions: ['1.37', '1.36', '1.35', '1.34', '1.33'],
    columns: [
      { id: 'dra_support', category: 'accelerators', level: 'MUST' },
      {
        id: 'gang_scheduling',
        category: 'schedulingOrchestration',
        level: 'MUST',
      },
      { id: 'accelerator_metrics', category: 'observability', level: 'MUST' },
    ],
    rows: fleet().clusters.map(c => ({
      ...c,
      owner: c.name === 'gpu-east' ? 'group:default/ml-platform' : undefined,
      lifecycle: c.name === 'gpu-east' ? 'production' : undefined,
      provider: PROVIDERS[c.name as keyof typeof PROVIDERS],
      cells: cellsByName[c.name] ?? {},
    })),
  };
}

/** Two days of trends: gpu-east regressed on the second day. */
export function fleetTrends(): FleetTrends {
  const figures = (conformant: number, mustFailed: number) => ({
    evaluated: 2,
    conformant,
    conformantShare: conformant / 2,
    mustFailed,
  });
  return {
    from: hoursAgo(48),
    to: hoursAgo(0),
    bucket: 'hour',
    points: [
      {
        at: hoursAgo(24),
        ...figures(2, 0),
        byProvider: {
          aws: {
            evaluated: 1,
            conformant: 1,
            conformantShare: 1,
            mustFailed: 0,
          },
        },
        regression: false,
      },
      {
        at: hoursAgo(0),
        ...figures(1, 1),
        byProvider: {
          aws: {
            evaluated: 1,
            conformant: 0,
            conformantShare: 0,
            mustFailed: 1,
          },
        },
        regression: true,
      },
    ],
    regressions: [
      {
        cluster: 'gpu-east',
        at: hoursAgo(1),
        provider: 'aws',
        kind: 'lost-conformance',
        mustFailedBefore: 0,
        mustFailedAfter: 1,
      },
    ],
  };
}

export function runs(): EvaluationRun[] {
  const latest = scorecard();
  return [
    {
      id: 'run-2',
      cluster: 'gpu-east',
      status: 'ok',
      kubernetesVersion: latest.kubernetesVersion,
      checklistVersion: latest.checklistVersion,
      evaluatedAt: latest.evaluatedAt,
      durationMs: 2300,
      summary: latest.summary,
      trigger: 'schedule',
    },
    {
      id: 'run-1',
      cluster: 'gpu-east',
      status: 'ok',
      kubernetesVersion: latest.kubernetesVersion,
      checklistVersion: latest.checklistVersion,
      evaluatedAt: hoursAgo(25),
      durationMs: 2100,
      summary: {
        ...latest.summary,
        pass: 3,
        fail: 0,
        error: 0,
        mustFailed: 0,
        mustUndecided: 0,
        conformant: true,
      },
      trigger: 'user:default/alice',
    },
  ];
}

/** The API client with every method a jest mock. */
export type MockAiConformanceApi = AiConformanceApi & {
  [K in keyof AiConformanceApi]: jest.Mock;
};

/** An API stub whose every method is a jest mock answering from the data above. */
export function mockApi(
  overrides: Partial<Record<keyof AiConformanceApi, jest.Mock>> = {},
): MockAiConformanceApi {
  const getFleet = overrides.getFleet ?? jest.fn(async () => fleet());
  const defaults: Record<keyof AiConformanceApi, jest.Mock> = {
    getFleet,
    getFleetMatrix: jest.fn(async () => fleetMatrix()),
    getFleetTrends: jest.fn(async () => fleetTrends()),
    // The backend's lookup by entity ref, answered from the fleet (404 when it has no match).
    getClusterByEntity: jest.fn(
      async (ref: { kind: string; namespace: string; name: string }) => {
        const found = findClusterForEntity(
          ((await getFleet()) as FleetSummary).clusters,
          ref,
        );
        if (!found) {
          throw await ResponseError.fromResponse(
            new Response(
              JSON.stringify({
                error: { name: 'NotFoundError', message: 'no such cluster' },
              }),
              { status: 404, headers: { 'Content-Type': 'application/json' } },
            ),
          );
        }
        return found;
      },
    ),
    getScorecard: jest.fn(async () => scorecard()),
    getClusterHistory: jest.fn(async () => ({ runs: runs() })),
    getRequirementAcrossFleet: jest.fn(async (id: string) => ({
      id,
      clusters: [],
    })),
    runEvaluation: jest.fn(async () => ({
      status: 'queued',
      runId: 'run-now-1',
    })),
    exportJUnit: jest.fn(async () => '<testsuites/>'),
    exportCsv: jest.fn(async () => 'cluster,requirement,verdict\n'),
    exportProductYaml: jest.fn(async () => 'metadata: {}\n'),
    getClusterCapacity: jest.fn(async () => clusterCapacity()),
    getClusterCapacityHistory: jest.fn(async () => capacityHistory()),
    getFleetCapacity: jest.fn(async () => fleetCapacity()),
    searchCapacity: jest.fn(async () => ({ matches: [] })),
  };
  return { ...defaults, ...overrides } as MockAiConformanceApi;
}
