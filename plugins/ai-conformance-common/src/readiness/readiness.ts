import type { EvaluationSummary } from '../types';

/**
 * The readiness of a cluster, from its latest successful evaluation:
 * - `conformant`: every MUST requirement passes or does not apply;
 * - `not-conformant`: a MUST requirement fails (this outweighs undecided ones);
 * - `undecided`: no MUST fails, but one is `unknown` or `error`;
 * - `not-evaluated`: no evaluation has finished.
 *
 * @public
 */
export type Readiness =
  | 'conformant'
  | 'not-conformant'
  | 'undecided'
  | 'not-evaluated';

/**
 * The MUST counts the readiness rule reads.
 *
 * @public
 */
export type ReadinessCounts = Pick<
  EvaluationSummary,
  'mustFailed' | 'mustUndecided'
>;

/**
 * The one readiness rule of the suite, used by the engine's summary, the UI, the catalog module
 * and the actions.
 *
 * @public
 */
export function readinessOf(summary?: ReadinessCounts): Readiness {
  if (!summary) {
    return 'not-evaluated';
  }
  if (summary.mustFailed > 0) {
    return 'not-conformant';
  }
  return summary.mustUndecided > 0 ? 'undecided' : 'conformant';
}

/**
 * Human-readable labels of the readiness states.
 *
 * @public
 */
export const READINESS_LABELS: Record<Readiness, string> = {
  conformant: 'Conformant',
  'not-conformant': 'Not conformant',
  undecided: 'Undecided',
  'not-evaluated': 'Not evaluated',
};
