import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { AiConformanceEngine } from './engine/AiConformanceEngine';
import { aiConformanceEngineServiceRef } from './engine/aiConformanceEngineServiceRef';
import { aiConformancePlugin } from './plugin';
import { makeScorecard } from './__testUtils__/scorecards';
import { ownerDecision } from './__testUtils__/ownerDecision';

const TEAM = 'group:default/new-owners';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'gpu-prod',
    namespace: 'default',
    annotations: { 'kubernetes.io/api-server': 'https://gpu.example.com' },
  },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/old-owners' },
};

/**
 * Owners decide permissions (IS_CLUSTER_OWNER): a change of `spec.owner` in the catalog must
 * reach the decisions with the next cluster refresh (every `clusterRefresh`, 5 min by default)
 * or the next round, not with the 6-hourly cluster list.
 */
describe('ownership refresh', () => {
  it('applies a catalog owner change to permission decisions at the next refresh and the next round', async () => {
    const engine: AiConformanceEngine = {
      evaluateCluster: async ({ cluster }) => makeScorecard(cluster),
      renderJUnit: () => '',
      renderProductYaml: () => '',
      sweepProbeLeftovers: async () => [],
    };
    const permissions = mockServices.permissions.mock();
    // The policy: users may read the clusters their team owns.
    permissions.authorizeConditional.mockImplementation(async requests =>
      requests.map(() => ownerDecision([TEAM])),
    );
    const scheduler = mockServices.scheduler() as ReturnType<
      typeof mockServices.scheduler
    > & { factory(): any; triggerTask(id: string): Promise<void> };
    const { server } = await startTestBackend({
      features: [
        aiConformancePlugin,
        catalogServiceMock.factory({ entities: [entity] }),
        scheduler.factory(),
        permissions.factory,
        createServiceFactory({
          service: aiConformanceEngineServiceRef,
          deps: {},
          factory: () => engine,
        }),
        mockServices.rootConfig.factory({
          data: {
            aiConformance: {
              schedule: {
                frequency: { hours: 6 },
                timeout: { minutes: 5 },
                initialDelay: { hours: 1 },
              },
              clusters: [
                {
                  entityRef: 'resource:default/gpu-prod',
                  url: 'https://gpu.example.com',
                  serviceAccountToken: 'token',
                },
              ],
            },
          },
        }),
      ],
    });
    const readable = async () =>
      (
        await request(server).get('/api/ai-conformance/fleet')
      ).body.clusters?.map((c: { cluster: string }) => c.cluster) ?? [];

    await scheduler.triggerTask('refresh-clusters');
    expect(await readable()).toEqual([]);

    // The catalog changes hands: the next refresh (not the next 6-hourly round) applies it.
    entity.spec.owner = TEAM;
    await scheduler.triggerTask('refresh-clusters');
    expect(await readable()).toEqual(['resource:default/gpu-prod']);

    // And back, applied by an evaluation round as well.
    entity.spec.owner = 'group:default/old-owners';
    await scheduler.triggerTask('evaluate-clusters');
    expect(await readable()).toEqual([]);
  });
});
