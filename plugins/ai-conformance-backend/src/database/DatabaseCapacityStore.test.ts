import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { makeCapacitySnapshot } from '../__testUtils__/capacitySnapshots';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { DatabaseCapacityStore } from './DatabaseCapacityStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

const snapshot = makeCapacitySnapshot;

describe.each(databases.eachSupportedId())(
  'DatabaseCapacityStore on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseCapacityStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseCapacityStore.create({
        database: mockServices.database({ knex }),
      });
    });

    afterEach(async () => {
      await knex.destroy();
    });

    it('keeps history and serves the newest snapshot, the trend and the fleet figures', async () => {
      await store.addSnapshot({
        id: 'a1',
        cluster: 'a',
        runId: 'r1',
        snapshot: snapshot('2026-12-01T10:00:00.000Z', 2),
      });
      await store.addSnapshot({
        id: 'a2',
        cluster: 'a',
        snapshot: snapshot('2026-12-02T10:00:00.000Z', 5),
      });
      await store.addSnapshot({
        id: 'b1',
        cluster: 'b',
        entityRef: 'resource:default/b',
        snapshot: snapshot('2026-12-01T12:00:00.000Z', 1, 2),
      });

      expect(await store.getLatestCapacity('a')).toMatchObject({
        cluster: 'a',
        takenAt: '2026-12-02T10:00:00.000Z',
        totals: { devices: { allocated: 5 } },
      });
      expect(await store.getLatestCapacity('none')).toBeUndefined();
      expect(
        (await store.listCapacityTrend('a', 10)).map(p => [
          p.takenAt,
          p.devices.allocated,
          p.pending,
        ]),
      ).toEqual([
        ['2026-12-01T10:00:00.000Z', 2, 4],
        ['2026-12-02T10:00:00.000Z', 5, 4],
      ]);
      expect(
        (await store.listCapacityTrend('a', 1)).map(p => p.takenAt),
      ).toEqual(['2026-12-02T10:00:00.000Z']);

      const fleet = await store.getFleetCapacity(['a', 'b', 'c']);
      expect(
        fleet.map(f => [f.cluster, f.takenAt, f.totals.physical, f.entityRef]),
      ).toEqual([
        ['a', '2026-12-02T10:00:00.000Z', 8, undefined],
        ['b', '2026-12-01T12:00:00.000Z', 16, 'resource:default/b'],
      ]);
      expect(fleet[0]).not.toHaveProperty('nodes');
      expect(await store.getFleetCapacity(['b'])).toHaveLength(1);
      expect(await store.getFleetCapacity([])).toEqual([]);
      expect(
        (await store.getLatestCapacities(['a', 'b'])).map(c => [
          c.cluster,
          c.takenAt,
        ]),
      ).toEqual([
        ['a', '2026-12-02T10:00:00.000Z'],
        ['b', '2026-12-01T12:00:00.000Z'],
      ]);
    });

    it("retention deletes old snapshots but keeps each cluster's newest", async () => {
      await store.addSnapshot({
        id: 'a1',
        cluster: 'a',
        snapshot: snapshot('2026-11-01T10:00:00.000Z', 2),
      });
      await store.addSnapshot({
        id: 'a2',
        cluster: 'a',
        snapshot: snapshot('2026-11-02T10:00:00.000Z', 3),
      });
      await store.addSnapshot({
        id: 'b1',
        cluster: 'b',
        snapshot: snapshot('2026-11-01T10:00:00.000Z', 1),
      });
      expect(
        await store.deleteCapacityOlderThan(new Date('2026-12-01T00:00:00Z')),
      ).toBe(1);
      expect(
        (await store.listCapacityTrend('a', 10)).map(p => p.takenAt),
      ).toEqual(['2026-11-02T10:00:00.000Z']);
      expect(await store.listCapacityTrend('b', 10)).toHaveLength(1);
    });
  },
);
