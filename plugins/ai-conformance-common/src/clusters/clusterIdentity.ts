import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * The prefix of the identity of a cluster that exists only in config. No catalog entity ref
 * can start with it (`config` is not a kind followed by a namespace and name), so the catalog
 * cannot claim a configured cluster, its owner or its history.
 *
 * @public
 */
export const CONFIG_CLUSTER_ID_PREFIX = 'config:';

function lower(value: string): string {
  return value.toLocaleLowerCase('en-US');
}

/**
 * The identity of a catalog cluster: its full entity ref, lower-cased (entity refs are
 * case-insensitive), e.g. `resource:default/gpu-prod`.
 *
 * @public
 */
export function catalogClusterId(
  entity: Entity | CompoundEntityRef | string,
): string {
  if (typeof entity === 'string') {
    return lower(
      stringifyEntityRef(
        parseEntityRef(entity, {
          defaultKind: 'resource',
          defaultNamespace: 'default',
        }),
      ),
    );
  }
  return lower(stringifyEntityRef(entity));
}

/**
 * The identity of a cluster that exists only in config (`kubernetes.clusterLocatorMethods` or
 * `aiConformance.clusters`), e.g. `config:lab`.
 *
 * @public
 */
export function configClusterId(name: string): string {
  return `${CONFIG_CLUSTER_ID_PREFIX}${name}`;
}

/**
 * Whether a cluster identity names a config-only cluster.
 *
 * @public
 */
export function isConfigClusterId(id: string): boolean {
  return id.startsWith(CONFIG_CLUSTER_ID_PREFIX);
}

/**
 * The one rule that matches a catalog entity to a cluster: by entity ref only, never by name
 * (names repeat across namespaces). Used by the backend, the catalog module and the React hooks.
 *
 * @public
 */
export function findClusterForEntity<T extends { entityRef?: string }>(
  clusters: readonly T[],
  entity: Entity | CompoundEntityRef | string,
): T | undefined {
  const id = catalogClusterId(entity);
  return clusters.find(c => c.entityRef && lower(c.entityRef) === id);
}
