import type { FleetMatrixRow } from '@internal/plugin-ai-conformance-common';

/** The picker's `ui:options`. @public */
export interface ConformantClusterPickerOptions {
  /** Requirement ids that must `pass` on the cluster. */
  requirements?: string[];
  /** Only offer clusters whose every MUST passes or does not apply (default true). */
  requireConformant?: boolean;
}

/** The value a picked cluster gets: its identity (entity ref, or `config:<name>` for config clusters). */
export function clusterValue(row: FleetMatrixRow): string {
  return row.entityRef ?? row.cluster;
}

/** Clusters that meet the picker's conditions. Pure. */
export function eligibleClusters(
  rows: FleetMatrixRow[],
  options: ConformantClusterPickerOptions,
): FleetMatrixRow[] {
  const requireConformant = options.requireConformant ?? true;
  const requirements = options.requirements ?? [];
  return rows.filter(
    row =>
      row.summary !== undefined &&
      (!requireConformant || row.summary.conformant) &&
      requirements.every(id => row.cells[id]?.verdict === 'pass'),
  );
}
