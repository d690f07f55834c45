import type { EvaluationSummary } from '@internal/plugin-ai-conformance-common';

/**
 * The readiness of a cluster derived from its evaluation summary.
 *
 * @public
 */
export interface Readiness {
  state: 'conformant' | 'not-conformant' | 'undecided' | 'not-evaluated';
  label: string;
  /** One sentence on why, e.g. "2 MUST requirements fail". */
  detail: string;
  color: 'success' | 'error' | 'warning' | 'default';
}

function plural(count: number, word: string) {
  return `${count} MUST ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Derives the readiness from a summary. A failing MUST outweighs undecided ones.
 *
 * @public
 */
export function describeReadiness(summary?: EvaluationSummary): Readiness {
  if (!summary) {
    return {
      state: 'not-evaluated',
      label: 'Not evaluated',
      detail: 'No evaluation of this cluster has finished yet.',
      color: 'default',
    };
  }
  if (summary.mustFailed > 0) {
    return {
      state: 'not-conformant',
      label: 'Not conformant',
      detail: `${plural(summary.mustFailed, 'requirement')} fail${
        summary.mustFailed === 1 ? 's' : ''
      }.`,
      color: 'error',
    };
  }
  if (summary.conformant) {
    return {
      state: 'conformant',
      label: 'Conformant',
      detail: 'Every MUST requirement passes or does not apply.',
      color: 'success',
    };
  }
  return {
    state: 'undecided',
    label: 'Undecided',
    detail: `${plural(
      summary.mustUndecided,
      'requirement',
    )} could not be decided (unknown or error); see their reasons.`,
    color: 'warning',
  };
}
