import {
  parseEntityRef,
  RELATION_DEPENDS_ON,
  type Entity,
} from '@backstage/catalog-model';
import type { ClusterSummary } from '@internal/plugin-ai-conformance-common';

/** The Kubernetes plugin's annotations that tie a Component to its workloads. @public */
export const KUBERNETES_WORKLOAD_ANNOTATIONS = [
  'backstage.io/kubernetes-id',
  'backstage.io/kubernetes-label-selector',
] as const;

/** Whether the Kubernetes plugin can find the entity's workloads on clusters. @public */
export function hasKubernetesWorkloadAnnotation(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return KUBERNETES_WORKLOAD_ANNOTATIONS.some(a => Boolean(annotations[a]));
}

/** A cluster an entity deploys to, and how we know. @public */
export interface DeploymentCluster {
  cluster: ClusterSummary;
  via: 'dependsOn' | 'workloads';
}

/**
 * The fleet's clusters an entity deploys to: Resources it `dependsOn` (matched by entity ref),
 * and clusters on which the Kubernetes plugin found its workloads (matched by cluster name, the
 * name both plugins give a catalog or config cluster). Each cluster once; `dependsOn` first.
 *
 * @public
 */
export function findDeploymentClusters(
  entity: Entity,
  clusters: ClusterSummary[],
  clustersWithWorkloads: readonly string[] = [],
): DeploymentCluster[] {
  const dependsOn = new Set(
    (entity.relations ?? [])
      .filter(r => r.type === RELATION_DEPENDS_ON)
      .map(r => r.targetRef.toLocaleLowerCase('en-US'))
      .filter(ref => parseEntityRef(ref).kind === 'resource'),
  );
  const found = new Map<string, DeploymentCluster>();
  for (const cluster of clusters) {
    const ref = cluster.entityRef?.toLocaleLowerCase('en-US');
    if (ref && dependsOn.has(ref)) {
      found.set(cluster.cluster, { cluster, via: 'dependsOn' });
    }
  }
  for (const name of clustersWithWorkloads) {
    // The Kubernetes plugin knows a cluster by name, ours by identity: a name that two clusters
    // share (entities in two namespaces) cannot say which one runs the workloads.
    const named = clusters.filter(c => c.name === name);
    const cluster = named.length === 1 ? named[0] : undefined;
    if (cluster && !found.has(cluster.cluster)) {
      found.set(cluster.cluster, { cluster, via: 'workloads' });
    }
  }
  return [...found.values()];
}
