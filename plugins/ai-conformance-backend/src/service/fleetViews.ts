import {
  ClusterSummary,
  FleetSummary,
  readinessOf,
  RequirementAcrossFleet,
  Scorecard,
} from '@internal/plugin-ai-conformance-common';
import { StoredCluster, StoredSummary } from '../database/AiConformanceStore';
import { toCsv } from './toCsv';

/**
 * The fleet view of stored clusters and the stored summaries of their latest good runs.
 *
 * @internal
 */
export function toFleetSummary(
  clusters: StoredCluster[],
  latest: Map<string, StoredSummary>,
): FleetSummary {
  const conformantByChecklist: Record<string, number> = {};
  const summaries = clusters.map((cluster): ClusterSummary => {
    const scorecard = latest.get(cluster.cluster);
    if (scorecard && readinessOf(scorecard.summary) === 'conformant') {
      conformantByChecklist[scorecard.checklistVersion] =
        (conformantByChecklist[scorecard.checklistVersion] ?? 0) + 1;
    }
    return toClusterSummary(cluster, scorecard);
  });
  return { clusters: summaries, conformantByChecklist };
}

/**
 * The fleet entry of one stored cluster with the stored summary of its latest good run.
 *
 * @internal
 */
export function toClusterSummary(
  cluster: StoredCluster,
  latest: StoredSummary | undefined,
): ClusterSummary {
  return {
    cluster: cluster.cluster,
    name: cluster.name,
    entityRef: cluster.entityRef,
    source: cluster.source,
    status: cluster.status,
    message: cluster.message,
    kubernetesVersion: latest?.kubernetesVersion,
    checklistVersion: latest?.checklistVersion,
    evaluatedAt: latest?.evaluatedAt,
    summary: latest?.summary,
  };
}

/**
 * The latest verdict of one requirement on each cluster whose scorecard has it.
 *
 * @internal
 */
export function toRequirementAcrossFleet(
  id: string,
  clusters: StoredCluster[],
  scorecards: Map<string, Scorecard>,
): RequirementAcrossFleet {
  const rows: RequirementAcrossFleet['clusters'] = [];
  for (const cluster of clusters) {
    const scorecard = scorecards.get(cluster.cluster);
    const result = scorecard?.requirements.find(r => r.id === id);
    if (scorecard && result) {
      rows.push({
        cluster: cluster.cluster,
        name: cluster.name,
        entityRef: cluster.entityRef,
        checklistVersion: scorecard.checklistVersion,
        level: result.level,
        verdict: result.verdict,
        reason: result.reason,
        evaluatedAt: scorecard.evaluatedAt,
      });
    }
  }
  return { id, clusters: rows };
}

const CSV_HEADER = [
  'cluster',
  'name',
  'entityRef',
  'source',
  'status',
  'message',
  'kubernetesVersion',
  'checklistVersion',
  'evaluatedAt',
  'requirement',
  'category',
  'level',
  'conditional',
  'verdict',
  'reason',
];

/**
 * One CSV row per cluster and requirement; a cluster without a scorecard gets one row with its
 * status and message.
 *
 * @internal
 */
export function toFleetCsv(
  clusters: StoredCluster[],
  scorecards: Map<string, Scorecard>,
): string {
  const rows: Array<Array<string | boolean | undefined>> = [];
  for (const cluster of clusters) {
    const scorecard = scorecards.get(cluster.cluster);
    const base = [
      cluster.cluster,
      cluster.name,
      cluster.entityRef,
      cluster.source,
      cluster.status,
      cluster.message,
      scorecard?.kubernetesVersion,
      scorecard?.checklistVersion,
      scorecard?.evaluatedAt,
    ];
    if (!scorecard || scorecard.requirements.length === 0) {
      rows.push(base);
      continue;
    }
    for (const r of scorecard.requirements) {
      rows.push([
        ...base,
        r.id,
        r.category,
        r.level,
        r.conditional ?? false,
        r.verdict,
        r.reason,
      ]);
    }
  }
  return `${toCsv(CSV_HEADER, rows)}\r\n`;
}
