/**
 * The verdict of one requirement on one cluster.
 *
 * - `pass` / `fail`: the mechanism was recognised and the evidence decides.
 * - `not-applicable`: the requirement does not apply (a conditional MUST whose condition is not
 *   met, or a SHOULD for hardware the cluster lacks); always carries a reason.
 * - `unknown`: the mechanism was not recognised; manual evidence is needed. Never a failure.
 * - `error`: the check could not be made (403, timeout, bad response); the reason says what to fix.
 *
 * @public
 */
export type Verdict = 'pass' | 'fail' | 'not-applicable' | 'unknown' | 'error';

/** @public */
export const VERDICTS: readonly Verdict[] = [
  'pass',
  'fail',
  'not-applicable',
  'unknown',
  'error',
] as const;

/** @public */
export type RequirementLevel = 'MUST' | 'SHOULD';

/**
 * The category keys of the checklist, exactly as the official templates spell them.
 *
 * @public
 */
export type RequirementCategory =
  | 'accelerators'
  | 'networking'
  | 'schedulingOrchestration'
  | 'observability'
  | 'security'
  | 'operator';

/** A Kubernetes object that a verdict is based on. @public */
export interface ObjectReference {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
}

/**
 * One observation behind a verdict: which object, field or condition was seen.
 *
 * @public
 */
export interface Evidence {
  /** A sentence a person can read, e.g. "GatewayClass cilium is Accepted". */
  message: string;
  object?: ObjectReference;
  /** JSON path of the field looked at, e.g. `status.conditions[Accepted]`. */
  field?: string;
  value?: string | number | boolean;
}

/** The result of one requirement on one cluster. @public */
export interface RequirementResult {
  id: string;
  category: RequirementCategory;
  level: RequirementLevel;
  /** True for conditional MUSTs ("If the platform provides …"). */
  conditional?: boolean;
  verdict: Verdict;
  /** Why this verdict; for `error`, what to fix. */
  reason: string;
  evidence: Evidence[];
  /** `passive` (read-only API) or `active` (a probe created objects). */
  mode?: 'passive' | 'active';
}

/** Verdict counts of one evaluation. @public */
export interface EvaluationSummary {
  pass: number;
  fail: number;
  notApplicable: number;
  unknown: number;
  error: number;
  total: number;
  /** MUST requirements whose verdict is `fail`. */
  mustFailed: number;
  /** MUST requirements whose verdict is `unknown` or `error`. */
  mustUndecided: number;
  /** True when every MUST is `pass` or `not-applicable`. */
  conformant: boolean;
}

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
}

// The wire types of the REST API are generated from the backend's openapi.yaml
// (`yarn generate:api`); the ones above are the engine's, which the backend stores and serves.
export type {
  ClusterSource,
  ClusterStatus,
  ClusterSummary,
  EvaluationRun,
  FleetSummary,
  RequirementAcrossFleet,
  RequirementVerdictOnCluster,
} from './schema/openapi/generated';
