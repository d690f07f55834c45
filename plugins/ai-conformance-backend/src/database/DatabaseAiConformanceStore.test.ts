import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { makeScorecard } from '../__testUtils__/scorecards';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { DatabaseAiConformanceStore } from './DatabaseAiConformanceStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseAiConformanceStore.create({
    database: mockServices.database({ knex }),
  });
  return { knex, store };
}

describe.each(databases.eachSupportedId())(
  'DatabaseAiConformanceStore on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseAiConformanceStore;

    beforeEach(async () => {
      ({ knex, store } = await createStore(databaseId));
    });

    afterEach(async () => {
      await knex.destroy();
    });

    it('adds new clusters as pending or refused and forgets vanished ones', async () => {
      await store.syncClusters([
        {
          cluster: 'a',
          name: 'a',
          source: 'catalog',
          entityRef: 'resource:default/a',
          owner: 'group:default/ml',
        },
        {
          cluster: 'b',
          name: 'b',
          source: 'config',
          refusal: 'add b to config',
        },
        { cluster: 'c', name: 'c', source: 'config' },
      ]);
      expect(await store.listClusters()).toEqual([
        expect.objectContaining({
          cluster: 'a',
          name: 'a',
          status: 'pending',
          source: 'catalog',
          entityRef: 'resource:default/a',
          owner: 'group:default/ml',
        }),
        expect.objectContaining({
          cluster: 'b',
          name: 'b',
          status: 'refused',
          message: 'add b to config',
        }),
        expect.objectContaining({ cluster: 'c', name: 'c', status: 'pending' }),
      ]);

      await store.syncClusters([
        { cluster: 'b', name: 'b', source: 'config' },
        { cluster: 'c', name: 'c', source: 'config', refusal: 'now refused' },
      ]);
      const clusters = await store.listClusters();
      expect(clusters.map(c => [c.cluster, c.status, c.message])).toEqual([
        ['b', 'pending', undefined],
        ['c', 'refused', 'now refused'],
      ]);
    });

    it('keeps the last good scorecard when a later run errors, and the whole history', async () => {
      await store.syncClusters([{ cluster: 'a', name: 'a', source: 'config' }]);
      const good = makeScorecard('a');
      await store.recordRun({
        id: '00000000-0000-0000-0000-000000000001',
        cluster: 'a',
        status: 'ok',
        trigger: 'schedule',
        evaluatedAt: new Date('2026-11-01T00:00:00Z'),
        durationMs: 1000,
        scorecard: good,
      });
      await store.recordRun({
        id: '00000000-0000-0000-0000-000000000002',
        cluster: 'a',
        status: 'error',
        message: 'connection refused; check the URL',
        trigger: 'user:default/alice',
        evaluatedAt: new Date('2026-11-02T00:00:00Z'),
        durationMs: 10,
      });

      expect(await store.getLatestScorecard('a')).toEqual(good);
      expect(await store.getCluster('a')).toMatchObject({
        status: 'error',
        message: 'connection refused; check the URL',
        lastRunId: '00000000-0000-0000-0000-000000000002',
        lastGoodRunId: '00000000-0000-0000-0000-000000000001',
      });

      const runs = await store.listRuns('a', { limit: 10 });
      expect(runs.map(r => [r.id, r.status, r.trigger])).toEqual([
        ['00000000-0000-0000-0000-000000000002', 'error', 'user:default/alice'],
        ['00000000-0000-0000-0000-000000000001', 'ok', 'schedule'],
      ]);
      expect(runs[0].evaluatedAt).toBe('2026-11-02T00:00:00.000Z');
      expect(runs[1]).toMatchObject({
        checklistVersion: '1.35',
        kubernetesVersion: 'v1.35.2',
        apiRequests: 42,
        summary: good.summary,
      });
      expect(await store.listRuns('a', { limit: 1 })).toHaveLength(1);
    });

    it('returns latest scorecards of several clusters', async () => {
      await store.syncClusters([
        { cluster: 'a', name: 'a', source: 'config' },
        { cluster: 'b', name: 'b', source: 'config' },
      ]);
      await store.recordRun({
        id: 'run-a',
        cluster: 'a',
        status: 'ok',
        trigger: 'schedule',
        evaluatedAt: new Date(),
        durationMs: 1,
        scorecard: makeScorecard('a', { checklistVersion: '1.34' }),
      });
      const scorecards = await store.getLatestScorecards(['a', 'b']);
      expect([...scorecards.keys()]).toEqual(['a']);
      expect(scorecards.get('a')?.checklistVersion).toBe('1.34');
      expect((await store.getLatestScorecards([])).size).toBe(0);
    });

    it('serves the fleet from stored summaries, without reading scorecard JSON', async () => {
      await store.syncClusters([
        { cluster: 'a', name: 'a', source: 'config' },
        { cluster: 'b', name: 'b', source: 'config' },
      ]);
      const scorecard = makeScorecard('a', { checklistVersion: '1.34' });
      await store.recordRun({
        id: 'run-a',
        cluster: 'a',
        status: 'ok',
        trigger: 'schedule',
        evaluatedAt: new Date('2026-11-01T00:00:00Z'),
        durationMs: 1,
        scorecard,
      });
      // a scorecard column that cannot be parsed proves the summary path never reads it
      await knex('ai_conformance_runs')
        .where('id', 'run-a')
        .update({ scorecard: 'not json' });
      const summaries = await store.getLatestSummaries(['a', 'b']);
      expect([...summaries.keys()]).toEqual(['a']);
      expect(summaries.get('a')).toEqual({
        kubernetesVersion: scorecard.kubernetesVersion,
        checklistVersion: '1.34',
        evaluatedAt: '2026-11-01T00:00:00.000Z',
        summary: scorecard.summary,
      });
      expect((await store.getLatestSummaries([])).size).toBe(0);
    });

    it('deletes old runs but never the latest or latest good run of a cluster', async () => {
      await store.syncClusters([{ cluster: 'a', name: 'a', source: 'config' }]);
      const at = (day: number) => new Date(Date.UTC(2026, 0, day));
      await store.recordRun({
        id: 'old-ok',
        cluster: 'a',
        status: 'ok',
        trigger: 'schedule',
        evaluatedAt: at(1),
        durationMs: 1,
        scorecard: makeScorecard('a'),
      });
      await store.recordRun({
        id: 'latest-good',
        cluster: 'a',
        status: 'ok',
        trigger: 'schedule',
        evaluatedAt: at(2),
        durationMs: 1,
        scorecard: makeScorecard('a'),
      });
      await store.recordRun({
        id: 'latest',
        cluster: 'a',
        status: 'error',
        message: 'timeout',
        trigger: 'schedule',
        evaluatedAt: at(3),
        durationMs: 1,
      });

      const deleted = await store.deleteRunsBefore(at(10));
      expect(deleted).toBe(1);
      const ids = (await store.listRuns('a', { limit: 10 })).map(r => r.id);
      expect(ids).toEqual(['latest', 'latest-good']);
      expect(await store.deleteRunsBefore(at(10))).toBe(0);
    });

    it('lets one evaluation at a time hold a cluster, until it unlocks or expires', async () => {
      const lock = (runId: string, ttlMs = 60_000) =>
        store.tryLock({ cluster: 'a', runId, trigger: 'schedule', ttlMs });

      expect(await lock('r1')).toBe(true);
      expect(await lock('r2')).toBe(false);
      expect(await store.isLocked('a')).toBe(true);

      await store.unlock({ cluster: 'a', runId: 'r2' }); // not the holder: no effect
      expect(await store.isLocked('a')).toBe(true);

      await store.unlock({ cluster: 'a', runId: 'r1' });
      expect(await store.isLocked('a')).toBe(false);

      expect(await lock('r3', -1)).toBe(true); // already expired
      expect(await store.isLocked('a')).toBe(false);
      expect(await lock('r4')).toBe(true);
    });

    it('lets exactly one of many concurrent claims win', async () => {
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          store.tryLock({
            cluster: 'a',
            runId: `r${i}`,
            trigger: 'schedule',
            ttlMs: 60_000,
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  },
);

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('go up and down cleanly', async () => {
    const knex = await databases.init(databaseId);
    const directory = `${__dirname}/../../migrations`;
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('ai_conformance_runs')).toBe(true);
    expect(await knex.schema.hasTable('ai_conformance_clusters')).toBe(true);
    expect(await knex.schema.hasTable('ai_conformance_locks')).toBe(true);

    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('ai_conformance_runs')).toBe(false);
    expect(await knex.schema.hasTable('ai_conformance_clusters')).toBe(false);
    expect(await knex.schema.hasTable('ai_conformance_locks')).toBe(false);

    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('ai_conformance_runs')).toBe(true);
    await knex.destroy();
  });
});
