import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_API_SERVER,
  ANNOTATION_KUBERNETES_API_SERVER_CA,
} from '@backstage/plugin-kubernetes-common';
import { PROVIDER_ANNOTATION } from '@internal/plugin-ai-conformance-common';
import type { ClusterTarget } from '../../clusters/types';
import type { AiConformanceClusterSource } from './types';

/**
 * The annotation with which a cluster entity asks for a checklist version other than the one
 * matching its Kubernetes version.
 *
 * @public
 */
export const ANNOTATION_AI_CONFORMANCE_CHECKLIST_VERSION =
  'ai-conformance.io/checklist-version';

const CHECKLIST_VERSION = /^\d+\.\d+$/;
const PEM_CERTIFICATE = '-----BEGIN CERTIFICATE-----';

function parseUrlProblem(url: string | undefined): string | undefined {
  if (!url) {
    return `the entity has no ${ANNOTATION_KUBERNETES_API_SERVER} annotation; set it to the API server URL`;
  }
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      return `annotation ${ANNOTATION_KUBERNETES_API_SERVER} is not an http(s) URL; set it to the https URL of the API server`;
    }
    if (parsed.username || parsed.password) {
      return `annotation ${ANNOTATION_KUBERNETES_API_SERVER} must not contain credentials`;
    }
  } catch {
    return `annotation ${ANNOTATION_KUBERNETES_API_SERVER} is not a valid URL; set it to the https URL of the API server`;
  }
  return undefined;
}

function parseCaProblem(caData: string | undefined): string | undefined {
  if (!caData) {
    return undefined;
  }
  const decoded = Buffer.from(caData, 'base64').toString('utf8');
  if (!decoded.includes(PEM_CERTIFICATE)) {
    return `annotation ${ANNOTATION_KUBERNETES_API_SERVER_CA} is not a base64-encoded PEM certificate`;
  }
  return undefined;
}

/** The full, lower-case entity ref of `spec.owner`, as ownership claims spell it. */
function normalizeOwner(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Turns one catalog entity into a target; malformed annotations become `problem`.
 *
 * @public
 */
export function catalogEntityToTarget(entity: Entity): ClusterTarget {
  const annotations = entity.metadata.annotations ?? {};
  const url = annotations[ANNOTATION_KUBERNETES_API_SERVER];
  const caData = annotations[ANNOTATION_KUBERNETES_API_SERVER_CA];
  const checklistVersion =
    annotations[ANNOTATION_AI_CONFORMANCE_CHECKLIST_VERSION];
  const checklistProblem =
    checklistVersion !== undefined && !CHECKLIST_VERSION.test(checklistVersion)
      ? `annotation ${ANNOTATION_AI_CONFORMANCE_CHECKLIST_VERSION} "${checklistVersion}" is not a checklist version such as 1.35`
      : undefined;
  const owner = normalizeOwner(entity);
  return {
    name: entity.metadata.name,
    source: 'catalog',
    entityRef: stringifyEntityRef(entity),
    owner,
    url,
    caData: caData || undefined,
    checklistVersion: checklistProblem ? undefined : checklistVersion,
    problem: parseUrlProblem(url) ?? parseCaProblem(caData) ?? checklistProblem,
    providerAnnotation: annotations[PROVIDER_ANNOTATION],
    lifecycle:
      typeof entity.spec?.lifecycle === 'string'
        ? entity.spec.lifecycle
        : undefined,
  };
}

/**
 * Clusters from the catalog: `Resource` entities of `spec.type: kubernetes-cluster`, read with
 * the annotations of the Kubernetes plugin's catalog cluster locator.
 *
 * @public
 */
export class CatalogClusterSource implements AiConformanceClusterSource {
  constructor(
    private readonly options: { catalog: CatalogService; auth: AuthService },
  ) {}

  async getClusters(): Promise<ClusterTarget[]> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' },
        fields: [
          'kind',
          'metadata',
          'spec.owner',
          'spec.type',
          'spec.lifecycle',
        ],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return items.map(catalogEntityToTarget);
  }
}
