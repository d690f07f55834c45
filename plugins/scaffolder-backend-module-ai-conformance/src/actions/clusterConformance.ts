import { InputError } from '@backstage/errors';
import type {
  AiConformanceApi,
  ClusterSummary,
  RequirementResult,
} from '@internal/plugin-ai-conformance-common';

/** What `ai-conformance:cluster:assert` decides about one cluster. */
export interface ClusterAssertion {
  cluster: string;
  entityRef?: string;
  conformant: boolean;
  checklistVersion: string;
  /** The named requirements' verdicts, by id. */
  verdicts: Record<string, RequirementResult['verdict']>;
  /** Why the cluster does not meet the template's conditions; empty when it does. */
  problems: string[];
}

/**
 * Finds a cluster by identity (entity ref as an EntityPicker gives it, or `config:<name>`), or by
 * a bare name: first as `resource:default/<name>`, then as a name only one cluster has.
 */
export function findCluster(
  clusters: ClusterSummary[],
  cluster: string,
): ClusterSummary | undefined {
  const wanted = cluster.toLocaleLowerCase('en-US');
  const withKind = wanted.includes(':') ? wanted : `resource:default/${wanted}`;
  const named = clusters.filter(
    c => c.name.toLocaleLowerCase('en-US') === wanted,
  );
  return (
    clusters.find(c => c.entityRef?.toLocaleLowerCase('en-US') === withKind) ??
    clusters.find(c => c.cluster.toLocaleLowerCase('en-US') === wanted) ??
    (named.length === 1 ? named[0] : undefined)
  );
}

/**
 * Checks a cluster against a template's conditions: conformant (unless `requireConformant` is
 * false) and every named requirement `pass`. Throws InputError for an unknown or never evaluated
 * cluster, since then the template's input is what needs fixing.
 */
export async function assessCluster(
  api: AiConformanceApi,
  options: {
    cluster: string;
    requirements: string[];
    requireConformant: boolean;
  },
): Promise<ClusterAssertion> {
  const fleet = await api.getFleet();
  const found = findCluster(fleet.clusters, options.cluster);
  if (!found) {
    throw new InputError(
      `The AI conformance backend knows no cluster "${
        options.cluster
      }" (or you may not read it). Known clusters: ${
        fleet.clusters.map(c => c.entityRef ?? c.cluster).join(', ') || 'none'
      }.`,
    );
  }
  if (!found.summary) {
    throw new InputError(
      `Cluster ${found.name} has not been evaluated successfully yet (status ${
        found.status
      }${
        found.message ? `: ${found.message}` : ''
      }); its conformance cannot be asserted.`,
    );
  }
  const scorecard = await api.getScorecard(found.cluster);
  const byId = new Map(scorecard.requirements.map(r => [r.id, r]));
  const problems: string[] = [];
  if (options.requireConformant && !scorecard.summary.conformant) {
    const blocking = scorecard.requirements
      .filter(
        r =>
          r.level === 'MUST' &&
          r.verdict !== 'pass' &&
          r.verdict !== 'not-applicable',
      )
      .map(r => `${r.id} (${r.verdict}: ${r.reason})`);
    problems.push(
      `cluster ${found.name} is not AI conformant on checklist ${
        scorecard.checklistVersion
      }: ${blocking.join('; ')}`,
    );
  }
  const verdicts: ClusterAssertion['verdicts'] = {};
  for (const id of options.requirements) {
    const result = byId.get(id);
    if (!result) {
      problems.push(
        `requirement ${id} is not part of checklist ${scorecard.checklistVersion} that ${found.name} was graded against`,
      );
      continue;
    }
    verdicts[id] = result.verdict;
    if (result.verdict !== 'pass') {
      problems.push(`requirement ${id} is ${result.verdict}: ${result.reason}`);
    }
  }
  return {
    cluster: found.name,
    entityRef: found.entityRef,
    conformant: scorecard.summary.conformant,
    checklistVersion: scorecard.checklistVersion,
    verdicts,
    problems,
  };
}
