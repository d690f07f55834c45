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

const PREFIX = 'ai-conformance.io/';
/** Annotations of our namespace that catalog authors set (inputs); every other one is ours. */
const AUTHOR_ANNOTATIONS = new Set(['ai-conformance.io/checklist-version']);

/** The record without the keys of our namespace, except the allowed ones. */
function withoutOwnKeys(
  record: Record<string, string> | undefined,
  allowed: ReadonlySet<string> = new Set(),
): Record<string, string> | undefined {
  if (!record) return record;
  const entries = Object.entries(record).filter(
    ([key]) => !key.startsWith(PREFIX) || allowed.has(key),
  );
  return entries.length === Object.keys(record).length
    ? record
    : Object.fromEntries(entries);
}

/**
 * Puts the latest AI conformance summary of a `kubernetes-cluster` Resource on the entity as
 * annotations and an `ai-conformance.io/status` label, so catalog views can filter on it.
 * The processor owns the `ai-conformance.io/` labels and annotations of cluster entities: what a
 * catalog author wrote there (a `status: conformant` on a cluster the backend does not know) is
 * removed, except the input annotation `ai-conformance.io/checklist-version`.
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
    const authored = {
      annotations: withoutOwnKeys(
        entity.metadata.annotations,
        AUTHOR_ANNOTATIONS,
      ),
      labels: withoutOwnKeys(entity.metadata.labels),
    };
    const cluster = await this.fleet.get(stringifyEntityRef(entity));
    if (!cluster) {
      if (
        authored.annotations === entity.metadata.annotations &&
        authored.labels === entity.metadata.labels
      ) {
        return entity;
      }
      const metadata = { ...entity.metadata, ...authored };
      if (!metadata.annotations) delete metadata.annotations;
      if (!metadata.labels) delete metadata.labels;
      return { ...entity, metadata };
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
        annotations: { ...authored.annotations, ...annotations },
        labels: { ...authored.labels, [A.status]: status },
      },
    };
  }
}
