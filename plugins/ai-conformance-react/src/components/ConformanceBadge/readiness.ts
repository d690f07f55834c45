import {
  type EvaluationSummary,
  type Readiness,
  READINESS_LABELS,
  readinessOf,
} from '@internal/plugin-ai-conformance-common';

/**
 * How the UI shows a cluster's readiness (the rule itself is `readinessOf` in
 * the `plugin-ai-conformance-common` package).
 *
 * @public
 */
export interface ReadinessDescription {
  state: Readiness;
  label: string;
  /** One sentence on why, e.g. "2 MUST requirements fail". */
  detail: string;
  color: 'success' | 'error' | 'warning' | 'default';
}

function plural(count: number, word: string) {
  return `${count} MUST ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Label, one-sentence detail and colour of a summary's readiness.
 *
 * @public
 */
export function describeReadiness(
  summary?: EvaluationSummary,
): ReadinessDescription {
  const state = readinessOf(summary);
  const label = READINESS_LABELS[state];
  switch (state) {
    case 'not-evaluated':
      return {
        state,
        label,
        detail: 'No evaluation of this cluster has finished yet.',
        color: 'default',
      };
    case 'not-conformant':
      return {
        state,
        label,
        detail: `${plural(summary!.mustFailed, 'requirement')} fail${
          summary!.mustFailed === 1 ? 's' : ''
        }.`,
        color: 'error',
      };
    case 'conformant':
      return {
        state,
        label,
        detail: 'Every MUST requirement passes or does not apply.',
        color: 'success',
      };
    default:
      return {
        state,
        label,
        detail: `${plural(
          summary!.mustUndecided,
          'requirement',
        )} could not be decided (unknown or error); see their reasons.`,
        color: 'warning',
      };
  }
}
