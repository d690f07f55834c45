import {
  DIMENSIONS,
  NO_FILTERS,
  type Dimension,
  type FleetFilterState,
} from './fleetFilters';

export const FLEET_TABS = ['list', 'matrix', 'trends'] as const;
export type FleetTab = (typeof FLEET_TABS)[number];

export const TREND_RANGES = ['24h', '7d', '30d', '90d', '365d'] as const;
export type TrendRange = (typeof TREND_RANGES)[number];

const RANGE_HOURS: Record<TrendRange, number> = {
  '24h': 24,
  '7d': 7 * 24,
  '30d': 30 * 24,
  '90d': 90 * 24,
  '365d': 365 * 24,
};

/** The `since`/`until` of a trend range ending now. */
export function trendWindow(range: TrendRange, now = Date.now()) {
  return {
    since: new Date(now - RANGE_HOURS[range] * 3_600_000).toISOString(),
    until: new Date(now).toISOString(),
  };
}

/** Everything that defines the fleet view; all of it lives in the URL. */
export interface FleetQuery {
  tab: FleetTab;
  filters: FleetFilterState;
  group: Dimension | 'none';
  /** The checklist version of the matrix columns; undefined lets the backend choose. */
  columns?: string;
  range: TrendRange;
  /** The selected matrix cell: cluster and requirement id. */
  cell?: { cluster: string; requirement: string };
}

const oneOf = <T extends string>(
  values: readonly T[],
  value: string | null,
  fallback: T,
): T =>
  value && (values as readonly string[]).includes(value)
    ? (value as T)
    : fallback;

/** Reads the fleet view from URL search parameters; unknown values fall back to defaults. */
export function parseFleetQuery(params: URLSearchParams): FleetQuery {
  const filters = { ...NO_FILTERS };
  for (const dimension of DIMENSIONS) {
    filters[dimension] = params.get(dimension) || 'all';
  }
  filters.search = params.get('q') ?? '';
  const cell = params.get('cell');
  const separator = cell?.lastIndexOf('~') ?? -1;
  return {
    tab: oneOf(FLEET_TABS, params.get('tab'), 'list'),
    filters,
    group: oneOf([...DIMENSIONS, 'none'] as const, params.get('group'), 'none'),
    columns: params.get('columns') || undefined,
    range: oneOf(TREND_RANGES, params.get('range'), '30d'),
    cell:
      cell && separator > 0
        ? {
            cluster: cell.slice(0, separator),
            requirement: cell.slice(separator + 1),
          }
        : undefined,
  };
}

/** The URL search parameters of a fleet view; defaults are left out, so links stay short. */
export function writeFleetQuery(query: FleetQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.tab !== 'list') params.set('tab', query.tab);
  for (const dimension of DIMENSIONS) {
    if (query.filters[dimension] !== 'all') {
      params.set(dimension, query.filters[dimension]);
    }
  }
  if (query.filters.search) params.set('q', query.filters.search);
  if (query.group !== 'none') params.set('group', query.group);
  if (query.columns) params.set('columns', query.columns);
  if (query.range !== '30d') params.set('range', query.range);
  if (query.cell) {
    params.set('cell', `${query.cell.cluster}~${query.cell.requirement}`);
  }
  return params;
}
