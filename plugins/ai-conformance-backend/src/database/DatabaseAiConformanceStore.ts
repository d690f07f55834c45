import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  ClusterProvider,
  ClusterStatus,
  isClusterProvider,
  EvaluationRun,
  EvaluationSummary,
  Scorecard,
} from '@internal/plugin-ai-conformance-common';
import { Knex } from 'knex';
import {
  AiConformanceStore,
  ClusterRecord,
  NewRun,
  RunSummaryRow,
  StoredCluster,
  StoredSummary,
} from './AiConformanceStore';
import { COLUMN_LIMITS, storable } from './storable';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-ai-conformance-backend',
  'migrations',
);

const RUNS = 'ai_conformance_runs';
const CLUSTERS = 'ai_conformance_clusters';
const LOCKS = 'ai_conformance_locks';

type RunRow = {
  id: string;
  cluster: string;
  entity_ref: string | null;
  status: string;
  message: string | null;
  kubernetes_version: string | null;
  checklist_version: string | null;
  evaluated_at: Date | string | number;
  duration_ms: number | null;
  api_requests: number | null;
  summary: string | null;
  scorecard: string | null;
  trigger: string;
  provider: string | null;
};

type ClusterRow = {
  cluster: string;
  name: string | null;
  entity_ref: string | null;
  source: string;
  owner: string | null;
  status: string;
  message: string | null;
  last_run_id: string | null;
  last_good_run_id: string | null;
  updated_at: Date | string | number;
  provider_annotation: string | null;
  lifecycle: string | null;
  /** Joined from the latest successful run. */
  last_good_summary?: string | null;
};

/** SQLite returns timestamps as numbers or strings, PostgreSQL as Dates. */
function toIso(value: Date | string | number): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function orUndefined<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

function toStoredCluster(row: ClusterRow): StoredCluster {
  return {
    cluster: row.cluster,
    name: row.name ?? row.cluster,
    entityRef: orUndefined(row.entity_ref),
    source: row.source === 'catalog' ? 'catalog' : 'config',
    owner: orUndefined(row.owner),
    status: row.status as ClusterStatus,
    message: orUndefined(row.message),
    lastRunId: orUndefined(row.last_run_id),
    lastGoodRunId: orUndefined(row.last_good_run_id),
    updatedAt: toIso(row.updated_at),
    providerAnnotation: orUndefined(row.provider_annotation),
    lifecycle: orUndefined(row.lifecycle),
    conformant: row.last_good_summary
      ? Boolean(
          (JSON.parse(row.last_good_summary) as EvaluationSummary).conformant,
        )
      : undefined,
  };
}

function toEvaluationRun(row: RunRow): EvaluationRun {
  return {
    id: row.id,
    cluster: row.cluster,
    status: row.status as ClusterStatus,
    message: orUndefined(row.message),
    kubernetesVersion: orUndefined(row.kubernetes_version),
    checklistVersion: orUndefined(row.checklist_version),
    evaluatedAt: toIso(row.evaluated_at),
    durationMs: orUndefined(row.duration_ms),
    apiRequests: orUndefined(row.api_requests),
    summary: row.summary
      ? (JSON.parse(row.summary) as EvaluationSummary)
      : undefined,
    trigger: row.trigger,
  };
}

/**
 * Stores cluster states, evaluation history and run locks with knex, on SQLite or PostgreSQL.
 *
 * @internal
 */
