import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  ClusterSummary,
  readinessOf,
} from '@internal/plugin-ai-conformance-common';
import {
  AI_CONFORMANCE_ANNOTATIONS as A,
  AiConformanceEntityStatus,
} from '../annotations';

/**
 * Puts the latest AI conformance summary of a `kubernetes-cluster` Resource on the entity as
 * annotations and an `ai-conformance.io/status` label, so catalog views can filter on it.
 *
 * @public
 */
export class AiConformanceStatusProcessor implements CatalogProcessor {
  constructor(
    private readonly fleet: {
      get(entityRef: string): Promise<ClusterSummary | undefined>;
    },
  ) {}

  getProcessorName(): string {
    return 'AiConformanceStatusProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (
      entity.kind.toLocaleLowerCase('en-US') !== 'resource' ||
      entity.spec?.type !== 'kubernetes-cluster'
    ) {
      return entity;
    }
    const cluster = await this.fleet.get(stringifyEntityRef(entity));
    if (!cluster) {
      return entity;
    }
    const status: AiConformanceEntityStatus = readinessOf(cluster.summary);
    const annotations: Record<string, string> = {
      [A.status]: status,
      [A.clusterStatus]: cluster.status,
    };
    if (cluster.summary) {
      annotations[A.passed] = String(cluster.summary.pass);
      annotations[A.failed] = String(cluster.summary.fail);
      annotations[A.mustFailed] = String(cluster.summary.mustFailed);
      annotations[A.mustUndecided] = String(cluster.summary.mustUndecided);
    }
    if (cluster.checklistVersion) {
      annotations[A.evaluatedChecklistVersion] = cluster.checklistVersion;
    }
    if (cluster.evaluatedAt) {
      annotations[A.evaluatedAt] = cluster.evaluatedAt;
    }
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: { ...entity.metadata.annotations, ...annotations },
        labels: { ...entity.metadata.labels, [A.status]: status },
      },
    };
  }
}
