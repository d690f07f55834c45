import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  ClusterFacts,
  FactKey,
  SERVING_FACTS,
  discoverModelServers,
} from '@internal/plugin-ai-conformance-node';
import { MODEL_SERVER_ANNOTATIONS as A } from './annotations';
import {
  EntityOptions,
  ModelServingCluster,
  clusterEntities,
  locationKey,
} from './entities';

/**
 * How the provider reaches clusters: the shared cluster registry and reader (see
 * `clusterRegistryAccess`), or anything else that gathers facts.
 *
 * @public
 */
export interface ModelServingClusterAccess {
  /** Every cluster known; `refusal` set for a cluster that will not be contacted (and why). */
  listClusters(): Promise<Array<ModelServingCluster & { refusal?: string }>>;
  /** One gather of the facts on a cluster; rejects when the cluster cannot be read at all. */
  gatherFacts(
    cluster: ModelServingCluster,
    keys: FactKey[],
  ): Promise<ClusterFacts>;
}

/**
 * How the model-server provider reads clusters and writes entities.
 *
 * @public
 */
export interface ModelServerEntityProviderOptions {
  /** The clusters and one gather per cluster (see {@link clusterRegistryAccess}). */
  access: ModelServingClusterAccess;
  /** Which clusters are read: registry ids, or `*` for all. */
  enabledClusters: string[];
  /** Ownership rules and naming of the entities. */
  entityOptions: EntityOptions;
  /** The schedule of the refreshes. */
  taskRunner: SchedulerServiceTaskRunner;
  /** Where refresh failures are logged (per cluster). */
  logger: LoggerService;
  /** The provider's entities already in the catalog (read once, so a restart keeps stale ones). */
  loadExisting?: () => Promise<Entity[]>;
  /** The clock; tests pass their own. */
  now?: () => Date;
}

/** What discovery facts are gathered for (namespaces: owner and system labels). */
const KEYS: FactKey[] = [...SERVING_FACTS, 'namespaces'];

