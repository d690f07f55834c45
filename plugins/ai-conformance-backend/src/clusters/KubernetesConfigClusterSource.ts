import { Config } from '@backstage/config';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';
import { ClusterSource, ClusterTarget } from './types';

/**
 * Clusters of `kubernetes.clusterLocatorMethods` of type `config`, read in the shape the
 * Kubernetes backend reads, so that a cluster is configured once for both plugins.
 *
 * @internal
 */
export class KubernetesConfigClusterSource implements ClusterSource {
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
        const token = c.getOptionalString('serviceAccountToken');
        targets.push({
          name: c.getString('name'),
          source: 'config',
          url: c.getString('url'),
          caData: c.getOptionalString('caData'),
          caFile: c.getOptionalString('caFile'),
          skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
          authProvider,
          serviceAccountToken: token,
        });
      }
    }
    return targets;
  }
}
