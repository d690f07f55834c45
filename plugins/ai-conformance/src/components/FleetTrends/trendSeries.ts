import type {
  ClusterProvider,
  FleetTrends,
} from '@internal/plugin-ai-conformance-common';
import { CLUSTER_PROVIDERS } from '@internal/plugin-ai-conformance-common';

/** One row of chart data: the fleet and each provider at one point in time. */
export type TrendDatum = {
  at: number;
  fleetShare: number;
  fleetMustFailed: number;
  regression: boolean;
} & Partial<
  Record<`${ClusterProvider}Share` | `${ClusterProvider}MustFailed`, number>
>;

/** The providers that have clusters somewhere in the window, in the usual order. */
export function providersIn(trends: FleetTrends): ClusterProvider[] {
  const present = new Set(
    trends.points.flatMap(p => Object.keys(p.byProvider)),
  );
  return CLUSTER_PROVIDERS.filter(p => present.has(p));
}

/**
 * Flattens the backend's points for the charts: shares in percent, one key per provider. Points
 * before the first evaluation carry no figures (a gap, not a false 0 % or 0 failures).
 */
export function toChartData(trends: FleetTrends): TrendDatum[] {
  return trends.points.map(point => {
    const datum: TrendDatum = {
      at: Date.parse(point.at),
      fleetShare: point.evaluated
        ? Math.round(point.conformantShare * 1000) / 10
        : NaN,
      fleetMustFailed: point.evaluated ? point.mustFailed : NaN,
      regression: point.regression,
    };
    for (const [provider, figures] of Object.entries(point.byProvider)) {
      const key = provider as ClusterProvider;
      if (!figures) continue;
      datum[`${key}Share`] = Math.round(figures.conformantShare * 1000) / 10;
      datum[`${key}MustFailed`] = figures.mustFailed;
    }
    return datum;
  });
}

/** The key of one plotted series in the chart data. */
export type SeriesKey = Exclude<keyof TrendDatum, 'at' | 'regression'>;

/**
 * Whether the series has a value at `index` and none at either neighbour: a point no line
 * reaches, which the chart must draw as a dot (a single evaluation in the range, for example).
 */
export function isIsolatedPoint(
  data: readonly TrendDatum[],
  key: SeriesKey,
  index: number,
): boolean {
  const has = (i: number) => {
    const value = data[i]?.[key];
    return typeof value === 'number' && !Number.isNaN(value);
  };
  return has(index) && !has(index - 1) && !has(index + 1);
}
