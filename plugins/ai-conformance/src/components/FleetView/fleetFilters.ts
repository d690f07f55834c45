import type {
  ClusterStatus,
  ClusterSummary,
  FleetMatrixRow,
  Readiness,
} from '@internal/plugin-ai-conformance-common';
import { providerTitle } from '@internal/plugin-ai-conformance-common';
import { describeReadiness } from '@internal/plugin-ai-conformance-react';

/** The dimensions the fleet can be filtered and grouped by. */
export const DIMENSIONS = [
  'provider',
  'owner',
  'lifecycle',
  'kubernetes',
  'checklistVersion',
  'readiness',
  'status',
] as const;

export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, string> = {
  provider: 'Provider',
  owner: 'Owner',
  lifecycle: 'Lifecycle',
  kubernetes: 'Kubernetes',
  checklistVersion: 'Checklist version',
  readiness: 'Verdict',
  status: 'Status',
};

/** The fleet's filters: `all` leaves a dimension unfiltered; `search` matches cluster names. */
export type FleetFilterState = Record<Dimension, string> & { search: string };

export const NO_FILTERS: FleetFilterState = {
  provider: 'all',
  owner: 'all',
  lifecycle: 'all',
  kubernetes: 'all',
  checklistVersion: 'all',
  readiness: 'all',
  status: 'all',
  search: '',
};

/** The value standing for "not set" in a dimension (a config cluster has no owner). */
export const NONE = 'none';

const STATUS_LABELS: Record<ClusterStatus, string> = {
  ok: 'Evaluated',
  error: 'Evaluation failed',
  refused: 'Refused',
  pending: 'Pending',
};

const READINESS_ORDER: Array<Readiness> = [
  'conformant',
  'not-conformant',
  'undecided',
  'not-evaluated',
];

/** `1.35` from `v1.35.2-eks-…`. */
function kubernetesMinor(gitVersion: string | undefined): string | undefined {
  const match = /^v?(\d+\.\d+)/.exec(gitVersion ?? '');
  return match?.[1];
}

/** A row as the list and the matrix show it; plain summaries lack provider, owner and lifecycle. */
export type FleetRow = ClusterSummary & Partial<FleetMatrixRow>;

/** The value of one dimension for a cluster; {@link NONE} when unset. */
export function dimensionValue(row: FleetRow, dimension: Dimension): string {
  switch (dimension) {
    case 'provider':
      return row.provider?.provider ?? NONE;
    case 'owner':
      return row.owner ?? NONE;
    case 'lifecycle':
      return row.lifecycle ?? NONE;
    case 'kubernetes':
      return kubernetesMinor(row.kubernetesVersion) ?? NONE;
    case 'checklistVersion':
      return row.checklistVersion ?? NONE;
    case 'readiness':
      return describeReadiness(row.summary).state;
    case 'status':
      return row.status;
    default:
      return NONE;
  }
}

/** How a dimension's value is shown, e.g. `Google Cloud` for provider `gcp`. */
export function dimensionValueLabel(dimension: Dimension, value: string) {
  if (value === NONE) {
    return dimension === 'provider' ? 'Not detected' : 'Not set';
  }
  switch (dimension) {
    case 'provider':
      return providerTitle(value as Parameters<typeof providerTitle>[0]);
    case 'readiness':
      return describeReadiness(
        value === 'not-evaluated'
          ? undefined
          : {
              pass: 0,
              fail: 0,
              notApplicable: 0,
              unknown: 0,
              error: 0,
              total: 0,
              mustFailed: value === 'not-conformant' ? 1 : 0,
              mustUndecided: value === 'undecided' ? 1 : 0,
              conformant: value === 'conformant',
            },
      ).label;
    case 'status':
      return STATUS_LABELS[value as ClusterStatus] ?? value;
    default:
      return value;
  }
}

export function applyFleetFilters<T extends FleetRow>(
  rows: T[],
  filters: FleetFilterState,
): T[] {
  const active = DIMENSIONS.filter(d => filters[d] !== 'all');
  const search = filters.search.trim().toLocaleLowerCase('en-US');
  return rows.filter(
    row =>
      active.every(d => dimensionValue(row, d) === filters[d]) &&
      (!search || row.cluster.toLocaleLowerCase('en-US').includes(search)),
  );
}

function compareValues(dimension: Dimension, a: string, b: string) {
  // Clusters without a value sort last.
  if (a === NONE && b === NONE) return 0;
  if (a === NONE) return 1;
  if (b === NONE) return -1;
  if (dimension === 'readiness') {
    return (
      READINESS_ORDER.indexOf(a as Readiness) -
      READINESS_ORDER.indexOf(b as Readiness)
    );
  }
  if (dimension === 'kubernetes' || dimension === 'checklistVersion') {
    return b.localeCompare(a, undefined, { numeric: true });
  }
  return a.localeCompare(b);
}

/** The values of a dimension present in the fleet, in display order. */
export function valuesIn(rows: FleetRow[], dimension: Dimension): string[] {
  const values = new Set(rows.map(r => dimensionValue(r, dimension)));
  return [...values].sort((a, b) => compareValues(dimension, a, b));
}

/** The checklist versions present in the fleet, newest first. */
export function checklistVersionsIn(rows: FleetRow[]): string[] {
  return valuesIn(rows, 'checklistVersion').filter(v => v !== NONE);
}

export interface RowGroup<T> {
  key: string;
  label: string;
  rows: T[];
}

/** Splits rows by a dimension, groups in display order; one unnamed group without grouping. */
export function groupRows<T extends FleetRow>(
  rows: T[],
  dimension: Dimension | 'none',
): RowGroup<T>[] {
  if (dimension === 'none') {
    return [{ key: 'all', label: 'All clusters', rows }];
  }
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = dimensionValue(row, dimension);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.keys()]
    .sort((a, b) => compareValues(dimension, a, b))
    .map(key => ({
      key,
      label: dimensionValueLabel(dimension, key),
      rows: groups.get(key)!,
    }));
}
