import {
  AuditorService,
  AuditorServiceEvent,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { Scorecard } from '@internal/plugin-ai-conformance-common';
import { randomUUID } from 'node:crypto';
import type { RegisteredCluster } from '@internal/plugin-ai-conformance-node';
import type {
  AiConformanceClusterRegistry,
  ClusterConnection,
} from '@internal/plugin-ai-conformance-node/backstage';
import { AiConformanceConfig } from '../config/readAiConformanceConfig';
import {
  AiConformanceStore,
  NewRun,
  StoredCluster,
} from '../database/AiConformanceStore';
import { CapacityStore } from '../database/CapacityStore';
import { CapacitySnapshot } from '@internal/plugin-ai-conformance-common';
import { AiConformanceEngine } from '../engine/AiConformanceEngine';
import {
  describeEvaluationError,
  EvaluationTimeoutError,
  logDetailOf,
  withoutStack,
} from './describeEvaluationError';
import type { RecordedScorecard } from '../notifications/ConformanceNotifier';
import { carryForwardProbeResults } from './carryForwardProbeResults';
import { ConcurrencyLimiter } from './ConcurrencyLimiter';
import { redactStrings } from './redactStrings';
import {
  DEFAULT_DATABASE_RETRY_DELAYS_MS,
  retryDatabaseWrite,
} from './retryDatabaseWrite';
import { RunNowRateLimiter } from './RunNowRateLimiter';

/** "Run now" requests that may wait for a slot; more are refused (503). */
const MAX_QUEUED_RUNS = 100;
/** How long a probe's verdict is carried into passive scorecards by default (two weekly rounds). */
const DEFAULT_PROBE_EVIDENCE_MAX_AGE_MS = 14 * 24 * 3_600_000;
/** How long shutdown waits for evaluations to stop and probes to clean up. */
const SHUTDOWN_WAIT_MS = 20_000;
/** Extra time the engine gets past its own budget before the backend gives up on it. */
function graceMs(clusterTimeoutMs: number): number {
  return Math.min(5_000, clusterTimeoutMs);
}

/** @internal */
export interface EvaluationRequest {
  /** `schedule`, `schedule:probes`, or the user entity ref of a "run now". */
  trigger: string;
  activeProbes: boolean;
  /** An audit event to complete when the run ends; created here when absent. */
  auditEvent?: AuditorServiceEvent;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/**
 * Evaluates clusters: asks the cluster registry for them, keeps the store's cluster list
 * current, runs the engine with a bounded concurrency and a per-cluster budget, and records
 * every run (failed ones too). One cluster's failure never reaches another. Runs and locks are
 * keyed by the cluster's identity (entity ref or `config:<name>`).
 *
 * @internal
 */
export class ClusterEvaluationService {
  constructor(
    private readonly options: {
      store: AiConformanceStore;
      engine: AiConformanceEngine;
      registry: AiConformanceClusterRegistry;
      config: AiConformanceConfig;
      logger: LoggerService;
      auditor: AuditorService;
      /** Told about every successful run with the cluster's previous scorecard (notifications). */
      onScorecard?: (event: RecordedScorecard) => Promise<void>;
      /** Where capacity snapshots taken with the evaluations go; none: no snapshots. */
      capacity?: CapacityStore;
      /** "Run now" per user; default 10 per 10 minutes. */
      rateLimiter?: RunNowRateLimiter;
      /** Waits between attempts of a database write; default about 30 s in all. */
      databaseRetryDelaysMs?: readonly number[];
      /** How long probe verdicts are carried into passive scorecards; default 14 days. */
      probeEvidenceMaxAgeMs?: number;
    },
  ) {
    this.limiter = new ConcurrencyLimiter(options.config.concurrency);
    this.rateLimiter =
      options.rateLimiter ??
      new RunNowRateLimiter({ limit: 10, windowMs: 10 * 60_000 });
  }

  /** Scheduled rounds and "run now" share this limit. */
  private readonly limiter: ConcurrencyLimiter;
  private readonly rateLimiter: RunNowRateLimiter;
  /** Clusters (by identity) with a "run now" waiting for a slot in this replica. */
  private readonly queued = new Set<string>();
  /** Evaluations in flight in this replica, to abort and await on shutdown. */
  private readonly inFlight = new Map<AbortController, Promise<unknown>>();
  private stopping = false;

  private get retryDelays() {
    return (
      this.options.databaseRetryDelaysMs ?? DEFAULT_DATABASE_RETRY_DELAYS_MS
    );
  }

  /**
   * Stops this replica's evaluations for a backend shutdown (the lifecycle's shutdown hook):
   * nothing new starts, running evaluations are aborted, and their active probes delete what
   * they created before this resolves (bounded by a 20 s wait).
   */
  async shutdown(): Promise<void> {
    this.stopping = true;
    for (const controller of this.inFlight.keys()) controller.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(this.inFlight.values()),
      new Promise(resolve => {
        timer = setTimeout(resolve, SHUTDOWN_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  /** Asks the registry for the current clusters and syncs the store's cluster list. */
  async refresh(): Promise<RegisteredCluster[]> {
    const { registry, store, logger } = this.options;
    const clusters = await registry.listClusters({ refresh: true });
    const records = clusters.map(c => ({
      cluster: c.id,
      name: c.name,
      entityRef: c.entityRef,
      source: c.source,
      owner: c.owner,
      refusal: c.refusal,
      providerAnnotation: c.providerAnnotation,
      lifecycle: c.lifecycle,
    }));
    await retryDatabaseWrite(
      'sync the cluster list',
      () => store.syncClusters(records),
      { delaysMs: this.retryDelays, logger },
    );
    return clusters;
  }

  /**
   * The refresh task: syncs the cluster list, then evaluates the clusters that have no run yet
   * (registered in the catalog or config since the last round, or listed before the catalog had
   * them at startup), so a new cluster gets a scorecard within one refresh period instead of
   * waiting for the next scheduled round. Never throws; failures are logged like a round's.
   */
  async refreshAndEvaluateNew(signal?: AbortSignal): Promise<void> {
    const { store, logger } = this.options;
    let clusters: RegisteredCluster[];
    let neverRun: Set<string>;
    try {
      clusters = await this.refresh();
      neverRun = new Set(
        (await store.listClusters())
          .filter(c => !c.lastRunId)
          .map(c => c.cluster),
      );
    } catch (error) {
      logger.warn(
        `Could not refresh the cluster list: ${describeEvaluationError(error)}`,
      );
      return;
    }
    const added = clusters.filter(c => !c.refusal && neverRun.has(c.id));
    if (added.length === 0) return;
    logger.info(`Evaluating ${added.length} newly registered cluster(s)`);
    await this.evaluateAll(
      added,
      { trigger: 'schedule', activeProbes: false },
      signal,
    );
  }

  /**
   * The stored cluster, syncing the store first when the registry announces a cluster the store
   * does not know yet (a "run now" that arrives before the first sync after startup or after
   * the catalog added it). Unknown identities cost a cached registry lookup, no sync; concurrent
   * callers share one sync.
   */
  async getStoredCluster(id: string): Promise<StoredCluster | undefined> {
    const { store, registry } = this.options;
    const stored = await store.getCluster(id);
    if (stored || !(await registry.getCluster(id))) return stored;
    this.syncing ??= this.refresh()
      .then(() => undefined)
      .finally(() => {
        this.syncing = undefined;
      });
    await this.syncing;
    return store.getCluster(id);
  }

  /** The sync started by getStoredCluster, shared by concurrent callers. */
  private syncing?: Promise<void>;

  /**
   * The scheduled task: evaluates every cluster that is not refused. Never throws; a cluster
   * under evaluation elsewhere (another replica, a "run now") is skipped. Passive only, unless
   * `probes` is set: then only the clusters with active probes enabled are evaluated, with them
   * (the probe round has its own schedule).
   */
  async evaluateFleet(
    signal?: AbortSignal,
    options: { probes?: boolean } = {},
  ): Promise<void> {
    const { logger, config } = this.options;
    let clusters: RegisteredCluster[];
    try {
      clusters = await this.refresh();
    } catch (error) {
      logger.error(
        `Could not list clusters, nothing was evaluated this round: ${describeEvaluationError(
          error,
        )}`,
      );
      return;
    }
    const runnable = clusters.filter(
      c => !c.refusal && (!options.probes || c.activeProbes),
    );
    logger.info(
      `Evaluating ${runnable.length} cluster(s)${
        options.probes ? ' with active probes' : ''
      }, ${clusters.filter(c => c.refusal).length} refused (concurrency ${
        config.concurrency
      })`,
    );
    await this.evaluateAll(
      runnable,
      {
        trigger: options.probes ? 'schedule:probes' : 'schedule',
        activeProbes: Boolean(options.probes),
      },
      signal,
    );
  }

  /** Evaluates the clusters under the concurrency limit; one cluster's failure is only logged. */
  private async evaluateAll(
    clusters: RegisteredCluster[],
    request: EvaluationRequest,
    signal?: AbortSignal,
  ): Promise<void> {
    const { logger } = this.options;
    await Promise.all(
      clusters.map(cluster =>
        this.limiter.run(async () => {
          if (signal?.aborted || this.stopping) return;
          try {
            await this.evaluateIfIdle(cluster, request);
          } catch (error) {
            logger.error(
              `Evaluation of cluster ${
                cluster.id
              } could not be recorded: ${describeEvaluationError(error)}`,
            );
          }
        }),
      ),
    );
  }

  /**
   * The sweeper: deletes probe leftovers (older than `olderThanMs`) in every cluster with active
   * probes enabled. Never throws; a cluster that cannot be swept is logged and tried next time.
   */
  async sweepProbeLeftovers(olderThanMs: number): Promise<number> {
    const { engine, logger, config, registry } = this.options;
    let clusters: RegisteredCluster[];
    try {
      clusters = await this.refresh();
    } catch (error) {
      logger.error(
        `Could not list clusters to sweep probe leftovers: ${describeEvaluationError(
          error,
        )}`,
      );
      return 0;
    }
    let deleted = 0;
    for (const cluster of clusters.filter(c => !c.refusal && c.activeProbes)) {
      let connection: ClusterConnection | undefined;
      try {
        connection = await registry.connect(cluster.id);
        const paths = await engine.sweepProbeLeftovers({
          kubeConfig: connection.kubeConfig,
          olderThanMinutes: olderThanMs / 60_000,
          requestTimeoutMs: config.requestTimeoutMs,
          logger: logger.child({ cluster: cluster.id }),
        });
        deleted += paths.length;
        if (paths.length > 0) {
          logger.info(
            `Swept ${paths.length} probe leftover(s) in cluster ${cluster.id}`,
          );
        }
      } catch (error) {
        logger.warn(
          `Could not sweep probe leftovers in cluster ${
            cluster.id
          }: ${describeEvaluationError(error, connection?.redact)}${logDetailOf(
            error,
            connection?.redact,
          )}`,
        );
      }
    }
    return deleted;
  }

  /**
   * Evaluates one cluster now unless an evaluation of it is in progress. Resolves with the
   * recorded run, or undefined when the cluster was busy.
   */
  async evaluateIfIdle(
    cluster: RegisteredCluster,
    request: EvaluationRequest,
  ): Promise<NewRun | undefined> {
    const runId = randomUUID();
    if (!(await this.lock(cluster, runId, request.trigger))) {
      return undefined;
    }
    return this.runLocked(cluster, runId, request);
  }

  /**
   * "Run now": validates the request and queues the evaluation under the same concurrency limit
   * as the scheduled rounds. Throws NotFoundError, InputError (refused cluster, probes not
   * allowed), ConflictError (a run is queued or in progress), RunNowRateLimitError (too many
   * requests of this user) or ServiceUnavailableError (the queue is full, or shutting down).
   */
  async startEvaluation(
    id: string,
    request: EvaluationRequest,
  ): Promise<{ runId: string }> {
    const { store, registry, logger } = this.options;
    if (!(await store.getCluster(id))) {
      // Newly announced: the store must know it before a run can be recorded.
      await this.refresh();
    }
    const cluster = await registry.getCluster(id);
    if (!cluster) {
      throw new NotFoundError(`No cluster ${id}`);
    }
    if (cluster.refusal) {
      throw new InputError(`Cluster ${id} is refused: ${cluster.refusal}`);
    }
    if (request.activeProbes && !cluster.activeProbes) {
      throw new InputError(
        `Active probes are not enabled for cluster ${id}; an administrator can set activeProbes: true in its aiConformance.clusters entry`,
      );
    }
    if (this.stopping) {
      throw new ServiceUnavailableError('The backend is shutting down');
    }
    if (this.queued.has(id) || (await store.isLocked(id))) {
      throw new ConflictError(
        `An evaluation of cluster ${id} is already in progress`,
      );
    }
    if (this.limiter.waiting >= MAX_QUEUED_RUNS) {
      throw new ServiceUnavailableError(
        `${MAX_QUEUED_RUNS} evaluations are already waiting; try again later`,
      );
    }
    this.rateLimiter.take(request.trigger);
    const runId = randomUUID();
    this.queued.add(id);
    this.limiter
      .run(async () => {
        if (this.stopping) return;
        const locked = await this.lock(cluster, runId, request.trigger);
        this.queued.delete(id);
        if (!locked) {
          await request.auditEvent?.fail({
            meta: { runId },
            error: new ConflictError(
              `An evaluation of cluster ${id} was started elsewhere meanwhile`,
            ),
          });
          return;
        }
        await this.runLocked(cluster, runId, request);
      })
      .catch(error =>
        logger.error(
          `Evaluation of cluster ${id} could not be recorded: ${describeEvaluationError(
            error,
          )}`,
        ),
      )
      .finally(() => this.queued.delete(id));
    return { runId };
  }

  /**
   * Claims the cluster. Retried while the database is down: a claim is idempotent for its run
   * id, so a retry after an insert whose answer was lost finds the claim ours instead of leaving
   * it behind until it expires.
   */
  private lock(cluster: RegisteredCluster, runId: string, trigger: string) {
    return retryDatabaseWrite(
      `lock cluster ${cluster.id}`,
      () =>
        this.options.store.tryLock({
          cluster: cluster.id,
          runId,
          trigger,
          ttlMs: 2 * this.options.config.clusterTimeoutMs + 60_000,
        }),
      { delaysMs: this.retryDelays, logger: this.options.logger },
    );
  }

  private async runLocked(
    registered: RegisteredCluster,
    runId: string,
    request: EvaluationRequest,
  ): Promise<NewRun> {
    const { store, auditor, logger } = this.options;
    const cluster = registered.id;
    const auditEvent =
      request.auditEvent ??
      (await auditor.createEvent({
        eventId: 'evaluation-run',
        severityLevel: request.activeProbes ? 'medium' : 'low',
        meta: {
          cluster,
          trigger: request.trigger,
          activeProbes: request.activeProbes,
        },
      }));
    try {
      let capacity: CapacitySnapshot | undefined;
      let run = await this.execute(registered, runId, request, snapshot => {
        capacity = snapshot;
      });
      // The scorecard before this run: probe verdicts are carried forward from it, and the
      // notifier compares against it. Read once; `unreadable` when the database refused.
      const previous = run.scorecard
        ? await this.readLatestScorecard(cluster)
        : 'unreadable';
      if (run.scorecard && !request.activeProbes) {
        run = {
          ...run,
          scorecard: this.keepProbeResults(run.scorecard, previous),
        };
      }
      await retryDatabaseWrite(
        `record run ${runId} of cluster ${cluster}`,
        () => store.recordRun(run),
        { delaysMs: this.retryDelays, logger },
      );
      if (run.status === 'ok' && capacity) {
        await this.recordCapacity(registered, runId, capacity);
      }
      await this.report(run, registered.name, previous);
      if (run.status === 'ok') {
        await auditEvent.success({
          meta: {
            runId,
            conformant: run.scorecard?.summary.conformant ?? false,
            checklistVersion: run.scorecard?.checklistVersion ?? null,
          },
        });
      } else {
        await auditEvent.fail({
          meta: { runId },
          error: withoutStack(run.message),
        });
      }
      return run;
    } catch (error) {
      await auditEvent.fail({
        meta: { runId },
        error: withoutStack(describeEvaluationError(error)),
      });
      throw error;
    } finally {
      // If the database stays down, the lock expires by itself (ttlMs) and the next round runs.
      await retryDatabaseWrite(
        `unlock cluster ${cluster}`,
        () => store.unlock({ cluster, runId }),
        { delaysMs: this.retryDelays, logger },
      ).catch(error =>
        logger.warn(
          `Cluster ${cluster} stays locked until its lock expires: ${
            (error as Error)?.message ?? String(error)
          }`,
        ),
      );
    }
  }

  /**
   * The newest stored scorecard of a cluster, or `unreadable` (logged) when the database keeps
   * refusing: the run is recorded anyway, a lost run would be worse.
   */
  private async readLatestScorecard(
    cluster: string,
  ): Promise<Scorecard | undefined | 'unreadable'> {
    const { store, logger } = this.options;
    try {
      return await retryDatabaseWrite(
        `read the latest scorecard of ${cluster}`,
        () => store.getLatestScorecard(cluster),
        { delaysMs: this.retryDelays, logger },
      );
    } catch (error) {
      logger.warn(
        `The previous scorecard of cluster ${cluster} could not be read (probe verdicts are not carried forward, no notification is sent): ${describeEvaluationError(
          error,
        )}`,
      );
      return 'unreadable';
    }
  }

  /** A passive scorecard with the last probe verdicts carried forward (see carryForwardProbeResults). */
  private keepProbeResults(
    scorecard: Scorecard,
    previous: Scorecard | undefined | 'unreadable',
  ): Scorecard {
    if (previous === 'unreadable') return scorecard;
    return carryForwardProbeResults(scorecard, previous, {
      maxAgeMs:
        this.options.probeEvidenceMaxAgeMs ?? DEFAULT_PROBE_EVIDENCE_MAX_AGE_MS,
    });
  }

  /** Hands a successful run to the listener; its failure never fails the run. */
  private async report(
    run: NewRun,
    name: string,
    previous: Scorecard | undefined | 'unreadable',
  ) {
    const { onScorecard, logger } = this.options;
    if (!onScorecard || !run.scorecard || previous === 'unreadable') return;
    try {
      await onScorecard({
        cluster: run.cluster,
        name,
        entityRef: run.entityRef,
        previous,
        next: run.scorecard,
      });
    } catch (error) {
      logger.warn(
        `Could not send the conformance notification of ${run.cluster}: ${
          withoutStack(error).message
        }`,
      );
    }
  }

  /** Stores a capacity snapshot; a failure is logged and never fails the evaluation's run. */
  private async recordCapacity(
    registered: RegisteredCluster,
    runId: string,
    snapshot: CapacitySnapshot,
  ): Promise<void> {
    try {
      await this.options.capacity?.addSnapshot({
        id: randomUUID(),
        cluster: registered.id,
        entityRef: registered.entityRef,
        runId,
        snapshot,
      });
    } catch (error) {
      this.options.logger.warn(
        `Capacity snapshot of cluster ${
          registered.id
        } could not be stored: ${describeEvaluationError(error)}`,
      );
    }
  }

  private async execute(
    registered: RegisteredCluster,
    runId: string,
    request: EvaluationRequest,
    onCapacity: (snapshot: CapacitySnapshot) => void,
  ): Promise<NewRun> {
    const { engine, config, logger, registry } = this.options;
    const cluster = registered.id;
    const started = Date.now();
    const controller = new AbortController();
    if (this.stopping) controller.abort();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new EvaluationTimeoutError(
            `the evaluation did not finish within ${formatDuration(
              config.clusterTimeoutMs,
            )}; check that the API server responds, or raise aiConformance.clusterTimeout`,
          ),
        );
      }, config.clusterTimeoutMs + graceMs(config.clusterTimeoutMs));
    });
    const base = {
      id: runId,
      cluster,
      entityRef: registered.entityRef,
      trigger: request.trigger,
    };
    let connection: ClusterConnection | undefined;
    try {
      // Fresh credentials for every run (rotating tokens); a credential failure is this run's error.
      connection = await Promise.race([registry.connect(cluster), deadline]);
      const { kubeConfig, redact } = connection;
      const evaluation = Promise.resolve().then(() =>
        engine.evaluateCluster({
          cluster,
          kubeConfig,
          checklistVersion: registered.checklistVersion,
          activeProbes: request.activeProbes,
          timeoutMs: config.clusterTimeoutMs,
          requestTimeoutMs: config.requestTimeoutMs,
          maxResponseBytes: config.maxResponseBytes,
          logger: logger.child({ cluster }),
          signal: controller.signal,
          // Snapshots are stored and served like scorecards: the connection's secrets removed.
          ...(this.options.capacity
            ? {
                onCapacity: (snapshot: CapacitySnapshot) =>
                  onCapacity(redactStrings(snapshot, redact)),
              }
            : {}),
        }),
      );
      // Shutdown aborts the controller and waits for the engine's own cleanup (probe objects);
      // an engine that overran the deadline stays awaited, its probe cleanup may still run.
      const settled = evaluation.catch(() => undefined);
      this.inFlight.set(controller, settled);
      settled.finally(() => this.inFlight.delete(controller));
      const scorecard: Scorecard = await Promise.race([evaluation, deadline]);
      return {
        ...base,
        status: 'ok',
        evaluatedAt: new Date(),
        durationMs: Date.now() - started,
        scorecard: redactStrings({ ...scorecard, cluster }, connection.redact),
      };
    } catch (error) {
      const message = describeEvaluationError(error, connection?.redact);
      logger.warn(
        `Evaluation of cluster ${cluster} failed: ${message}${logDetailOf(
          error,
          connection?.redact,
        )}`,
      );
      return {
        ...base,
        status: 'error',
        message,
        evaluatedAt: new Date(),
        durationMs: Date.now() - started,
      };
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }
}
