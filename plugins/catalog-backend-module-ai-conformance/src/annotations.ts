import type { Readiness } from '@internal/plugin-ai-conformance-common';

/**
 * Annotations and the label that {@link AiConformanceStatusProcessor} puts on
 * `kubernetes-cluster` Resource entities.
 *
 * @public
 */
export const AI_CONFORMANCE_ANNOTATIONS = {
  /**
   * The readiness (`readinessOf` in the `plugin-ai-conformance-common` package): `conformant`,
   * `not-conformant` (a MUST fails), `undecided` (a MUST is unknown or error) or `not-evaluated`
   * (no successful evaluation yet). Also set as a label, for catalog filters.
   */
  status: 'ai-conformance.io/status',
  /** The backend's state of the cluster: `ok`, `error`, `refused` or `pending`. */
  clusterStatus: 'ai-conformance.io/cluster-status',
  /** The checklist version of the latest evaluation (not the override annotation). */
  evaluatedChecklistVersion: 'ai-conformance.io/evaluated-checklist-version',
  evaluatedAt: 'ai-conformance.io/evaluated-at',
  passed: 'ai-conformance.io/passed',
  failed: 'ai-conformance.io/failed',
  mustFailed: 'ai-conformance.io/must-failed',
  mustUndecided: 'ai-conformance.io/must-undecided',
} as const;

/**
 * The values of the `ai-conformance.io/status` annotation and label.
 *
 * @public
 */
export type AiConformanceEntityStatus = Readiness;
