import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
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

let seq = 0;
const nextId = () =>
  `00000000-0000-0000-0000-${String(++seq).padStart(12, '0')}`;

describe.each(databases.eachSupportedId())(
  'run summaries, provider and catalog fields on %p',
  databaseId => {
    it('returns the window plus the latest successful run before it, with the detected provider', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.syncClusters([
        {
          cluster: 'a',
          name: 'a',
          source: 'catalog',
          providerAnnotation: 'azure',
          lifecycle: 'production',
        },
        { cluster: 'b', name: 'b', source: 'config' },
      ]);
      const record = (cluster: string, at: string, ok = true) =>
        store.recordRun({
          id: nextId(),
          cluster,
          status: ok ? 'ok' : 'error',
          message: ok ? undefined : 'unreachable',
          trigger: 'schedule',
          evaluatedAt: new Date(at),
          durationMs: 10,
          scorecard: ok
            ? {
                ...makeScorecard(cluster, { evaluatedAt: at }),
                provider: {
                  provider: 'aws',
                  source: 'detected',
                  reason: 'node label eks.amazonaws.com/nodegroup',
                },
              }
            : undefined,
        });
      await record('a', '2026-11-01T00:00:00.000Z'); // before the baseline
      await record('a', '2026-11-05T00:00:00.000Z'); // baseline of a
      await record('a', '2026-11-12T00:00:00.000Z');
      await record('a', '2026-11-13T00:00:00.000Z', false); // failed: not a summary
      await record('b', '2026-11-14T00:00:00.000Z');
      await record('b', '2026-11-30T00:00:00.000Z'); // after the window

      const rows = await store.listRunSummaries({
        clusters: ['a', 'b'],
        since: new Date('2026-11-10T00:00:00.000Z'),
        until: new Date('2026-11-20T00:00:00.000Z'),
      });
      expect(rows.map(r => [r.cluster, r.evaluatedAt, r.provider])).toEqual([
        ['a', '2026-11-05T00:00:00.000Z', 'aws'],
        ['a', '2026-11-12T00:00:00.000Z', 'aws'],
        ['b', '2026-11-14T00:00:00.000Z', 'aws'],
      ]);
      expect(rows[0].summary.mustFailed).toBe(0);

      const [a] = await store.listClusters();
      expect(a).toMatchObject({
        providerAnnotation: 'azure',
        lifecycle: 'production',
      });
      await knex.destroy();
    });
  },
);
