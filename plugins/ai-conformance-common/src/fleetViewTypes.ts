import type { ProviderDetection, ClusterProvider } from './providers';
import type {
  ClusterStatus,
  EvaluationSummary,
  RequirementCategory,
  RequirementLevel,
  Verdict,
} from './types';

/** One cell of the fleet matrix: a requirement's latest verdict on a cluster. @public */
export interface FleetMatrixCell {
  verdict: Verdict;
  reason: string;
  level: RequirementLevel;
  /** How many pieces of evidence back the verdict (shown on the cluster page). */
  evidenceCount: number;
}

/** One row of the fleet matrix: a cluster and its verdicts by requirement id. @public */
export interface FleetMatrixRow {
  /** The identity: entity ref or `config:<name>`. */
  cluster: string;
  /** The display name. */
  name: string;
  entityRef?: string;
  source: 'catalog' | 'config';
  owner?: string;
  lifecycle?: string;
  provider?: ProviderDetection;
  status: ClusterStatus;
  message?: string;
  kubernetesVersion?: string;
  checklistVersion?: string;
  evaluatedAt?: string;
  summary?: EvaluationSummary;
  /** Latest verdicts by requirement id; empty when the cluster has no scorecard. */
  cells: Record<string, FleetMatrixCell>;
}

/** A column of the fleet matrix. @public */
export interface FleetMatrixColumn {
  id: string;
  category: RequirementCategory;
  level: RequirementLevel;
  conditional?: boolean;
}

/**
 * Every cluster against the requirements of one checklist version.
 *
 * @public
 */
export interface FleetMatrix {
  /** The checklist version whose requirements are the columns. */
  checklistVersion: string;
  /** Every checklist version the catalogue knows, newest first. */
  checklistVersions: string[];
  columns: FleetMatrixColumn[];
  rows: FleetMatrixRow[];
}

/** Conformance of a set of clusters at one point in time. @public */
export interface TrendFigures {
  /** Clusters with at least one successful evaluation up to this point. */
  evaluated: number;
  conformant: number;
  /** `conformant / evaluated`, 0 when nothing was evaluated. */
  conformantShare: number;
  /** MUST requirements failing, summed over the clusters. */
  mustFailed: number;
}

/** One point of a fleet trend: the state at the end of a time bucket. @public */
export interface TrendPoint extends TrendFigures {
  /** ISO 8601 end of the bucket. */
  at: string;
  byProvider: Partial<Record<ClusterProvider, TrendFigures>>;
  /** True when a cluster regressed during the bucket. */
  regression: boolean;
}

/**
 * A cluster that got worse between two successful evaluations: it stopped being conformant, or
 * more MUSTs fail than before.
 *
 * @public
 */
export interface TrendRegression {
  cluster: string;
  at: string;
  provider?: ClusterProvider;
  kind: 'lost-conformance' | 'more-must-failures';
  mustFailedBefore: number;
  mustFailedAfter: number;
}

/** Conformance over time, aggregated by the backend from stored history. @public */
export interface FleetTrends {
  from: string;
  to: string;
  bucket: 'hour' | 'day';
  points: TrendPoint[];
  regressions: TrendRegression[];
}
