import {
  ClusterProvider,
  ClusterStatus,
  EvaluationRun,
  EvaluationSummary,
  Scorecard,
} from '@internal/plugin-ai-conformance-common';

/**
 * A cluster as the cluster sources currently see it.
 *
 * @internal
 */
export interface ClusterRecord {
  /** The identity: entity ref or `config:<name>`. */
  cluster: string;
  /** The display name. */
  name: string;
  entityRef?: string;
  source: 'catalog' | 'config';
  /** The owner entity ref (catalog `spec.owner`), for the `IS_CLUSTER_OWNER` rule. */
  owner?: string;
  /** Set when the backend will not contact the cluster: what to fix. */
  refusal?: string;
  /** The `ai-conformance.io/provider` annotation as written (validated when read). */
  providerAnnotation?: string;
  /** `spec.lifecycle` of the catalog entity. */
  lifecycle?: string;
}

/**
 * The latest known state of one cluster.
 *
 * @internal
 */
export interface StoredCluster {
  /** The identity: entity ref or `config:<name>`. */
  cluster: string;
  name: string;
  entityRef?: string;
  source: 'catalog' | 'config';
  owner?: string;
  status: ClusterStatus;
  message?: string;
  lastRunId?: string;
  lastGoodRunId?: string;
  updatedAt: string;
  providerAnnotation?: string;
  lifecycle?: string;
  /** Whether the latest successful evaluation found the cluster conformant; unset before one. */
  conformant?: boolean;
}

/**
 * A successful run reduced to what fleet trends aggregate.
 *
 * @internal
 */
export interface RunSummaryRow {
  cluster: string;
  evaluatedAt: string;
  /** Detected by the run; absent for runs recorded before detection existed. */
  provider?: ClusterProvider;
  summary: EvaluationSummary;
}

/**
 * What the fleet view shows of a cluster's latest successful run: the stored summary, without the
 * scorecard.
 *
 * @internal
 */
export type StoredSummary = Pick<
  Scorecard,
  | 'kubernetesVersion'
  | 'checklistVersion'
  | 'evaluatedAt'
  | 'summary'
  | 'provider'
>;

/**
 * One finished evaluation attempt, to be added to the history.
 *
 * @internal
 */
export interface NewRun {
  id: string;
  cluster: string;
  entityRef?: string;
  status: 'ok' | 'error';
  /** For `error`: what went wrong and what to fix. */
  message?: string;
  trigger: string;
  evaluatedAt: Date;
  durationMs: number;
  /** Present when `status` is `ok`. */
  scorecard?: Scorecard;
}

/**
 * Persistence of cluster states, evaluation history and per-cluster run locks.
 *
 * @internal
 */
export interface AiConformanceStore {
  /**
   * Makes the stored cluster list match the clusters the sources see now: adds new ones as
   * `pending` (a cluster that comes back finds its history and latest scorecard again), marks
   * refused ones `refused`, and forgets clusters that disappeared (their history stays until
   * retention removes it).
   */
  syncClusters(clusters: ClusterRecord[]): Promise<void>;
  listClusters(): Promise<StoredCluster[]>;
  getCluster(cluster: string): Promise<StoredCluster | undefined>;
  /** Adds a run to the history and updates the cluster's latest state. */
  recordRun(run: NewRun): Promise<void>;
  /** The scorecard of the cluster's latest successful run. */
  getLatestScorecard(cluster: string): Promise<Scorecard | undefined>;
  /** Latest successful scorecards of the given clusters, by cluster identity. */
  getLatestScorecards(clusters: string[]): Promise<Map<string, Scorecard>>;
  /**
   * Successful runs of the given clusters that finished in `[since, until]`, oldest first, plus
   * each cluster's latest successful run before `since` (the state the window starts from).
   */
  listRunSummaries(options: {
    clusters: string[];
    since: Date;
    until: Date;
  }): Promise<RunSummaryRow[]>;

  /**
   * The stored summaries of the clusters' latest successful runs, by identity; reads no
   * scorecard JSON (the fleet view).
   */
  getLatestSummaries(clusters: string[]): Promise<Map<string, StoredSummary>>;
  /** Runs of a cluster, newest first. */
  listRuns(
    cluster: string,
    options: { limit: number },
  ): Promise<EvaluationRun[]>;
  /**
   * Deletes runs that finished before `before`, except the latest run and latest successful
   * run of every cluster. Returns how many were deleted.
   */
  deleteRunsBefore(before: Date): Promise<number>;
  /**
   * Claims a cluster for one evaluation. False when another evaluation (on any replica) holds
   * an unexpired claim.
   */
  tryLock(options: {
    cluster: string;
    runId: string;
    trigger: string;
    ttlMs: number;
  }): Promise<boolean>;
  unlock(options: { cluster: string; runId: string }): Promise<void>;
  /** Whether an unexpired claim exists for the cluster. */
  isLocked(cluster: string): Promise<boolean>;
}
