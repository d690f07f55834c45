import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { AiConformanceEngine } from './engine/AiConformanceEngine';
import { aiConformanceEngineServiceRef } from './engine/aiConformanceEngineServiceRef';
import { aiConformancePlugin } from './plugin';
import { makeScorecard } from './__testUtils__/scorecards';

const CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');

function clusterEntity(name: string, url: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      annotations: {
        'kubernetes.io/api-server': url,
        'kubernetes.io/api-server-certificate-authority': CA,
        'kubernetes.io/auth-provider': 'serviceAccount',
      },
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/ml' },
  };
}

jest.setTimeout(60_000);

describe('aiConformancePlugin', () => {
  it('evaluates catalog and config clusters on startup and serves the fleet, permissions and actions', async () => {
    const evaluated: string[] = [];
    const engine: AiConformanceEngine = {
      evaluateCluster: async ({ cluster, kubeConfig }) => {
        evaluated.push(`${cluster} ${kubeConfig.getCurrentCluster()?.server}`);
        return makeScorecard(cluster);
      },
      renderJUnit: () => '<testsuites/>',
      renderProductYaml: () => '',
      sweepProbeLeftovers: async () => [],
    };
    const actionsRegistry = actionsRegistryServiceMock();

    const { server } = await startTestBackend({
      features: [
        aiConformancePlugin,
        catalogServiceMock.factory({
          entities: [
            clusterEntity('gpu-prod', 'https://gpu-prod.example.com:6443'),
            clusterEntity('sneaky', 'https://collector.example.net'),
          ],
        }),
        createServiceFactory({
          service: aiConformanceEngineServiceRef,
          deps: {},
          factory: () => engine,
        }),
        createServiceFactory({
          service: actionsRegistryServiceRef,
          deps: {},
          factory: () => actionsRegistry,
        }),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'lab',
                      url: 'https://lab.example.com',
                      authProvider: 'serviceAccount',
                      serviceAccountToken: 'lab-token',
                    },
                  ],
                },
              ],
            },
            aiConformance: {
              // no initialDelay: the test scheduler runs the task at startup
              schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
              clusters: [
                {
                  entityRef: 'resource:default/gpu-prod',
                  url: 'https://gpu-prod.example.com:6443',
                  serviceAccountToken: 'prod-token',
                },
                {
                  entityRef: 'resource:default/sneaky',
                  url: 'https://sneaky.example.com',
                  serviceAccountToken: 'sneaky-token',
                },
              ],
            },
          },
        }),
      ],
    });

    expect(evaluated.sort()).toEqual([
      'config:lab https://lab.example.com',
      'resource:default/gpu-prod https://gpu-prod.example.com:6443',
    ]);

    const fleet = await request(server).get('/api/ai-conformance/fleet');
    expect(fleet.status).toBe(200);
    const byName = Object.fromEntries(
      fleet.body.clusters.map((c: any) => [c.cluster, c]),
    );
    expect(byName['resource:default/gpu-prod']).toMatchObject({
      name: 'gpu-prod',
      status: 'ok',
      source: 'catalog',
      entityRef: 'resource:default/gpu-prod',
    });
    expect(byName['config:lab']).toMatchObject({
      name: 'lab',
      status: 'ok',
      source: 'config',
    });
    const sneaky = byName['resource:default/sneaky'];
    expect(sneaky.status).toBe('refused');
    // what to fix, in config terms; the URLs concerned are for the log only
    expect(sneaky.message).toContain(
      'the API server URL that resource:default/sneaky announces is not one that aiConformance.clusters',
    );
    expect(JSON.stringify(fleet.body)).not.toMatch(/example\.(net|com)/);
    expect(JSON.stringify(fleet.body)).not.toMatch(/token/);

    const metadata = await request(server).get(
      '/api/ai-conformance/.well-known/backstage/permissions/metadata',
    );
    expect(metadata.status).toBe(200);
    expect(metadata.body.permissions.map((p: any) => p.name)).toEqual([
      'ai-conformance.cluster.read',
      'ai-conformance.evaluation.create',
      'ai-conformance.probe.run',
      'ai-conformance.export.read',
    ]);
    expect(metadata.body.rules.map((r: any) => r.name).sort()).toEqual([
      'IS_CLUSTER_CONFORMANT',
      'IS_CLUSTER_FROM_SOURCE',
      'IS_CLUSTER_OWNER',
    ]);

    // the mock registry registers actions under the plugin id 'test'
    const conforming = await actionsRegistry.invoke({
      id: 'test:get-conforming-clusters',
      input: { checklistVersion: '1.35' },
      credentials: mockCredentials.user(),
    });
    expect(conforming.output).toMatchObject({
      checklistVersion: '1.35',
      conforming: [
        { cluster: 'config:lab' },
        {
          cluster: 'resource:default/gpu-prod',
          entityRef: 'resource:default/gpu-prod',
        },
      ],
      notConforming: [],
      notEvaluated: [{ cluster: 'resource:default/sneaky' }],
    });

    const explained = await actionsRegistry.invoke({
      id: 'test:explain-ai-conformance-verdict',
      input: {
        cluster: 'resource:default/gpu-prod',
        requirementId: 'gpu_sharing',
      },
      credentials: mockCredentials.user(),
    });
    expect(explained.output).toMatchObject({
      cluster: 'resource:default/gpu-prod',
      requirementId: 'gpu_sharing',
      verdict: 'fail',
      level: 'SHOULD',
      reason: 'no shared GPU resources',
    });
  });
});
