import {
  AuditorService,
  AuditorServiceEvent,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import type { RegisteredCluster } from '@internal/plugin-ai-conformance-node';
import type {
  AiConformanceClusterRegistry,
  ClusterConnection,
} from '@internal/plugin-ai-conformance-node/backstage';
import { AiConformanceConfig } from '../config/readAiConformanceConfig';
import { AiConformanceStore, NewRun } from '../database/AiConformanceStore';
import { CapacityStore } from '../database/CapacityStore';
import { CapacitySnapshot } from '@internal/plugin-ai-conformance-common';
import { AiConformanceEngine } from '../engine/AiConformanceEngine';
import {
  describeEvaluationError,
  EvaluationTimeoutError,
  withoutStack,
} from './describeEvaluationError';
import { runWithConcurrency } from './runWithConcurrency';
import type { RecordedScorecard } from '../notifications/ConformanceNotifier';
import type { Scorecard } from '@internal/plugin-ai-conformance-common';

/** Extra time the engine gets past its own budget before the backend gives up on it. */
function graceMs(clusterTimeoutMs: number): number {
  return Math.min(5_000, clusterTimeoutMs);
}

/** @internal */
export interface EvaluationRequest {
  /** `schedule`, or the user entity ref of a "run now". */
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
 * every run (failed ones too). One cluster's failure never reaches another. Runs are keyed by
 * the cluster's identity (entity ref or `config:<name>`).
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
    },
  ) {}

  /** Asks the registry for the current clusters and syncs the store's cluster list. */
  async refresh(): Promise<RegisteredCluster[]> {
    const { registry, store } = this.options;
    const clusters = await registry.listClusters({ refresh: true });
    await store.syncClusters(
      clusters.map(c => ({
        cluster: c.id,
        name: c.name,
        entityRef: c.entityRef,
        source: c.source,
        owner: c.owner,
        refusal: c.refusal,
        providerAnnotation: c.providerAnnotation,
        lifecycle: c.lifecycle,
      })),
    );
    return clusters;
  }

  /**
   * The scheduled task: evaluates every cluster that is not refused. Never throws; a cluster
   * under evaluation elsewhere (another replica, a "run now") is skipped.
   */
  async evaluateFleet(signal?: AbortSignal): Promise<void> {
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
    const runnable = clusters.filter(c => !c.refusal);
    logger.info(
      `Evaluating ${runnable.length} cluster(s), ${
        clusters.length - runnable.length
      } refused`,
    );
    await runWithConcurrency(
      runnable,
      config.concurrency,
      async cluster => {
        try {
          await this.evaluateIfIdle(cluster, {
            trigger: 'schedule',
            activeProbes: cluster.activeProbes,
          });
        } catch (error) {
          logger.error(
            `Evaluation of cluster ${
              cluster.id
            } could not be recorded: ${describeEvaluationError(error)}`,
          );
        }
      },
      signal,
    );
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
   * "Run now": validates the request and starts the evaluation in the background. Throws
   * NotFoundError, InputError (refused cluster, probes not allowed) or ConflictError (a run is in
   * progress).
   */
  async startEvaluation(
    id: string,
    request: EvaluationRequest,
  ): Promise<{ runId: string }> {
    if (!(await this.options.store.getCluster(id))) {
      // Newly announced: the store must know it before a run can be recorded.
      await this.refresh();
    }
    const cluster = await this.options.registry.getCluster(id);
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
    const runId = randomUUID();
    if (!(await this.lock(cluster, runId, request.trigger))) {
      throw new ConflictError(
        `An evaluation of cluster ${id} is already in progress`,
      );
    }
    this.runLocked(cluster, runId, request).catch(error =>
      this.options.logger.error(
        `Evaluation of cluster ${id} could not be recorded: ${describeEvaluationError(
          error,
        )}`,
      ),
    );
    return { runId };
  }

  private lock(cluster: RegisteredCluster, runId: string, trigger: string) {
    return this.options.store.tryLock({
      cluster: cluster.id,
      runId,
      trigger,
      ttlMs: 2 * this.options.config.clusterTimeoutMs + 60_000,
    });
  }

  private async runLocked(
    registered: RegisteredCluster,
    runId: string,
    request: EvaluationRequest,
  ): Promise<NewRun> {
    const { store, auditor } = this.options;
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
      const run = await this.execute(registered, runId, request, snapshot => {
        capacity = snapshot;
      });
      const previous =
        this.options.onScorecard && run.scorecard
          ? await store.getLatestScorecard(cluster)
          : undefined;
      await store.recordRun(run);
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
      await store.unlock({ cluster, runId });
    }
  }

  /** Hands a successful run to the listener; its failure never fails the run. */
  private async report(
    run: NewRun,
    name: string,
    previous: Scorecard | undefined,
  ) {
    const { onScorecard, logger } = this.options;
    if (!onScorecard || !run.scorecard) return;
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
        `Could not send the conformance notification of ${run.cluster}: ${withoutStack(error).message}`,
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
        `Capacity snapshot of cluster ${registered.id} could not be stored: ${describeEvaluationError(
          error,
        )}`,
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
      connection = await registry.connect(cluster);
      const scorecard = await Promise.race([
        engine.evaluateCluster({
          cluster,
          kubeConfig: connection.kubeConfig,
          checklistVersion: registered.checklistVersion,
          activeProbes: request.activeProbes,
          timeoutMs: config.clusterTimeoutMs,
          requestTimeoutMs: config.requestTimeoutMs,
          maxResponseBytes: config.maxResponseBytes,
          logger: logger.child({ cluster }),
          signal: controller.signal,
          ...(this.options.capacity ? { onCapacity } : {}),
        }),
        deadline,
      ]);
      return {
        ...base,
        status: 'ok',
        evaluatedAt: new Date(),
        durationMs: Date.now() - started,
        scorecard: { ...scorecard, cluster },
      };
    } catch (error) {
      const message = describeEvaluationError(error, connection?.redact);
      logger.warn(`Evaluation of cluster ${cluster} failed: ${message}`);
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
