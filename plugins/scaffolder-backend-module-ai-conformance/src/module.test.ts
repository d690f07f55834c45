import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import aiConformanceBackend, {
  AiConformanceEngine,
  aiConformanceEngineServiceRef,
} from '@internal/plugin-ai-conformance-backend';
import type {
  RequirementResult,
  Scorecard,
} from '@internal/plugin-ai-conformance-common';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import scaffolderModuleAiConformance from './index';

jest.setTimeout(60_000);

const CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');

const result = (
  id: string,
  verdict: RequirementResult['verdict'],
  reason: string,
): RequirementResult => ({
  id,
  category: 'schedulingOrchestration',
  level: 'MUST',
  verdict,
  reason,
  evidence: [],
});

function scorecard(
  cluster: string,
  requirements: RequirementResult[],
): Scorecard {
  const mustFailed = requirements.filter(r => r.verdict === 'fail').length;
  return {
    cluster,
    kubernetesVersion: 'v1.35.1',
    checklistVersion: '1.35',
    evaluatedAt: new Date().toISOString(),
    durationMs: 10,
    apiRequests: 3,
    requirements,
    summary: {
      pass: requirements.length - mustFailed,
      fail: mustFailed,
      notApplicable: 0,
      unknown: 0,
      error: 0,
      total: requirements.length,
      mustFailed,
      mustUndecided: 0,
      conformant: mustFailed === 0,
    },
  };
}

/**
 * What the engine "finds" on each cluster, by cluster identity (the entity ref): good is
 * conformant, partial lacks gang scheduling.
 */
const SCORECARDS: Record<string, Scorecard> = {
  'resource:default/good': scorecard('resource:default/good', [
    result('gang_scheduling', 'pass', 'Kueue ClusterQueue found'),
    result('ai_inference', 'pass', 'Gateway API with an InferencePool'),
  ]),
  'resource:default/partial': scorecard('resource:default/partial', [
    result(
      'gang_scheduling',
      'fail',
      'No gang scheduler (Kueue, Volcano) was found',
    ),
    result('ai_inference', 'pass', 'Gateway API with an InferencePool'),
  ]),
};

const clusterEntity = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'kubernetes.io/api-server': `https://${name}.example.com:6443`,
      'kubernetes.io/api-server-certificate-authority': CA,
    },
  },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/ml' },
});

function template(input: Record<string, unknown>) {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'inference', namespace: 'default' },
    spec: {
      owner: 'group:default/ml',
      type: 'service',
      parameters: [],
      steps: [
        {
          id: 'conformance',
          name: 'Check the cluster',
          action: 'ai-conformance:cluster:assert',
          input,
        },
      ],
      output: {
        cluster: '${{ steps.conformance.output.cluster }}',
        conformant: '${{ steps.conformance.output.conformant }}',
      },
    },
  };
}

describe('ai-conformance:cluster:assert in the scaffolder backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    const engine: AiConformanceEngine = {
      evaluateCluster: async ({ cluster }) => SCORECARDS[cluster],
      renderJUnit: () => '',
      renderProductYaml: () => '',
      sweepProbeLeftovers: async () => [],
    };
    ({ server } = await startTestBackend({
      features: [
        aiConformanceBackend,
        scaffolderPlugin,
        scaffolderModuleAiConformance,
        catalogServiceMock.factory({
          entities: [clusterEntity('good'), clusterEntity('partial')],
        }),
        createServiceFactory({
          service: aiConformanceEngineServiceRef,
          deps: {},
          factory: () => engine,
        }),
        mockServices.rootConfig.factory({
          data: {
            aiConformance: {
              schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
              // Catalog clusters get their credentials bound by entity ref.
              clusters: ['good', 'partial'].map(name => ({
                entityRef: `resource:default/${name}`,
                url: `https://${name}.example.com:6443`,
                serviceAccountToken: `${name}-token`,
              })),
            },
          },
        }),
      ],
    }));
  });

  const dryRun = (input: Record<string, unknown>) =>
    request(server)
      .post('/api/scaffolder/v2/dry-run')
      .send({
        template: template(input),
        values: {},
        directoryContents: [],
      });

  it('is registered with the scaffolder', async () => {
    const response = await request(server).get('/api/scaffolder/v2/actions');
    expect(response.status).toBe(200);
    expect(response.body.map((a: { id: string }) => a.id)).toContain(
      'ai-conformance:cluster:assert',
    );
  });

  it('lets a template through for a conformant cluster given by entity ref', async () => {
    const response = await dryRun({
      cluster: 'resource:default/good',
      requirements: ['ai_inference'],
    });
    expect(response.status).toBe(200);
    expect(response.body.output).toEqual({ cluster: 'good', conformant: true });
  });

  it('fails the step with the reasons for a non-conformant cluster', async () => {
    const response = await dryRun({ cluster: 'partial' });
    const log = JSON.stringify(response.body);
    expect(log).toContain(
      "Cluster partial does not meet this template's AI conformance conditions: cluster partial is not AI conformant on checklist 1.35: gang_scheduling (fail: No gang scheduler (Kueue, Volcano) was found)",
    );
    expect(response.body.output?.conformant).not.toBe(true);
  });

  it('fails when a named requirement does not pass even if conformance is not required', async () => {
    const response = await dryRun({
      cluster: 'partial',
      requireConformant: false,
      requirements: ['gang_scheduling'],
    });
    expect(JSON.stringify(response.body)).toContain(
      'requirement gang_scheduling is fail: No gang scheduler (Kueue, Volcano) was found',
    );
  });

  it('names the known clusters when the template points at an unknown one', async () => {
    const response = await dryRun({ cluster: 'resource:default/nowhere' });
    expect(JSON.stringify(response.body)).toContain(
      'The AI conformance backend knows no cluster \\"resource:default/nowhere\\"',
    );
  });
});