/** Key-order independent JSON, to tell a changed entity from an unchanged one. */
function fingerprint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter(k => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map(
        k =>
          `${JSON.stringify(k)}:${fingerprint(
            (value as Record<string, unknown>)[k],
          )}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The entity as it was, marked stale with the reason (the first stale time is kept). */
function markStale(entity: Entity, reason: string, now: Date): Entity {
  const annotations = entity.metadata.annotations ?? {};
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...annotations,
        [A.status]: 'stale',
        [A.statusReason]: reason,
        [A.staleSince]: annotations[A.staleSince] ?? now.toISOString(),
      },
    },
  };
}

/**
 * The outcome of one refresh on one cluster.
 *
 * @public
 */
export interface ClusterRefreshResult {
  /** The cluster's identity. */
  cluster: string;
  /** `live`: read fully; `partial`: some reads failed; `stale`: unreadable, entities kept; `skipped`: refused. */
  status: 'live' | 'partial' | 'stale' | 'skipped';
  /** How many model servers were found. */
  servers: number;
  /** Why the cluster is partial, stale or skipped. */
  message?: string;
}

/**
 * Puts every model server of the enabled clusters into the catalog: a `Component`
 * (`model-server`), an `API` for its endpoint and a `Resource` (`ai-model`) per model. Mutations
 * are deltas of what changed. A cluster that cannot be read keeps its last entities, marked
 * stale; facts that cannot be read keep the servers they would carry, marked stale too.
 *
 * @public
 */
export class ModelServerEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** Entities last applied, per cluster id, by entity ref. */
  private readonly state = new Map<
    string,
    Map<string, { entity: Entity; print: string }>
  >();
  private seeded = false;

  constructor(private readonly options: ModelServerEntityProviderOptions) {}

  /** The provider's name, under which the catalog keeps its entities. */
  getProviderName(): string {
    return 'ai-conformance-model-servers';
  }

  /** Starts the scheduled refreshes, writing through the catalog's connection. */
  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  private enabled(cluster: ModelServingCluster): boolean {
    const list = this.options.enabledClusters;
    return (
      list.includes('*') ||
      list.includes(cluster.id) ||
      list.includes(cluster.name)
    );
  }

  private async seed(): Promise<void> {
    if (this.seeded || !this.options.loadExisting) {
      this.seeded = true;
      return;
    }
    try {
      for (const entity of await this.options.loadExisting()) {
        const clusterId = entity.metadata.annotations?.[A.cluster];
        if (!clusterId) continue;
        const byRef = this.state.get(clusterId) ?? new Map();
        byRef.set(stringifyEntityRef(entity), {
          entity,
          print: fingerprint(entity),
        });
        this.state.set(clusterId, byRef);
      }
      this.seeded = true;
    } catch (error) {
      // Try again next time; until then a cluster that is down has no last entities to keep.
      this.options.logger.warn(
        `Could not read the existing model-server entities: ${
          (error as Error).message
        }`,
      );
    }
  }

  /** Reads every enabled cluster and applies what changed. */
  async refresh(): Promise<ClusterRefreshResult[]> {
    if (!this.connection)
      throw new Error('ModelServerEntityProvider is not connected');
    await this.seed();
    const now = (this.options.now ?? (() => new Date()))();
    const clusters = await this.options.access.listClusters();
    const results: ClusterRefreshResult[] = [];
    const next = new Map<string, Entity[]>();
    for (const cluster of clusters) {
      if (!this.enabled(cluster)) continue;
      const previous = [...(this.state.get(cluster.id)?.values() ?? [])].map(
        v => v.entity,
      );
      if (cluster.refusal) {
        next.set(
          cluster.id,
          previous.map(e =>
            markStale(e, `cluster refused: ${cluster.refusal}`, now),
          ),
        );
        results.push({
          cluster: cluster.id,
          status: 'skipped',
          servers: 0,
          message: cluster.refusal,
        });
        continue;
      }
      next.set(
        cluster.id,
        await this.readCluster(cluster, previous, now, results),
      );
    }
    await this.apply(next);
    return results;
  }

  private async readCluster(
    cluster: ModelServingCluster,
    previous: Entity[],
    now: Date,
    results: ClusterRefreshResult[],
  ): Promise<Entity[]> {
    try {
      const facts = await this.options.access.gatherFacts(cluster, KEYS);
      const discovery = discoverModelServers(facts);
      const namespaces = facts.facts.namespaces?.ok
        ? facts.facts.namespaces.value
        : [];
      const entities = clusterEntities(
        cluster,
        discovery.servers,
        namespaces,
        this.options.entityOptions,
      );
      if (!discovery.unreadable.length) {
        results.push({
          cluster: cluster.id,
          status: 'live',
          servers: discovery.servers.length,
        });
        return entities;
      }
      // Servers of unreadable kinds are unknown, not gone: keep their last entities, stale.
      const reason = `could not read ${discovery.unreadable
        .map(u => `${u.fact} (${u.error})`)
        .join('; ')}`;
      const fresh = new Set(entities.map(e => stringifyEntityRef(e)));
      const kept = previous
        .filter(e => !fresh.has(stringifyEntityRef(e)))
        .map(e => markStale(e, reason, now));
      results.push({
        cluster: cluster.id,
        status: 'partial',
        servers: discovery.servers.length,
        message: reason,
      });
      this.options.logger.warn(`Model servers on ${cluster.id}: ${reason}`);
      return [...entities, ...kept];
    } catch (error) {
      const message = (error as Error).message;
      this.options.logger.warn(
        `Model servers on ${cluster.id} could not be read; keeping the last ${previous.length} entities as stale: ${message}`,
      );
      results.push({
        cluster: cluster.id,
        status: 'stale',
        servers: 0,
        message,
      });
      return previous.map(e =>
        markStale(e, `cluster unreachable: ${message}`, now),
      );
    }
  }

  /** Sends one delta with the entities that are new or changed and those that are gone. */
  private async apply(next: Map<string, Entity[]>): Promise<void> {
    const added: Array<{ entity: Entity; locationKey: string }> = [];
    const removed: Array<{ entityRef: string; locationKey: string }> = [];
    const clusterIds = new Set([...this.state.keys(), ...next.keys()]);
    for (const id of clusterIds) {
      const before = this.state.get(id) ?? new Map();
      const after = new Map<string, { entity: Entity; print: string }>();
      const key = locationKey({ id, name: id });
      for (const entity of next.get(id) ?? []) {
        const ref = stringifyEntityRef(entity);
        if (after.has(ref)) continue;
        const print = fingerprint(entity);
        after.set(ref, { entity, print });
        if (before.get(ref)?.print !== print)
          added.push({ entity, locationKey: key });
      }
      for (const ref of before.keys()) {
        if (!after.has(ref)) removed.push({ entityRef: ref, locationKey: key });
      }
      if (after.size) this.state.set(id, after);
      else this.state.delete(id);
    }
    if (added.length || removed.length) {
      await this.connection!.applyMutation({ type: 'delta', added, removed });
    }
  }
}
