import {
  RequirementResult,
  Verdict,
} from '@internal/plugin-ai-conformance-common';
import { makeScorecard } from '../__testUtils__/scorecards';
import { carryForwardProbeResults } from './carryForwardProbeResults';

const DAY = 24 * 3_600_000;
const PROBED_AT = '2026-11-20T10:00:00.000Z';

function gang(
  verdict: Verdict,
  reason: string,
  mode?: 'active',
): RequirementResult {
  return {
    id: 'gang_scheduling',
    category: 'schedulingOrchestration',
    level: 'MUST',
    verdict,
    reason,
    evidence: [{ message: `${reason} (evidence)` }],
    ...(mode ? { mode } : {}),
  };
}

const probed = (verdict: Verdict = 'fail') =>
  makeScorecard('c', {
    evaluatedAt: PROBED_AT,
    requirements: [gang(verdict, `probe: gang Job ${verdict}`, 'active')],
  });
const passive = (verdict: Verdict, evaluatedAt = '2026-11-21T10:00:00.000Z') =>
  makeScorecard('c', {
    evaluatedAt,
    requirements: [gang(verdict, `passive: Kueue ${verdict}`)],
  });
const at = (iso: string) => ({ maxAgeMs: 14 * DAY, now: new Date(iso) });

describe('carryForwardProbeResults', () => {
  it('keeps the probe verdict when the passive round cannot prove more, with its time and age', () => {
    const result = carryForwardProbeResults(
      passive('pass'),
      probed('fail'),
      at('2026-11-21T10:00:00.000Z'),
    );
    const r = result.requirements[0];
    expect(r.verdict).toBe('fail');
    expect(r.mode).toBe('active');
    expect(r.reason).toBe(
      `Not re-verified by this passive round; an active probe on ${PROBED_AT} (24 h ago) found fail: probe: gang Job fail`,
    );
    expect(r.evidence.map(e => e.message)).toEqual([
      `Active probe ran at ${PROBED_AT}`,
      'What the probe found',
      'This passive round found pass: passive: Kueue pass',
      'probe: gang Job fail (evidence)',
    ]);
    // the summary follows the carried verdict
    expect(result.summary).toMatchObject({ fail: 1, pass: 0, mustFailed: 1 });
    expect(result.summary.conformant).toBe(false);
  });

  it('keeps the original probe time across several passive rounds', () => {
    const first = carryForwardProbeResults(
      passive('unknown'),
      probed('pass'),
      at('2026-11-21T10:00:00.000Z'),
    );
    const second = carryForwardProbeResults(
      passive('unknown', '2026-11-25T10:00:00.000Z'),
      first,
      at('2026-11-25T10:00:00.000Z'),
    );
    const r = second.requirements[0];
    expect(r.verdict).toBe('pass');
    expect(r.reason).toBe(
      `Not re-verified by this passive round; an active probe on ${PROBED_AT} (5 days ago) found pass: probe: gang Job pass`,
    );
    // one set of markers, not one per round
    expect(
      r.evidence.filter(e => e.field === 'activeProbe.ranAt'),
    ).toHaveLength(1);
    expect(r.evidence).toHaveLength(4);
  });

  it.each(['fail', 'error', 'not-applicable'] as Verdict[])(
    'lets a passive %s stand: newer decisive evidence, the probe noted',
    verdict => {
      const result = carryForwardProbeResults(
        passive(verdict),
        probed('pass'),
        at('2026-11-21T10:00:00.000Z'),
      );
      const r = result.requirements[0];
      expect(r.verdict).toBe(verdict);
      expect(r.mode).toBeUndefined();
      expect(r.evidence.at(-1)?.message).toBe(
        `Replaces older probe evidence: an active probe on ${PROBED_AT} (24 h ago) found pass; this passive round's ${verdict} is newer`,
      );
    },
  );

  it('stops carrying probe evidence older than the limit and says to probe again', () => {
    const result = carryForwardProbeResults(
      passive('unknown', '2026-12-10T10:00:00.000Z'),
      probed('pass'),
      at('2026-12-10T10:00:00.000Z'),
    );
    const r = result.requirements[0];
    expect(r.verdict).toBe('unknown');
    expect(r.evidence.at(-1)?.message).toContain(
      'is older than 14 days and no longer counts',
    );
    expect(r.evidence.at(-1)?.message).toContain('run the probes again');
  });

  it('carries nothing across checklist versions or without probe results', () => {
    const other = makeScorecard('c', {
      checklistVersion: '1.34',
      requirements: [gang('fail', 'probe', 'active')],
    });
    const fresh = passive('pass');
    expect(
      carryForwardProbeResults(fresh, other, at('2026-11-21T10:00:00.000Z')),
    ).toBe(fresh);
    expect(
      carryForwardProbeResults(
        fresh,
        passive('unknown'),
        at('2026-11-21T10:00:00.000Z'),
      ),
    ).toBe(fresh);
    expect(
      carryForwardProbeResults(
        fresh,
        undefined,
        at('2026-11-21T10:00:00.000Z'),
      ),
    ).toBe(fresh);
  });
});
