import { ModelServerView } from './modelServerEntity';

/** The fleet view's filters; an empty value matches everything. */
export interface ModelServingFilters {
  model: string;
  runtime: string;
  cluster: string;
  owner: string;
  readiness: string;
}

export const NO_FILTERS: ModelServingFilters = {
  model: '',
  runtime: '',
  cluster: '',
  owner: '',
  readiness: '',
};

const FILTER_KEYS = Object.keys(NO_FILTERS) as Array<keyof ModelServingFilters>;
const READINESS = ['ready', 'not-ready', 'unknown'];

/**
 * The filters named in the page's query string (`?model=…&runtime=…&cluster=…&owner=…&readiness=…`),
 * so a filtered view can be bookmarked and shared. Unknown keys are ignored; an unknown readiness
 * value is dropped (it would match nothing).
 */
export function filtersFromSearch(
  search: URLSearchParams,
): ModelServingFilters {
  const filters = { ...NO_FILTERS };
  for (const key of FILTER_KEYS) filters[key] = search.get(key)?.trim() ?? '';
  if (!READINESS.includes(filters.readiness)) filters.readiness = '';
  return filters;
}

/** The query string of the filters: only those that are set, in a fixed order. */
export function filtersToSearch(filters: ModelServingFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS)
    if (filters[key]) search.set(key, filters[key]);
  return search;
}

/** A row of the fleet view: the server and its entity's ref. */
export interface ModelServerRow {
  entityRef: string;
  server: ModelServerView;
}

/** The values each filter can take, from the rows (sorted). */
export function filterOptions(
  rows: ModelServerRow[],
): Record<keyof ModelServingFilters, string[]> {
  const collect = (pick: (r: ModelServerRow) => string[]) =>
    [...new Set(rows.flatMap(pick).filter(Boolean))].sort((a, b) =>
      a.localeCompare(b),
    );
  return {
    model: collect(r => r.server.models.map(m => m.name)),
    runtime: collect(r => [r.server.runtime?.name ?? '']),
    cluster: collect(r => [r.server.cluster]),
    owner: collect(r => [r.server.owner ?? '']),
    readiness: READINESS,
  };
}

/** Rows that match every set filter. */
export function applyFilters(
  rows: ModelServerRow[],
  f: ModelServingFilters,
): ModelServerRow[] {
  return rows.filter(
    ({ server: s }) =>
      (!f.model || s.models.some(m => m.name === f.model)) &&
      (!f.runtime || s.runtime?.name === f.runtime) &&
      (!f.cluster || s.cluster === f.cluster) &&
      (!f.owner || s.owner === f.owner) &&
      (!f.readiness || s.readiness === f.readiness),
  );
}
