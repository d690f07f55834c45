import { createServiceFactory } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AiConformanceEngine } from './engine/AiConformanceEngine';
import { aiConformanceEngineServiceRef } from './engine/aiConformanceEngineServiceRef';
import { aiConformancePlugin } from './plugin';
import { makeScorecard } from './__testUtils__/scorecards';
import { testDatabaseIds } from './__testUtils__/testDatabaseIds';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

describe.each(databases.eachSupportedId())(
  'scheduled evaluation with two backend replicas on %p',
  databaseId => {
    const backends: TestBackend[] = [];

    afterEach(async () => {
      await Promise.all(backends.splice(0).map(b => b.stop()));
    });

    it('evaluates each cluster once per interval, not once per replica', async () => {
      const knex = await databases.init(databaseId);
      const calls: string[] = [];
      const engine: AiConformanceEngine = {
        evaluateCluster: async ({ cluster }) => {
          calls.push(cluster);
          return makeScorecard(cluster);
        },
        renderJUnit: () => '',
        renderProductYaml: () => '',
        sweepProbeLeftovers: async () => [],
      };
      const config = {
        aiConformance: {
          catalog: { enabled: false },
          schedule: {
            frequency: { minutes: 10 },
            timeout: { minutes: 1 },
            initialDelay: { seconds: 1 },
          },
          clusters: ['east', 'west'].map(name => ({
            name,
            url: `https://${name}.example.com`,
            serviceAccountToken: 'token',
          })),
        },
      };
      const startReplica = () =>
        startTestBackend({
          features: [
            aiConformancePlugin,
            schedulerServiceFactory, // the real, database-coordinated scheduler
            mockServices.database.factory({ knex }),
            mockServices.rootConfig.factory({ data: config }),
            catalogServiceMock.factory({ entities: [] }),
            createServiceFactory({
              service: aiConformanceEngineServiceRef,
              deps: {},
              factory: () => engine,
            }),
          ],
        });
      backends.push(await startReplica(), await startReplica());

      // The scheduler's workers look for due global tasks every few seconds.
      const deadline = Date.now() + 20_000;
      while (calls.length < 2 && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 250));
      }
      // Leave time for a second replica to (wrongly) run the same round.
      await new Promise(resolve => setTimeout(resolve, 7_000));
      expect(calls.sort()).toEqual(['config:east', 'config:west']);

      const runs = await knex('ai_conformance_runs').select('cluster');
      expect(runs.map(r => r.cluster).sort()).toEqual([
        'config:east',
        'config:west',
      ]);
    });
  },
);
