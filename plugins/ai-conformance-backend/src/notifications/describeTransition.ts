import { Scorecard } from '@internal/plugin-ai-conformance-common';

/**
 * How a cluster's conformance changed between two successful evaluations:
 * - `regressed`: it stopped being conformant, or a MUST went from `pass` to `fail` or `error`;
 * - `recovered`: it was not conformant and now is.
 *
 * @internal
 */
export type ConformanceTransition =
  | {
      kind: 'regressed';
      lostConformance: boolean;
      /** MUST requirements that passed before and now fail or error, with their reasons. */
      mustRegressions: Array<{
        id: string;
        verdict: 'fail' | 'error';
        reason: string;
      }>;
    }
  | { kind: 'recovered' };

/**
 * Compares a cluster's previous and new scorecard. Undefined when nothing worth telling the
 * owners happened (including the first evaluation of a cluster). Pure.
 *
 * @internal
 */
export function describeTransition(
  previous: Scorecard | undefined,
  next: Scorecard,
): ConformanceTransition | undefined {
  if (!previous) return undefined;
  const passedBefore = new Set(
    previous.requirements
      .filter(r => r.level === 'MUST' && r.verdict === 'pass')
      .map(r => r.id),
  );
  const mustRegressions = next.requirements.flatMap(r =>
    r.level === 'MUST' &&
    passedBefore.has(r.id) &&
    (r.verdict === 'fail' || r.verdict === 'error')
      ? [{ id: r.id, verdict: r.verdict, reason: r.reason }]
      : [],
  );
  const lostConformance =
    previous.summary.conformant && !next.summary.conformant;
  if (lostConformance || mustRegressions.length > 0) {
    return { kind: 'regressed', lostConformance, mustRegressions };
  }
  if (!previous.summary.conformant && next.summary.conformant) {
    return { kind: 'recovered' };
  }
  return undefined;
}
