import { EvaluationSummary } from '@internal/plugin-ai-conformance-common';
import { RunSummaryRow } from '../database/AiConformanceStore';
import { aggregateTrends } from './fleetTrends';
import { parseTrendWindow } from './trendRequest';

const summary = (mustFailed: number): EvaluationSummary => ({
  pass: 10 - mustFailed,
  fail: mustFailed,
  notApplicable: 0,
  unknown: 0,
  error: 0,
  total: 10,
  mustFailed,
  mustUndecided: 0,
  conformant: mustFailed === 0,
});

const run = (
  cluster: string,
  evaluatedAt: string,
  mustFailed: number,
  provider: RunSummaryRow['provider'] = 'aws',
): RunSummaryRow => ({
  cluster,
  evaluatedAt,
  provider,
  summary: summary(mustFailed),
});

const window = {
  from: new Date('2026-11-01T00:00:00.000Z'),
  to: new Date('2026-11-05T00:00:00.000Z'),
};

describe('aggregateTrends', () => {
  it('carries each cluster forward from its latest run and splits by provider', () => {
    const trends = aggregateTrends(
      [
        run('a', '2026-10-20T00:00:00.000Z', 0), // baseline before the window
        run('b', '2026-11-02T12:00:00.000Z', 2, 'gcp'),
        run('b', '2026-11-03T12:00:00.000Z', 0, 'gcp'),
      ],
      window,
    );
    expect(trends.bucket).toBe('day');
    expect(
      trends.points.map(p => [
        p.at.slice(0, 10),
        p.evaluated,
        p.conformant,
        p.mustFailed,
      ]),
    ).toEqual([
      ['2026-11-02', 1, 1, 0],
      ['2026-11-03', 2, 1, 2],
      ['2026-11-04', 2, 2, 0],
      ['2026-11-05', 2, 2, 0],
    ]);
    expect(trends.points[1].conformantShare).toBe(0.5);
    expect(trends.points[1].byProvider).toEqual({
      aws: { evaluated: 1, conformant: 1, conformantShare: 1, mustFailed: 0 },
      gcp: { evaluated: 1, conformant: 0, conformantShare: 0, mustFailed: 2 },
    });
    expect(trends.regressions).toEqual([]);
  });

  it('marks a cluster that stops being conformant, or fails more MUSTs, as a regression', () => {
    const trends = aggregateTrends(
      [
        run('a', '2026-10-31T00:00:00.000Z', 0),
        run('a', '2026-11-02T06:00:00.000Z', 1),
        run('a', '2026-11-03T06:00:00.000Z', 3),
        run('a', '2026-11-04T06:00:00.000Z', 0),
      ],
      window,
    );
    expect(trends.regressions).toEqual([
      expect.objectContaining({
        cluster: 'a',
        kind: 'lost-conformance',
        mustFailedBefore: 0,
        mustFailedAfter: 1,
      }),
      expect.objectContaining({
        kind: 'more-must-failures',
        mustFailedBefore: 1,
        mustFailedAfter: 3,
      }),
    ]);
    expect(trends.points.map(p => p.regression)).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('does not count a regression that happened before the window', () => {
    const trends = aggregateTrends(
      [
        run('a', '2026-10-01T00:00:00.000Z', 0),
        run('a', '2026-10-02T00:00:00.000Z', 2),
      ],
      window,
    );
    expect(trends.regressions).toEqual([]);
    expect(trends.points[0].mustFailed).toBe(2);
  });

  it('uses hourly buckets for short windows and honours provider overrides', () => {
    const trends = aggregateTrends(
      [run('a', '2026-11-01T00:30:00.000Z', 0)],
      { from: window.from, to: new Date('2026-11-01T03:00:00.000Z') },
      new Map([['a', 'openshift']]),
    );
    expect(trends.bucket).toBe('hour');
    expect(trends.points).toHaveLength(3);
    expect(Object.keys(trends.points[0].byProvider)).toEqual(['openshift']);
  });
});

describe('parseTrendWindow', () => {
  const now = new Date('2026-12-01T00:00:00.000Z');
  it('defaults to the 30 days before now', () => {
    expect(parseTrendWindow(undefined, undefined, now)).toEqual({
      from: new Date('2026-11-01T00:00:00.000Z'),
      to: now,
    });
  });
  it('rejects malformed, reversed and too long windows with what to fix', () => {
    expect(() => parseTrendWindow('yesterday', undefined, now)).toThrow(
      'since "yesterday" is not an ISO 8601 time',
    );
    expect(() =>
      parseTrendWindow('2026-12-02T00:00:00Z', undefined, now),
    ).toThrow(/must be before until/);
    expect(() =>
      parseTrendWindow('2024-01-01T00:00:00Z', undefined, now),
    ).toThrow(/longer than the 400 days/);
  });
});
