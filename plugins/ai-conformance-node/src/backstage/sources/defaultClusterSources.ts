import type { AuthService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogClusterSource } from './CatalogClusterSource';
import { KubernetesConfigClusterSource } from './KubernetesConfigClusterSource';
import type { AiConformanceClusterSource } from './types';

/**
 * The built-in sources: `kubernetes.clusterLocatorMethods` config clusters, and the catalog's
 * `kubernetes-cluster` Resources unless `aiConformance.catalog.enabled` is false.
 *
 * @public
 */
export function createDefaultClusterSources(options: {
  config: Config;
  catalog: CatalogService;
  auth: AuthService;
}): AiConformanceClusterSource[] {
  const sources: AiConformanceClusterSource[] = [
    new KubernetesConfigClusterSource(options.config),
  ];
  if (
    options.config.getOptionalBoolean('aiConformance.catalog.enabled') ??
    true
  ) {
    sources.push(
      new CatalogClusterSource({
        catalog: options.catalog,
        auth: options.auth,
      }),
    );
  }
  return sources;
}
