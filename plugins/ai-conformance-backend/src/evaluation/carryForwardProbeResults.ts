import {
  Evidence,
  RequirementResult,
  Scorecard,
} from '@internal/plugin-ai-conformance-common';
import { summarize } from '@internal/plugin-ai-conformance-node';

/** Evidence fields this module writes (and strips before writing them again). */
const RAN_AT = 'activeProbe.ranAt';
const PROBE_REASON = 'activeProbe.reason';
const PASSIVE_ROUND = 'passiveRound';
const OWN_FIELDS = new Set([RAN_AT, PROBE_REASON, PASSIVE_ROUND]);

/** Passive verdicts that are newer decisive evidence and replace a probe's verdict. */
const PASSIVE_WINS = new Set(['fail', 'error', 'not-applicable']);

function ageText(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours < 48) return `${Math.max(0, Math.round(hours))} h`;
  return `${Math.round(hours / 24)} days`;
}

/** When the probe behind an active result ran, and its own reason. */
function probeOrigin(
  result: RequirementResult,
  scorecard: Scorecard,
): { ranAt: string; reason: string } {
  const field = (name: string) =>
    result.evidence.find(e => e.field === name)?.value;
  const ranAt = field(RAN_AT);
  const reason = field(PROBE_REASON);
  return {
    ranAt: typeof ranAt === 'string' ? ranAt : scorecard.evaluatedAt,
    reason: typeof reason === 'string' ? reason : result.reason,
  };
}

function withoutOwnEvidence(evidence: Evidence[]): Evidence[] {
  return evidence.filter(e => !e.field || !OWN_FIELDS.has(e.field));
}

/**
 * The scorecard of a passive round, with the verdicts that the last active probe decided carried
 * forward instead of silently replaced (issue 9). For each requirement the previous scorecard
 * decided with a probe (`mode: 'active'`, same checklist version):
 *
 * - the probe's result is younger than `maxAgeMs` and the passive round found `pass` or
 *   `unknown` (it cannot prove what the probe proved): the probe's verdict, reason and evidence
 *   stay, marked "not re-verified by this passive round", with the probe's time and age and the
 *   passive round's own finding as evidence;
 * - the passive round found `fail`, `error` or `not-applicable`: that is newer decisive evidence
 *   and stands; the evidence notes the probe's older verdict;
 * - the probe's result is older than `maxAgeMs`: the passive verdict stands; the evidence says
 *   the probe evidence expired and the probes should run again.
 *
 * The summary is recomputed. Other requirements are the passive round's.
 *
 * @internal
 */
export function carryForwardProbeResults(
  passive: Scorecard,
  previous: Scorecard | undefined,
  options: { maxAgeMs: number; now?: Date },
): Scorecard {
  if (!previous || previous.checklistVersion !== passive.checklistVersion) {
    return passive;
  }
  const now = (options.now ?? new Date()).getTime();
  const probed = new Map(
    previous.requirements.filter(r => r.mode === 'active').map(r => [r.id, r]),
  );
  if (probed.size === 0) return passive;
  const requirements = passive.requirements.map(result => {
    const earlier = probed.get(result.id);
    if (!earlier || result.mode === 'active') return result;
    const origin = probeOrigin(earlier, previous);
    const age = now - Date.parse(origin.ranAt);
    const probeSaid = `an active probe on ${origin.ranAt} (${ageText(
      age,
    )} ago) found ${earlier.verdict}`;
    if (!(age <= options.maxAgeMs)) {
      return {
        ...result,
        evidence: [
          ...result.evidence,
          {
            message: `The last active probe evidence is older than ${ageText(
              options.maxAgeMs,
            )} and no longer counts (${probeSaid}); run the probes again to re-verify`,
          },
        ],
      };
    }
    if (PASSIVE_WINS.has(result.verdict)) {
      return {
        ...result,
        evidence: [
          ...result.evidence,
          {
            message: `Replaces older probe evidence: ${probeSaid}; this passive round's ${result.verdict} is newer`,
          },
        ],
      };
    }
    return {
      ...earlier,
      reason: `Not re-verified by this passive round; ${probeSaid}: ${origin.reason}`,
      evidence: [
        {
          message: `Active probe ran at ${origin.ranAt}`,
          field: RAN_AT,
          value: origin.ranAt,
        },
        {
          message: 'What the probe found',
          field: PROBE_REASON,
          value: origin.reason,
        },
        {
          message: `This passive round found ${result.verdict}: ${result.reason}`,
          field: PASSIVE_ROUND,
          value: result.verdict,
        },
        ...withoutOwnEvidence(earlier.evidence),
      ],
      mode: 'active' as const,
    };
  });
  return { ...passive, requirements, summary: summarize(requirements) };
}
