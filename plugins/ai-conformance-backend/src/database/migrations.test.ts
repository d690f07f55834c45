import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-ai-conformance-backend',
  'migrations',
);

async function migrateTo(knex: Knex, name: string) {
  await knex.migrate.up({ directory: migrationsDir, name });
}

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  it.each(databases.eachSupportedId())(
    'move name-keyed runs and clusters to identities and back (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateTo(knex, '20261129_init.js');
      const at = new Date('2026-11-30T00:00:00Z');
      const run = (id: string, cluster: string, entityRef: string | null) => ({
        id,
        cluster,
        entity_ref: entityRef,
        status: 'ok',
        evaluated_at: at,
        trigger: 'schedule',
      });
      await knex('ai_conformance_runs').insert([
        run('r1', 'gpu-prod', 'Resource:default/GPU-prod'),
        run('r2', 'lab', null),
      ]);
      await knex('ai_conformance_clusters').insert([
        {
          cluster: 'gpu-prod',
          entity_ref: 'Resource:default/GPU-prod',
          source: 'catalog',
          owner: 'group:default/ml',
          status: 'ok',
          last_run_id: 'r1',
          last_good_run_id: 'r1',
          updated_at: at,
        },
        {
          cluster: 'lab',
          source: 'config',
          status: 'ok',
          last_run_id: 'r2',
          updated_at: at,
        },
      ]);
      await knex('ai_conformance_locks').insert({
        cluster: 'lab',
        run_id: 'r3',
        trigger: 'schedule',
        expires_at: at,
      });

      await migrateTo(knex, '20261203_layer8_clusterIdentity.js');
      expect(
        await knex('ai_conformance_runs').select('id', 'cluster').orderBy('id'),
      ).toEqual([
        { id: 'r1', cluster: 'resource:default/gpu-prod' },
        { id: 'r2', cluster: 'config:lab' },
      ]);
      expect(
        await knex('ai_conformance_clusters')
          .select('cluster', 'name', 'owner', 'last_good_run_id')
          .orderBy('cluster'),
      ).toEqual([
        {
          cluster: 'config:lab',
          name: 'lab',
          owner: null,
          last_good_run_id: null,
        },
        {
          cluster: 'resource:default/gpu-prod',
          name: 'gpu-prod',
          owner: 'group:default/ml',
          last_good_run_id: 'r1',
        },
      ]);
      expect(
        Number((await knex('ai_conformance_locks').count('* as n'))[0].n),
      ).toBe(0);

      await knex.migrate.down({ directory: migrationsDir });
      expect(
        await knex('ai_conformance_runs').select('id', 'cluster').orderBy('id'),
      ).toEqual([
        { id: 'r1', cluster: 'gpu-prod' },
        { id: 'r2', cluster: 'lab' },
      ]);
      expect(
        (
          await knex('ai_conformance_clusters')
            .select('cluster')
            .orderBy('cluster')
        ).map(r => r.cluster),
      ).toEqual(['gpu-prod', 'lab']);
    },
    60_000,
  );
});