export class DatabaseAiConformanceStore implements AiConformanceStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseAiConformanceStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseAiConformanceStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async syncClusters(clusters: ClusterRecord[]): Promise<void> {
    const now = new Date();
    // The same order on every replica, so that two concurrent syncs lock rows in the same order.
    const sorted = [...clusters].sort((a, b) =>
      a.cluster < b.cluster ? -1 : Number(a.cluster > b.cluster),
    );
    await this.db.transaction(async tx => {
      const existing = new Map(
        (await tx<ClusterRow>(CLUSTERS).select()).map(row => [
          row.cluster,
          row,
        ]),
      );
      for (const record of sorted) {
        const previous = existing.get(record.cluster);
        existing.delete(record.cluster);
        const identity = {
          name: storable(record.name, COLUMN_LIMITS.ref),
          entity_ref: storable(record.entityRef, COLUMN_LIMITS.ref),
          source: record.source,
          owner: storable(record.owner, COLUMN_LIMITS.ref),
          provider_annotation: storable(
            record.providerAnnotation,
            COLUMN_LIMITS.ref,
          ),
          lifecycle: storable(record.lifecycle, COLUMN_LIMITS.ref),
        };
        const refusal = storable(record.refusal, COLUMN_LIMITS.message);
        if (!previous) {
          // Another replica may insert the same cluster meanwhile: then only refresh its identity.
          await tx(CLUSTERS)
            .insert({
              cluster: record.cluster,
              ...identity,
              status: refusal ? 'refused' : 'pending',
              message: refusal,
              ...(await this.latestRunIds(tx, record.cluster)),
              updated_at: now,
            })
            .onConflict('cluster')
            .merge({ ...identity, updated_at: now });
          continue;
        }
        let status = previous.status;
        let message = previous.message;
        if (refusal) {
          status = 'refused';
          message = refusal;
        } else if (previous.status === 'refused') {
          // Allowed again: it stays pending until its next evaluation.
          status = 'pending';
          message = null;
        }
        await tx(CLUSTERS)
          .where('cluster', record.cluster)
          .update({ ...identity, status, message, updated_at: now });
      }
      const gone = [...existing.keys()];
      if (gone.length > 0) {
        await tx(CLUSTERS).whereIn('cluster', gone).delete();
      }
    });
  }

  /** Clusters with the summary of their latest successful run (for `conformant`). */
  private clustersWithLatestSummary() {
    return this.db(CLUSTERS)
      .leftJoin(RUNS, `${RUNS}.id`, `${CLUSTERS}.last_good_run_id`)
      .select(`${CLUSTERS}.*`, `${RUNS}.summary as last_good_summary`);
  }

  /** The runs a returning cluster had, so that its latest scorecard is served again. */
  private async latestRunIds(
    tx: Knex.Transaction,
    cluster: string,
  ): Promise<{ last_run_id: string | null; last_good_run_id: string | null }> {
    const latest = (status?: string) => {
      const query = tx<RunRow>(RUNS).where('cluster', cluster);
      if (status) {
        query.where('status', status);
      }
      return query
        .orderBy([
          { column: 'evaluated_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .first('id');
    };
    const [last, lastGood] = await Promise.all([latest(), latest('ok')]);
    return {
      last_run_id: last?.id ?? null,
      last_good_run_id: lastGood?.id ?? null,
    };
  }

  async listClusters(): Promise<StoredCluster[]> {
    const rows = await this.clustersWithLatestSummary().orderBy(
      `${CLUSTERS}.cluster`,
      'asc',
    );
    return (rows as ClusterRow[]).map(toStoredCluster);
  }

  async getCluster(cluster: string): Promise<StoredCluster | undefined> {
    const row = await this.clustersWithLatestSummary()
      .where(`${CLUSTERS}.cluster`, cluster)
      .first();
    return row ? toStoredCluster(row as ClusterRow) : undefined;
  }

  async recordRun(run: NewRun): Promise<void> {
    const scorecard = run.scorecard;
    await this.db.transaction(async tx => {
      await tx(RUNS)
        .insert({
          id: run.id,
          cluster: run.cluster,
          entity_ref: storable(run.entityRef, COLUMN_LIMITS.ref),
          status: run.status,
          message: storable(run.message, COLUMN_LIMITS.message),
          kubernetes_version: storable(
            scorecard?.kubernetesVersion,
            COLUMN_LIMITS.kubernetesVersion,
          ),
          checklist_version: storable(
            scorecard?.checklistVersion,
            COLUMN_LIMITS.checklistVersion,
          ),
          evaluated_at: run.evaluatedAt,
          duration_ms: Math.round(run.durationMs),
          api_requests: scorecard?.apiRequests ?? null,
          summary: scorecard ? JSON.stringify(scorecard.summary) : null,
          scorecard: scorecard ? JSON.stringify(scorecard) : null,
          trigger: storable(run.trigger, COLUMN_LIMITS.trigger),
          provider: storable(scorecard?.provider?.provider, COLUMN_LIMITS.ref),
        })
        // A retry after a commit whose acknowledgement was lost must not fail on the run id.
        .onConflict('id')
        .ignore();
      await tx(CLUSTERS)
        .where('cluster', run.cluster)
        .update({
          status: run.status,
          message: storable(run.message, COLUMN_LIMITS.message),
          last_run_id: run.id,
          ...(run.status === 'ok' ? { last_good_run_id: run.id } : {}),
          updated_at: run.evaluatedAt,
        });
    });
  }

  async getLatestScorecard(cluster: string): Promise<Scorecard | undefined> {
    const scorecards = await this.getLatestScorecards([cluster]);
    return scorecards.get(cluster);
  }

  /** Columns of the latest good run of each of the clusters, with `cluster`. */
  private async latestGoodRuns<K extends keyof RunRow>(
    clusters: string[],
    columns: K[],
  ): Promise<Array<Pick<RunRow, K | 'cluster'>>> {
    if (clusters.length === 0) {
      return [];
    }
    const rows: unknown[] = await this.db(CLUSTERS)
      .join(RUNS, `${RUNS}.id`, `${CLUSTERS}.last_good_run_id`)
      .whereIn(`${CLUSTERS}.cluster`, clusters)
      .select(
        `${CLUSTERS}.cluster as cluster`,
        ...columns.map(c => `${RUNS}.${String(c)} as ${String(c)}`),
      );
    return rows as Array<Pick<RunRow, K | 'cluster'>>;
  }

  async getLatestScorecards(
    clusters: string[],
  ): Promise<Map<string, Scorecard>> {
    const result = new Map<string, Scorecard>();
    for (const row of await this.latestGoodRuns(clusters, ['scorecard'])) {
      if (row.scorecard) {
        result.set(row.cluster, JSON.parse(row.scorecard) as Scorecard);
      }
    }
    return result;
  }

  async getLatestSummaries(
    clusters: string[],
  ): Promise<Map<string, StoredSummary>> {
    const result = new Map<string, StoredSummary>();
    const rows = await this.latestGoodRuns(clusters, [
      'kubernetes_version',
      'checklist_version',
      'evaluated_at',
      'summary',
      'provider',
    ]);
    for (const row of rows) {
      if (!row.summary || !row.checklist_version) {
        continue;
      }
      result.set(row.cluster, {
        kubernetesVersion: row.kubernetes_version ?? '',
        checklistVersion: row.checklist_version,
        evaluatedAt: toIso(row.evaluated_at),
        summary: JSON.parse(row.summary) as EvaluationSummary,
        // Only the provider is stored beside the summary; its evidence stays in the scorecard.
        provider: isClusterProvider(row.provider)
          ? {
              provider: row.provider,
              source: 'detected',
              reason: 'detected from the cluster when it was evaluated',
            }
          : undefined,
      });
    }
    return result;
  }

  async listRunSummaries(options: {
    clusters: string[];
    since: Date;
    until: Date;
  }): Promise<RunSummaryRow[]> {
    if (options.clusters.length === 0) {
      return [];
    }
    const columns = ['cluster', 'evaluated_at', 'provider', 'summary'];
    const inWindow = await this.db<RunRow>(RUNS)
      .where('status', 'ok')
      .whereIn('cluster', options.clusters)
      .whereBetween('evaluated_at', [options.since, options.until])
      .orderBy('evaluated_at', 'asc')
      .select(columns);
    const latestBefore = this.db(RUNS)
      .where('status', 'ok')
      .whereIn('cluster', options.clusters)
      .where('evaluated_at', '<', options.since)
      .groupBy('cluster')
      .select('cluster')
      .max('evaluated_at as latest');
    const baseline = await this.db(`${RUNS} as r`)
      .join(latestBefore.as('b'), join =>
        join
          .on('r.cluster', '=', 'b.cluster')
          .andOn('r.evaluated_at', '=', 'b.latest'),
      )
      .where('r.status', 'ok')
      .select(columns.map(c => `r.${c} as ${c}`));
    return [...baseline, ...inWindow].map(row => {
      const r = row as Pick<
        RunRow,
        'cluster' | 'evaluated_at' | 'provider' | 'summary'
      >;
      const provider: ClusterProvider | undefined = isClusterProvider(
        r.provider,
      )
        ? r.provider
        : undefined;
      return {
        cluster: r.cluster,
        evaluatedAt: toIso(r.evaluated_at),
        provider,
        summary: JSON.parse(r.summary ?? '{}') as EvaluationSummary,
      };
    });
  }

  async listRuns(
    cluster: string,
    options: { limit: number },
  ): Promise<EvaluationRun[]> {
    const rows = await this.db<RunRow>(RUNS)
      .where('cluster', cluster)
      .orderBy([
        { column: 'evaluated_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit)
      .select(
        'id',
        'cluster',
        'entity_ref',
        'status',
        'message',
        'kubernetes_version',
        'checklist_version',
        'evaluated_at',
        'duration_ms',
        'api_requests',
        'summary',
        'trigger',
      );
    return rows.map(row => toEvaluationRun(row as RunRow));
  }

  async deleteRunsBefore(before: Date): Promise<number> {
    const keep = this.db(CLUSTERS)
      .select('last_run_id as id')
      .whereNotNull('last_run_id')
      .union(q =>
        q
          .from(CLUSTERS)
          .select('last_good_run_id as id')
          .whereNotNull('last_good_run_id'),
      );
    return await this.db(RUNS)
      .where('evaluated_at', '<', before)
      .whereNotIn('id', keep)
      .delete();
  }

  async tryLock(options: {
    cluster: string;
    runId: string;
    trigger: string;
    ttlMs: number;
  }): Promise<boolean> {
    const now = new Date();
    await this.db(LOCKS)
      .where('cluster', options.cluster)
      .where('expires_at', '<', now)
      .delete();
    await this.db(LOCKS)
      .insert({
        cluster: options.cluster,
        run_id: options.runId,
        trigger: storable(options.trigger, COLUMN_LIMITS.trigger),
        expires_at: new Date(now.getTime() + options.ttlMs),
      })
      .onConflict('cluster')
      .ignore();
    const holder = await this.db(LOCKS)
      .where('cluster', options.cluster)
      .first('run_id');
    return holder?.run_id === options.runId;
  }

  async unlock(options: { cluster: string; runId: string }): Promise<void> {
    await this.db(LOCKS)
      .where({ cluster: options.cluster, run_id: options.runId })
      .delete();
  }

  async isLocked(cluster: string): Promise<boolean> {
    const row = await this.db(LOCKS)
      .where('cluster', cluster)
      .where('expires_at', '>=', new Date())
      .first('cluster');
    return Boolean(row);
  }
}
