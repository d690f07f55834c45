import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseAiConformanceStore } from '../database/DatabaseAiConformanceStore';
import { makeScorecard } from '../__testUtils__/scorecards';
import { HistoryCleaner } from './HistoryCleaner';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('HistoryCleaner', () => {
  it('deletes runs older than the retention period and keeps the rest', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseAiConformanceStore.create({
      database: mockServices.database({ knex }),
    });
    await store.syncClusters([{ cluster: 'a', name: 'a', source: 'config' }]);
    const now = new Date('2026-11-29T00:00:00Z');
    const daysAgo = (days: number) =>
      new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
    for (const [id, days] of [
      ['100-days', 100],
      ['40-days', 40],
      ['10-days', 10],
      ['today', 0],
    ] as const) {
      await store.recordRun({
        id,
        cluster: 'a',
        status: 'ok',
        trigger: 'schedule',
        evaluatedAt: daysAgo(days),
        durationMs: 1,
        scorecard: makeScorecard('a'),
      });
    }

    const cleaner = new HistoryCleaner({
      store,
      retentionDays: 30,
      logger: mockServices.logger.mock(),
    });
    expect(await cleaner.clean(now)).toBe(2);
    const ids = (await store.listRuns('a', { limit: 10 })).map(r => r.id);
    expect(ids).toEqual(['today', '10-days']);
    await knex.destroy();
  });
});
