import {
  type ClusterStatus,
  type ClusterSummary,
  type Readiness,
  readinessOf,
} from '@internal/plugin-ai-conformance-common';

/** The fleet table's filters; `all` leaves a dimension unfiltered. */
export interface FleetFilterState {
  checklistVersion: string | 'all';
  status: ClusterStatus | 'all';
  readiness: Readiness | 'all';
}

export const NO_FILTERS: FleetFilterState = {
  checklistVersion: 'all',
  status: 'all',
  readiness: 'all',
};

export function applyFleetFilters(
  clusters: ClusterSummary[],
  filters: FleetFilterState,
): ClusterSummary[] {
  return clusters.filter(
    c =>
      (filters.checklistVersion === 'all' ||
        c.checklistVersion === filters.checklistVersion) &&
      (filters.status === 'all' || c.status === filters.status) &&
      (filters.readiness === 'all' ||
        readinessOf(c.summary) === filters.readiness),
  );
}

/** The checklist versions present in the fleet, newest first. */
export function checklistVersionsIn(clusters: ClusterSummary[]): string[] {
  const versions = new Set(
    clusters.map(c => c.checklistVersion).filter((v): v is string => !!v),
  );
  return [...versions].sort((a, b) =>
    b.localeCompare(a, undefined, { numeric: true }),
  );
}
