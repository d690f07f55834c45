import {
  AuditorService,
  AuditorServiceEvent,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import { planClusters } from '../clusters/planClusters';
import { ClusterPlan, ClusterSource } from '../clusters/types';
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

/** How long discovered clusters are reused by "run now" before asking the sources again. */
const PLAN_CACHE_MS = 60_000;
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
 * Evaluates clusters: discovers them, plans their connections, keeps the store's cluster list
 * current, runs the engine with a bounded concurrency and a per-cluster budget, and records
 * every run (failed ones too). One cluster's failure never reaches another.
 *
 * @internal
 */
export class ClusterEvaluationService {
  private plans?: { at: number; byName: Map<string, ClusterPlan> };

  constructor(
    private readonly options: {
      store: AiConformanceStore;
      engine: AiConformanceEngine;
      sources: ClusterSource[];
      config: AiConformanceConfig;
      logger: LoggerService;
      auditor: AuditorService;
      /** Where capacity snapshots taken with the evaluations go; none: no snapshots. */
      capacity?: CapacityStore;
    },
  ) {}

  /** Asks the sources for clusters, plans them and syncs the store's cluster list. */
  async refresh(): Promise<ClusterPlan[]> {
    const { sources, config, store, logger } = this.options;
    const targets = (
      await Promise.all(sources.map(s => s.getClusters()))
    ).flat();
    const { plans, skipped } = planClusters(targets, config.clusters);
    for (const message of skipped) {
      logger.warn(`Ignoring cluster ${message}`);
    }
    await store.syncClusters(
      plans.map(plan => ({
        cluster: plan.target.name,
        entityRef: plan.target.entityRef,
        source: plan.target.source,
        owner: plan.target.owner,
        refusal: plan.refusal,
      })),
    );
    this.plans = {
      at: Date.now(),
      byName: new Map(plans.map(p => [p.target.name, p])),
    };
    return plans;
  }

  async getPlan(cluster: string): Promise<ClusterPlan | undefined> {
    if (!this.plans || Date.now() - this.plans.at > PLAN_CACHE_MS) {
      await this.refresh();
    }
    return this.plans?.byName.get(cluster);
  }

  /**
   * The scheduled task: evaluates every cluster that is not refused. Never throws; a cluster
   * under evaluation elsewhere (another replica, a "run now") is skipped.
   */
  async evaluateFleet(signal?: AbortSignal): Promise<void> {
    const { logger, config } = this.options;
    let plans: ClusterPlan[];
    try {
      plans = await this.refresh();
    } catch (error) {
      logger.error(
        `Could not list clusters, nothing was evaluated this round: ${describeEvaluationError(
          error,
          [],
        )}`,
      );
      return;
    }
    const runnable = plans.filter(p => p.kubeConfig);
    logger.info(
      `Evaluating ${runnable.length} cluster(s), ${
        plans.length - runnable.length
      } refused`,
    );
    await runWithConcurrency(
      runnable,
      config.concurrency,
      async plan => {
        try {
          await this.evaluateIfIdle(plan, {
            trigger: 'schedule',
            activeProbes: plan.activeProbes,
          });
        } catch (error) {
          logger.error(
            `Evaluation of cluster ${
              plan.target.name
            } could not be recorded: ${describeEvaluationError(
              error,
              plan.secrets,
            )}`,
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
    plan: ClusterPlan,
    request: EvaluationRequest,
  ): Promise<NewRun | undefined> {
    const runId = randomUUID();
    if (!(await this.lock(plan, runId, request.trigger))) {
      return undefined;
    }
    return this.runLocked(plan, runId, request);
  }

  /**
   * "Run now": validates the request and starts the evaluation in the background. Throws
   * NotFoundError, InputError (refused cluster, probes not allowed) or ConflictError (a run is in
   * progress).
   */
  async startEvaluation(
    cluster: string,
    request: EvaluationRequest,
  ): Promise<{ runId: string }> {
    const plan = await this.getPlan(cluster);
    if (!plan) {
      throw new NotFoundError(`No cluster named ${cluster}`);
    }
    if (plan.refusal || !plan.kubeConfig) {
      throw new InputError(
        `Cluster ${cluster} is refused: ${plan.refusal ?? 'no connection'}`,
      );
    }
    if (request.activeProbes && !plan.activeProbes) {
      throw new InputError(
        `Active probes are not enabled for cluster ${cluster}; an administrator can set aiConformance.clusters[name=${cluster}].activeProbes: true`,
      );
    }
    const runId = randomUUID();
    if (!(await this.lock(plan, runId, request.trigger))) {
      throw new ConflictError(
        `An evaluation of cluster ${cluster} is already in progress`,
      );
    }
    this.runLocked(plan, runId, request).catch(error =>
      this.options.logger.error(
        `Evaluation of cluster ${cluster} could not be recorded: ${describeEvaluationError(
          error,
          plan.secrets,
        )}`,
      ),
    );
    return { runId };
  }

  private lock(plan: ClusterPlan, runId: string, trigger: string) {
    return this.options.store.tryLock({
      cluster: plan.target.name,
      runId,
      trigger,
      ttlMs: 2 * this.options.config.clusterTimeoutMs + 60_000,
    });
  }

  private async runLocked(
    plan: ClusterPlan,
    runId: string,
    request: EvaluationRequest,
  ): Promise<NewRun> {
    const { store, auditor } = this.options;
    const cluster = plan.target.name;
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
      const run = await this.execute(plan, runId, request, snapshot => {
        capacity = snapshot;
      });
      await store.recordRun(run);
      if (run.status === 'ok' && capacity) {
        await this.recordCapacity(plan, runId, capacity);
      }
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
        error: withoutStack(describeEvaluationError(error, plan.secrets)),
      });
      throw error;
    } finally {
      await store.unlock({ cluster, runId });
    }
  }

  /** Stores a capacity snapshot; a failure is logged and never fails the evaluation's run. */
  private async recordCapacity(
    plan: ClusterPlan,
    runId: string,
    snapshot: CapacitySnapshot,
  ): Promise<void> {
    try {
      await this.options.capacity?.addSnapshot({
        id: randomUUID(),
        cluster: plan.target.name,
        entityRef: plan.target.entityRef,
        runId,
        snapshot,
      });
    } catch (error) {
      this.options.logger.warn(
        `Capacity snapshot of cluster ${plan.target.name} could not be stored: ${describeEvaluationError(
          error,
          plan.secrets,
        )}`,
      );
    }
  }

  private async execute(
    plan: ClusterPlan,
    runId: string,
    request: EvaluationRequest,
    onCapacity: (snapshot: CapacitySnapshot) => void,
  ): Promise<NewRun> {
    const { engine, config, logger } = this.options;
    const cluster = plan.target.name;
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
      entityRef: plan.target.entityRef,
      trigger: request.trigger,
    };
    try {
      const scorecard = await Promise.race([
        engine.evaluateCluster({
          cluster,
          kubeConfig: plan.kubeConfig!,
          checklistVersion: plan.checklistVersion,
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
      const message = describeEvaluationError(error, plan.secrets);
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
