import type { EvaluationRun } from '@internal/plugin-ai-conformance-common';
import { runs } from '../../__fixtures__/data';
import { describeChange, passRate } from './HistoryPanel';

describe('history', () => {
  it('computes the pass rate over applicable requirements', () => {
    const run = runs()[0];
    run.summary = { ...run.summary!, pass: 6, notApplicable: 2, total: 10 };
    expect(passRate(run)).toBe(0.75);
  });

  it('has no pass rate for a failed run', () => {
    const failed: EvaluationRun = {
      id: 'x',
      cluster: 'c',
      status: 'error',
      evaluatedAt: '2026-01-01T00:00:00Z',
      trigger: 'schedule',
    };
    expect(passRate(failed)).toBeUndefined();
  });

  it('skips failed runs when comparing with the previous run', () => {
    const [latest, previous] = runs();
    const failed: EvaluationRun = {
      ...latest,
      id: 'f',
      status: 'error',
      summary: undefined,
    };
    expect(describeChange([failed, latest, previous])).toMatch(
      /^Regression: the cluster was conformant/,
    );
  });

  it('counts more MUST failures as a regression', () => {
    const [latest, previous] = runs();
    previous.summary = { ...latest.summary!, mustFailed: 0 };
    latest.summary = { ...latest.summary!, mustFailed: 2 };
    expect(describeChange([latest, previous])).toBe(
      'Regression: 2 more MUST requirements fail than in the previous run.',
    );
  });

  it('says nothing with fewer than two good runs', () => {
    expect(describeChange(runs().slice(0, 1))).toBeUndefined();
  });
});
