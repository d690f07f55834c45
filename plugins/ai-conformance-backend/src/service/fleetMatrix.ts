import {
  FleetMatrix,
  FleetMatrixCell,
  Scorecard,
  getChecklist,
  getRequirement,
  listChecklistVersions,
} from '@internal/plugin-ai-conformance-common';
import { InputError } from '@backstage/errors';
import { StoredCluster } from '../database/AiConformanceStore';
import { toClusterSummary } from './fleetViews';

const newestFirst = (a: string, b: string) =>
  b.localeCompare(a, undefined, { numeric: true });

/**
 * The checklist version the matrix shows: the requested one (must be known), else the newest
 * version any cluster was graded against, else the newest known.
 */
function chooseMatrixChecklist(
  requested: string | undefined,
  scorecards: Iterable<Scorecard>,
): string {
  const known = listChecklistVersions().sort(newestFirst);
  if (requested !== undefined) {
    if (!getChecklist(requested)) {
      throw new InputError(
        `Unknown checklist version "${requested}"; known versions: ${known.join(
          ', ',
        )}`,
      );
    }
    return requested;
  }
  const inUse = [...scorecards].map(s => s.checklistVersion).sort(newestFirst);
  return inUse[0] ?? known[0];
}

/**
 * Every cluster against the requirements of one checklist version: one row per cluster, one
 * column per requirement, each cell the latest verdict with its reason. A cluster graded against
 * another checklist version shows its verdicts for the requirements both versions share.
 *
 * @internal
 */
export function toFleetMatrix(
  clusters: StoredCluster[],
  scorecards: Map<string, Scorecard>,
  requestedChecklist?: string,
): FleetMatrix {
  const checklistVersion = chooseMatrixChecklist(
    requestedChecklist,
    scorecards.values(),
  );
  const checklist = getChecklist(checklistVersion)!;
  const columns = checklist.requirements.map(r => ({
    id: r.id,
    category: getRequirement(r.id)?.category ?? 'operator',
    level: r.level,
    conditional: r.conditional,
  }));
  const columnIds = new Set(columns.map(c => c.id));
  const rows = clusters.map(cluster => {
    const scorecard = scorecards.get(cluster.cluster);
    const cells: Record<string, FleetMatrixCell> = {};
    for (const result of scorecard?.requirements ?? []) {
      if (columnIds.has(result.id)) {
        cells[result.id] = {
          verdict: result.verdict,
          reason: result.reason,
          level: result.level,
          evidenceCount: result.evidence.length,
        };
      }
    }
    return {
      ...toClusterSummary(cluster, scorecard),
      owner: cluster.owner,
      lifecycle: cluster.lifecycle,
      cells,
    };
  });
  return {
    checklistVersion,
    checklistVersions: listChecklistVersions().sort(newestFirst),
    columns,
    rows,
  };
}
