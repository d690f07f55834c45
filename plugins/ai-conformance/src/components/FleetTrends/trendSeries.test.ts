import type { FleetTrends } from '@internal/plugin-ai-conformance-common';
import { isIsolatedPoint, providersIn, toChartData } from './trendSeries';

const point = (
  at: string,
  evaluated: number,
  conformant: number,
  byProvider: FleetTrends['points'][number]['byProvider'] = {},
): FleetTrends['points'][number] => ({
  at,
  evaluated,
  conformant,
  conformantShare: evaluated ? conformant / evaluated : 0,
  mustFailed: evaluated - conformant,
  byProvider,
  regression: false,
});

// Three hourly buckets: nothing evaluated yet, then the first round, then an AWS cluster too.
const trends: FleetTrends = {
  from: '2026-12-03T17:00:00.000Z',
  to: '2026-12-03T20:00:00.000Z',
  bucket: 'hour',
  points: [
    point('2026-12-03T18:00:00.000Z', 0, 0),
    point('2026-12-03T19:00:00.000Z', 2, 1, {
      gcp: { evaluated: 2, conformant: 1, conformantShare: 0.5, mustFailed: 1 },
    }),
    point('2026-12-03T20:00:00.000Z', 3, 1, {
      gcp: { evaluated: 2, conformant: 1, conformantShare: 0.5, mustFailed: 1 },
      aws: { evaluated: 1, conformant: 0, conformantShare: 0, mustFailed: 2 },
    }),
  ],
  regressions: [],
};

describe('trend series', () => {
  it('leaves a gap, not 0 % or 0 failures, before the first evaluation, and gives shares in percent', () => {
    const data = toChartData(trends);
    expect(data[0].fleetShare).toBeNaN();
    expect(data[0].fleetMustFailed).toBeNaN();
    expect(data[1].fleetMustFailed).toBe(1);
    expect(data[1].fleetShare).toBe(50);
    expect(data[2].fleetShare).toBe(33.3);
    expect(data[2].awsShare).toBe(0);
    expect(data[1].awsShare).toBeUndefined();
    expect(providersIn(trends)).toEqual(['aws', 'gcp']);
  });

  it('finds the points no line reaches, which the chart draws as dots', () => {
    const data = toChartData(trends);
    // The AWS cluster appears in the last bucket only: one point, no line.
    expect(isIsolatedPoint(data, 'awsShare', 2)).toBe(true);
    // The fleet has two consecutive points: a line, no dots; no value at all is no dot.
    expect(isIsolatedPoint(data, 'fleetShare', 1)).toBe(false);
    expect(isIsolatedPoint(data, 'fleetShare', 2)).toBe(false);
    expect(isIsolatedPoint(data, 'fleetShare', 0)).toBe(false);
    // A single bucket in the range (a first start): its only point is isolated.
    const first = toChartData({ ...trends, points: trends.points.slice(0, 2) });
    expect(isIsolatedPoint(first, 'fleetShare', 1)).toBe(true);
    expect(isIsolatedPoint(first, 'gcpShare', 1)).toBe(true);
  });
});
