import { RequirementResult } from '@internal/plugin-ai-conformance-common';
import { makeScorecard } from '../__testUtils__/scorecards';
import { describeTransition } from './describeTransition';

const result = (
  id: string,
  verdict: RequirementResult['verdict'],
  level: RequirementResult['level'] = 'MUST',
): RequirementResult => ({
  id,
  category: 'accelerators',
  level,
  verdict,
  reason: `${id} is ${verdict}`,
  evidence: [],
});

const card = (...requirements: RequirementResult[]) =>
  makeScorecard('gpu', { requirements });

describe('describeTransition', () => {
  it('says nothing about a first evaluation or an unchanged cluster', () => {
    expect(
      describeTransition(undefined, card(result('a', 'fail'))),
    ).toBeUndefined();
    expect(
      describeTransition(card(result('a', 'pass')), card(result('a', 'pass'))),
    ).toBeUndefined();
    // Still broken: not re-announced.
    expect(
      describeTransition(card(result('a', 'fail')), card(result('a', 'fail'))),
    ).toBeUndefined();
  });

  it('reports a MUST going from pass to fail or error, and the loss of conformance', () => {
    expect(
      describeTransition(
        card(
          result('a', 'pass'),
          result('b', 'pass'),
          result('c', 'pass', 'SHOULD'),
        ),
        card(
          result('a', 'fail'),
          result('b', 'error'),
          result('c', 'fail', 'SHOULD'),
        ),
      ),
    ).toEqual({
      kind: 'regressed',
      lostConformance: true,
      mustRegressions: [
        { id: 'a', verdict: 'fail', reason: 'a is fail' },
        { id: 'b', verdict: 'error', reason: 'b is error' },
      ],
    });
  });

  it('reports a MUST regression on a cluster that was already not conformant', () => {
    expect(
      describeTransition(
        card(result('a', 'fail'), result('b', 'pass')),
        card(result('a', 'fail'), result('b', 'fail')),
      ),
    ).toMatchObject({ kind: 'regressed', lostConformance: false });
  });

  it('does not call a MUST going from pass to unknown a regression, but reports the loss of conformance', () => {
    expect(
      describeTransition(
        card(result('a', 'pass')),
        card(result('a', 'unknown')),
      ),
    ).toEqual({
      kind: 'regressed',
      lostConformance: true,
      mustRegressions: [],
    });
  });

  it('reports recovery when the cluster is conformant again', () => {
    expect(
      describeTransition(card(result('a', 'fail')), card(result('a', 'pass'))),
    ).toEqual({ kind: 'recovered' });
  });
});
