import { Scorecard } from '@internal/plugin-ai-conformance-common';

const VERDICT_LABEL: Record<string, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  'not-applicable': 'N/A',
  unknown: 'UNKNOWN',
  error: 'ERROR',
};

/** A readable table of a scorecard: one line per requirement, then the summary. @internal */
export function formatTable(scorecard: Scorecard): string {
  const rows = scorecard.requirements.map(r => [
    r.id,
    r.conditional ? `${r.level}*` : r.level,
    VERDICT_LABEL[r.verdict] ?? r.verdict,
    r.reason,
  ]);
  const header = ['REQUIREMENT', 'LEVEL', 'VERDICT', 'REASON'];
  const widths = [0, 1, 2].map(i =>
    Math.max(header[i].length, ...rows.map(row => row[i].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c))
      .join('  ')
      .trimEnd();
  const s = scorecard.summary;
  return [
    `Cluster ${scorecard.cluster}: Kubernetes ${scorecard.kubernetesVersion}, checklist ${scorecard.checklistVersion}`,
    '',
    line(header),
    ...rows.map(line),
    '',
    `* conditional MUST. ${s.pass} pass, ${s.fail} fail, ${s.notApplicable} not applicable, ${s.unknown} unknown, ${s.error} error.`,
    s.conformant
      ? 'Every MUST passes or is not applicable.'
      : `Not conformant: ${s.mustFailed} MUST failed, ${s.mustUndecided} MUST undecided (unknown or error).`,
    `${scorecard.apiRequests} API requests in ${scorecard.durationMs} ms.`,
  ].join('\n');
}
