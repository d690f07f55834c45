import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { makeScorecard } from '../__testUtils__/scorecards';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { DatabaseAiConformanceStore } from './DatabaseAiConformanceStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

describe.each(databases.eachSupportedId())(
  'DatabaseAiConformanceStore with odd input and two replicas on %p',
  databaseId => {
    it('stores a run whose strings overflow their columns or hold NUL characters', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseAiConformanceStore.create({
        database: mockServices.database({ knex }),
      });
      await store.syncClusters([
        { cluster: 'odd', name: 'odd', source: 'config' },
      ]);
      const gitVersion = `v1.35.0-${'x'.repeat(500)}\u0000tail`;
      await store.recordRun({
        id: '00000000-0000-4000-8000-000000000001',
        cluster: 'odd',
        status: 'ok',
        trigger: `user:default/${'long'.repeat(100)}`,
        evaluatedAt: new Date(),
        durationMs: 12.6,
        scorecard: {
          ...makeScorecard('odd'),
          kubernetesVersion: gitVersion,
        },
      });
      const [run] = await store.listRuns('odd', { limit: 1 });
      expect(run.kubernetesVersion).toHaveLength(64);
      expect(run.kubernetesVersion!.startsWith('v1.35.0-xxx')).toBe(true);
      expect(run.trigger).toHaveLength(255);
      expect((await store.getCluster('odd'))?.status).toBe('ok');
      // The scorecard itself keeps the full value (JSON text column).
      expect((await store.getLatestScorecard('odd'))?.kubernetesVersion).toBe(
        gitVersion,
      );
      await knex.destroy();
    });

    it('records the same run twice without error (a retry after a lost commit acknowledgement)', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseAiConformanceStore.create({
        database: mockServices.database({ knex }),
      });
      await store.syncClusters([{ cluster: 'a', name: 'a', source: 'config' }]);
      const run = {
        id: '00000000-0000-4000-8000-000000000002',
        cluster: 'a',
        status: 'ok' as const,
        trigger: 'schedule',
        evaluatedAt: new Date(),
        durationMs: 5,
        scorecard: makeScorecard('a'),
      };
      await store.recordRun(run);
      await store.recordRun(run);
      expect(await store.listRuns('a', { limit: 10 })).toHaveLength(1);
      await knex.destroy();
    });

    it('lets two replicas sync the same new clusters at once, and refreshes owners', async () => {
      const knex = await databases.init(databaseId);
      // Replicas start one after the other (migrations), then sync at the same time.
      const replicas = [];
      for (let i = 0; i < 2; i++) {
        replicas.push(
          await DatabaseAiConformanceStore.create({
            database: mockServices.database({ knex }),
          }),
        );
      }
      const clusters = Array.from({ length: 20 }, (_, i) => ({
        cluster: `resource:default/c${i}`,
        name: `c${i}`,
        source: 'catalog' as const,
        owner: 'group:default/old',
      }));
      for (let round = 0; round < 3; round++) {
        await Promise.all(
          replicas.map((store, i) =>
            store.syncClusters(i === 0 ? clusters : [...clusters].reverse()),
          ),
        );
      }
      expect(await replicas[0].listClusters()).toHaveLength(20);
      await replicas[1].syncClusters(
        clusters.map(c => ({ ...c, owner: 'group:default/new' })),
      );
      expect((await replicas[0].getCluster('resource:default/c7'))?.owner).toBe(
        'group:default/new',
      );
      await knex.destroy();
    });
  },
);
