import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  CapacitySnapshot,
  CapacityTrendPoint,
  ClusterCapacity,
  FleetCapacityCluster,
  trendPoint,
} from '@internal/plugin-ai-conformance-common';
import { Knex } from 'knex';
import { CapacityStore, NewCapacitySnapshot } from './CapacityStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-ai-conformance-backend',
  'migrations',
);

const SNAPSHOTS = 'ai_conformance_capacity_snapshots';

type Row = {
  id: string;
  cluster: string;
  taken_at: Date | string | number;
  trend: string;
  fleet: string;
  snapshot: string;
};

/** The figures of the fleet view: everything but per-node rows and DRA devices. */
function fleetFigures(
  cluster: string,
  entityRef: string | undefined,
  s: CapacitySnapshot,
): FleetCapacityCluster {
  return {
    cluster,
    entityRef,
    takenAt: s.takenAt,
    provider: s.provider,
    totals: s.totals,
    models: s.models,
    pendingPods: s.pending.pods.length,
    unknown: s.unknown.length,
  };
}

/**
 * Stores capacity snapshots with knex, on SQLite or PostgreSQL. The newest snapshot per
 * cluster is found with one grouped subquery, so the fleet view costs one query.
 *
 * @internal
 */
export class DatabaseCapacityStore implements CapacityStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseCapacityStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseCapacityStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async addSnapshot(s: NewCapacitySnapshot): Promise<void> {
    const { totals } = s.snapshot;
    await this.db(SNAPSHOTS).insert({
      id: s.id,
      cluster: s.cluster,
      run_id: s.runId ?? null,
      taken_at: new Date(s.snapshot.takenAt),
      physical: totals.physical,
      allocatable: totals.devices.allocatable,
      allocated: totals.devices.allocated,
      free: totals.devices.free,
      trend: JSON.stringify(trendPoint(s.snapshot)),
      fleet: JSON.stringify(fleetFigures(s.cluster, s.entityRef, s.snapshot)),
      snapshot: JSON.stringify(s.snapshot),
    });
  }

  /** Rows of the newest snapshot of each cluster (ties on taken_at broken by id). */
  private latestRows(clusters: string[], columns: string[]): Promise<Row[]> {
    if (!clusters.length) return Promise.resolve([]);
    const newest = this.db(SNAPSHOTS)
      .select('cluster')
      .max({ taken_at: 'taken_at' })
      .whereIn('cluster', clusters)
      .groupBy('cluster')
      .as('newest');
    return this.db(`${SNAPSHOTS} as s`)
      .join(newest, join =>
        join
          .on('s.cluster', '=', 'newest.cluster')
          .andOn('s.taken_at', '=', 'newest.taken_at'),
      )
      .select(columns.map(c => `s.${c}`))
      .orderBy([{ column: 's.cluster' }, { column: 's.id' }]);
  }

  async getLatestCapacity(
    cluster: string,
  ): Promise<ClusterCapacity | undefined> {
    const row = await this.db<Row>(SNAPSHOTS)
      .where({ cluster })
      .orderBy([
        { column: 'taken_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first('snapshot');
    return row
      ? { ...(JSON.parse(row.snapshot) as CapacitySnapshot), cluster }
      : undefined;
  }

  async getLatestCapacities(clusters: string[]): Promise<ClusterCapacity[]> {
    const rows = await this.latestRows(clusters, ['cluster', 'snapshot']);
    return dedupe(rows).map(r => ({
      ...(JSON.parse(r.snapshot) as CapacitySnapshot),
      cluster: r.cluster,
    }));
  }

  async getFleetCapacity(clusters: string[]): Promise<FleetCapacityCluster[]> {
    const rows = await this.latestRows(clusters, ['cluster', 'fleet']);
    return dedupe(rows).map(r => JSON.parse(r.fleet) as FleetCapacityCluster);
  }

  async listCapacityTrend(
    cluster: string,
    limit: number,
  ): Promise<CapacityTrendPoint[]> {
    const rows = await this.db<Row>(SNAPSHOTS)
      .where({ cluster })
      .orderBy([
        { column: 'taken_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit)
      .select('trend');
    return rows.reverse().map(r => JSON.parse(r.trend) as CapacityTrendPoint);
  }

  async deleteCapacityOlderThan(date: Date): Promise<number> {
    const newest = this.db(SNAPSHOTS)
      .select('cluster')
      .max({ taken_at: 'taken_at' })
      .groupBy('cluster');
    const keep = await newest;
    let deleted = 0;
    for (const k of keep as Array<{
      cluster: string;
      taken_at: Date | string | number;
    }>) {
      deleted += await this.db(SNAPSHOTS)
        .where('cluster', k.cluster)
        .andWhere('taken_at', '<', date)
        .andWhere(
          'taken_at',
          '<',
          k.taken_at instanceof Date ? k.taken_at : new Date(k.taken_at),
        )
        .delete();
    }
    return deleted;
  }
}

/** One row per cluster even when two snapshots share the newest timestamp. */
function dedupe(rows: Row[]): Row[] {
  const seen = new Set<string>();
  return rows.filter(r =>
    seen.has(r.cluster) ? false : (seen.add(r.cluster), true),
  );
}
