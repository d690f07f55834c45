import type { ClusterTarget } from '../../clusters/types';

/**
 * Announces clusters to the registry, like the Kubernetes backend's cluster suppliers. Add one
 * with `aiConformanceClusterSourcesExtensionPoint`. Sources announce; config decides identity
 * and credentials.
 *
 * @public
 */
export interface AiConformanceClusterSource {
  getClusters(): Promise<ClusterTarget[]>;
}
