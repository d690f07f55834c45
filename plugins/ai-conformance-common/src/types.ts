// The shapes the REST API carries are generated from the backend's openapi.yaml
// (`yarn generate:api`, src/schema/openapi/generated): the verdict of a requirement
// (`pass` / `fail` / `not-applicable` / `unknown` / `error`, see docs/verdict-semantics), the
// evidence behind it, the verdict counts, the fleet and history views.
import type {
  EvaluationSummary,
  RequirementResult,
  Verdict,
} from './schema/openapi/generated';
import type { ProviderDetection } from './providers';

export type {
  ClusterHistory,
  ClusterScorecard,
  ClusterSource,
  ClusterStatus,
  ClusterSummary,
  CreateEvaluationResponse,
  CreateEvaluationResponseStatusEnum,
  EvaluationRun,
  EvaluationSummary,
  Evidence,
  EvidenceValue,
  FleetSummary,
  ObjectReference,
  RequirementAcrossFleet,
  RequirementCategory,
  RequirementLevel,
  RequirementResult,
  RequirementResultModeEnum,
  RequirementVerdictOnCluster,
  Verdict,
} from './schema/openapi/generated';

/** @public */
export const VERDICTS: readonly Verdict[] = [
  'pass',
  'fail',
  'not-applicable',
  'unknown',
  'error',
] as const;

/**
 * A full evaluation of one cluster against one checklist version: the CLI's `--output json`
 * and the backend's latest scorecard share this shape.
 *
 * @public
 */
export interface Scorecard {
  cluster: string;
  kubernetesVersion: string;
  checklistVersion: string;
  /** ISO 8601 time at which the evaluation finished. */
  evaluatedAt: string;
  durationMs: number;
  /** How many HTTP requests the evaluation sent to the API server. */
  apiRequests: number;
  requirements: RequirementResult[];
  summary: EvaluationSummary;
  /** Who runs the cluster (AWS, Google Cloud, …), detected from what the evaluation read. */
  provider?: ProviderDetection;
}
