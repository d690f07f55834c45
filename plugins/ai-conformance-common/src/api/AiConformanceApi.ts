import type { FleetMatrix, FleetTrends } from '../fleetViewTypes';
import type {
  CapacityHistory,
  CapacityQuery,
  CapacitySearchResult,
  ClusterCapacity,
  FleetCapacity,
} from '../capacity';
import type {
  ClusterHistory,
  ClusterScorecard,
  ClusterSummary,
  CreateEvaluationResponse,
  FleetSummary,
  RequirementAcrossFleet,
} from '../types';

/** @public */
export interface GetClusterHistoryOptions {
  /** How many runs to return at most (newest first). */
  limit?: number;
}

/** @public */
export interface RunEvaluationOptions {
  /** Also run the active probes (creates short-lived objects in the cluster). */
  activeProbes?: boolean;
}

/**
 * The answer to "run now": the run is queued; once it has finished, the run with `runId` is in
 * the cluster's history. Generated from the backend's `openapi.yaml`.
 *
 * @public
 */
export type RunEvaluationResponse = CreateEvaluationResponse;

/** @public */
export interface ExportProductYamlOptions {
  /**
   * The checklist template (`AIConformance-<version>.yaml`) to fill in. Without it the backend
   * uses the template configured at `aiConformance.export.templatesDir`.
   */
  template?: string;
  /** Values for the `metadata` section, e.g. `platformName`, `vendorName`. */
  metadata?: Record<string, string>;
}

/** @public */
export interface GetFleetMatrixOptions {
  /** The checklist version whose requirements are the columns; by default the newest in use. */
  checklistVersion?: string;
}

/** @public */
export interface GetFleetTrendsOptions {
  /** ISO 8601 start of the window; by default 30 days before `until`. */
  since?: string;
  /** ISO 8601 end of the window; by default now. */
  until?: string;
}

/**
 * Options every call accepts.
 *
 * @public
 */
export interface AiConformanceRequestOptions {
  /** Aborts the request, e.g. when a component unmounts. */
  signal?: AbortSignal;
}

/**
 * The REST API of the AI conformance backend (`/api/ai-conformance`).
 *
 * @public
 */
export interface AiConformanceApi {
  /** The latest state of every cluster. */
  getFleet(options?: AiConformanceRequestOptions): Promise<FleetSummary>;

  /** Every cluster's latest verdict on each requirement of a checklist version. */
  getFleetMatrix(
    options?: GetFleetMatrixOptions & AiConformanceRequestOptions,
  ): Promise<FleetMatrix>;

  /** Conformance of the fleet and per provider over time, with regressions. */
  getFleetTrends(
    options?: GetFleetTrendsOptions & AiConformanceRequestOptions,
  ): Promise<FleetTrends>;

  /**
   * The fleet entry of the cluster a catalog entity stands for, looked up by its entity ref
   * without downloading the fleet. Rejects with a `ResponseError` whose `statusCode` is 404 when
   * the backend knows no cluster for the entity or the caller may not read it.
   */
  getClusterByEntity(
    entityRef: { kind: string; namespace: string; name: string },
    options?: AiConformanceRequestOptions,
  ): Promise<ClusterSummary>;

  /**
   * The latest good scorecard of one cluster. Rejects with a `ResponseError` whose `statusCode`
   * is 404 when the cluster has never been evaluated successfully.
   */
  getScorecard(
    cluster: string,
    options?: AiConformanceRequestOptions,
  ): Promise<ClusterScorecard>;

  /** Past evaluations of one cluster, newest first. */
  getClusterHistory(
    cluster: string,
    options?: GetClusterHistoryOptions & AiConformanceRequestOptions,
  ): Promise<ClusterHistory>;

  /** The latest verdict of one requirement on every cluster. */
  getRequirementAcrossFleet(
    requirementId: string,
    options?: AiConformanceRequestOptions,
  ): Promise<RequirementAcrossFleet>;

  /**
   * Queues an evaluation of one cluster now and returns the id of the queued run. Rejects with 409 when a run is already in progress
   * and 403 without the permission.
   */
  runEvaluation(
    cluster: string,
    options?: RunEvaluationOptions,
  ): Promise<RunEvaluationResponse>;

  /** The latest scorecard of one cluster as a JUnit XML report. */
  exportJUnit(
    cluster: string,
    options?: AiConformanceRequestOptions,
  ): Promise<string>;

  /** Every cluster's latest verdicts as CSV, one row per cluster and requirement. */
  exportCsv(options?: AiConformanceRequestOptions): Promise<string>;

  /** The latest scorecard of one cluster filled into the CNCF PRODUCT.yaml checklist template. */
  exportProductYaml(
    cluster: string,
    options?: ExportProductYamlOptions,
  ): Promise<string>;

  /**
   * The latest accelerator capacity snapshot of one cluster. Rejects with 404 when none has
   * been taken yet.
   */
  getClusterCapacity(
    cluster: string,
    options?: AiConformanceRequestOptions,
  ): Promise<ClusterCapacity>;

  /** A cluster's capacity over time, oldest first. */
  getClusterCapacityHistory(
    cluster: string,
    options?: GetClusterHistoryOptions & AiConformanceRequestOptions,
  ): Promise<CapacityHistory>;

  /** Every cluster's latest capacity totals per model (the clusters the user may read). */
  getFleetCapacity(
    options?: AiConformanceRequestOptions,
  ): Promise<FleetCapacity>;

  /** Which clusters and nodes can take `count` free units of a model now. */
  searchCapacity(
    query: CapacityQuery,
    options?: AiConformanceRequestOptions,
  ): Promise<CapacitySearchResult>;
}
