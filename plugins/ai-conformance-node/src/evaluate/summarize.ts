import {
  EvaluationSummary,
  readinessOf,
  RequirementResult,
} from '@internal/plugin-ai-conformance-common';

/**
 * Counts the verdicts of one evaluation. A cluster is conformant when every MUST is `pass` or
 * `not-applicable`.
 *
 * @public
 */
export function summarize(results: RequirementResult[]): EvaluationSummary {
  const summary: EvaluationSummary = {
    pass: 0,
    fail: 0,
    notApplicable: 0,
    unknown: 0,
    error: 0,
    total: results.length,
    mustFailed: 0,
    mustUndecided: 0,
    conformant: true,
  };
  for (const result of results) {
    switch (result.verdict) {
      case 'pass':
        summary.pass++;
        break;
      case 'fail':
        summary.fail++;
        break;
      case 'not-applicable':
        summary.notApplicable++;
        break;
      case 'unknown':
        summary.unknown++;
        break;
      default:
        summary.error++;
    }
    if (result.level === 'MUST') {
      if (result.verdict === 'fail') {
        summary.mustFailed++;
      } else if (result.verdict === 'unknown' || result.verdict === 'error') {
        summary.mustUndecided++;
      }
    }
  }
  summary.conformant = readinessOf(summary) === 'conformant';
  return summary;
}
