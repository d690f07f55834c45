import { Config } from '@backstage/config';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import type { ClusterTarget } from '../../clusters/types';
import type { AiConformanceClusterSource } from './types';

/**
 * Clusters of `kubernetes.clusterLocatorMethods` of type `config`, read in the shape the
 * Kubernetes backend reads, so that a cluster is configured once for both plugins.
 *
 * @public
 */
export class KubernetesConfigClusterSource
  implements AiConformanceClusterSource
{
  constructor(private readonly config: Config) {}

  async getClusters(): Promise<ClusterTarget[]> {
    const methods =
      this.config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ??
      [];
    const targets: ClusterTarget[] = [];
    for (const method of methods) {
      if (method.getOptionalString('type') !== 'config') {
        continue;
      }
      for (const c of method.getOptionalConfigArray('clusters') ?? []) {
        const authProvider =
          c.getOptional<Record<string, string>>('authMetadata')?.[
            ANNOTATION_KUBERNETES_AUTH_PROVIDER
          ] ?? c.getOptionalString('authProvider');
        // The token stays in config; the serviceAccount credential provider reads it there.
        const hasToken = c.has('serviceAccountToken');
        targets.push({
          name: c.getString('name'),
          source: 'config',
          url: c.getString('url'),
          caData: c.getOptionalString('caData'),
          caFile: c.getOptionalString('caFile'),
          skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
          authProvider:
            authProvider ?? (hasToken ? 'serviceAccount' : undefined),
          authMetadata: c.getOptional<Record<string, string>>('authMetadata'),
          authConfig: c,
        });
      }
    }
    return targets;
  }
}
