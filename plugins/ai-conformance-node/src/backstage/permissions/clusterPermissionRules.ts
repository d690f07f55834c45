import { AI_CONFORMANCE_CLUSTER_RESOURCE_TYPE } from '@internal/plugin-ai-conformance-common';
import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod';

/**
 * A cluster as the permission framework sees it.
 *
 * @public
 */
export interface AiConformanceClusterResource {
  /** The cluster's identity: entity ref or `config:<name>`. */
  cluster: string;
  entityRef?: string;
  source: 'catalog' | 'config';
  /** The owner entity ref of the catalog entity, e.g. `group:default/ml-platform`. */
  owner?: string;
}

/**
 * A filter on clusters: the `key` field must be one of `values`.
 *
 * @public
 */
export interface AiConformanceClusterQuery {
  key: 'owner' | 'source';
  values: string[];
}

/**
 * The permission resource ref of clusters (`ai-conformance-cluster`).
 *
 * @public
 */
export const aiConformanceClusterResourceRef = createPermissionResourceRef<
  AiConformanceClusterResource,
  AiConformanceClusterQuery
>().with({
  pluginId: 'ai-conformance',
  resourceType: AI_CONFORMANCE_CLUSTER_RESOURCE_TYPE,
});

/**
 * Allows a cluster when its catalog entity is owned by one of the claims (typically the user's
 * ownership entity refs). Config clusters have no owner and never match.
 *
 * @public
 */
export const isClusterOwner = createPermissionRule({
  name: 'IS_CLUSTER_OWNER',
  description:
    'Allow clusters whose catalog entity is owned by one of the given entity refs',
  resourceRef: aiConformanceClusterResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe(
        'Entity refs that count as owners, e.g. the user and their groups',
      ),
  }),
  apply: (resource, { claims }) =>
    Boolean(resource.owner) &&
    claims.some(c => c.toLocaleLowerCase('en-US') === resource.owner),
  toQuery: ({ claims }) => ({
    key: 'owner',
    values: claims.map(c => c.toLocaleLowerCase('en-US')),
  }),
});

/**
 * Allows clusters of one source (`catalog` or `config`).
 *
 * @public
 */
export const isClusterFromSource = createPermissionRule({
  name: 'IS_CLUSTER_FROM_SOURCE',
  description: 'Allow clusters from the catalog, or clusters from config',
  resourceRef: aiConformanceClusterResourceRef,
  paramsSchema: z.object({
    source: z.enum(['catalog', 'config']).describe('catalog or config'),
  }),
  apply: (resource, { source }) => resource.source === source,
  toQuery: ({ source }) => ({ key: 'source', values: [source] }),
});

/**
 * The rules of the cluster resource type.
 *
 * @public
 */
export const aiConformanceClusterPermissionRules = {
  isClusterOwner,
  isClusterFromSource,
};
