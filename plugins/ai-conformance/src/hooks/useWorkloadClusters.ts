import type { Entity } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { kubernetesApiRef } from '@backstage/plugin-kubernetes-react';
import { hasKubernetesWorkloadAnnotation } from '@internal/plugin-ai-conformance-react';
import useAsync from 'react-use/esm/useAsync';

/**
 * The clusters on which the Kubernetes plugin finds the entity's workloads (through its
 * `backstage.io/kubernetes-id` or label-selector annotation). Empty when the entity has neither
 * annotation or the app has no Kubernetes plugin; `error` when the Kubernetes backend failed.
 */
export function useWorkloadClusters(entity: Entity): {
  clusters: string[];
  loading: boolean;
  error?: Error;
} {
  const kubernetesApi = useApiHolder().get(kubernetesApiRef);
  const annotated = hasKubernetesWorkloadAnnotation(entity);
  const { value, loading, error } = useAsync(async () => {
    if (!kubernetesApi || !annotated) return [];
    const response = await kubernetesApi.getObjectsByEntity({
      entity,
      auth: {},
    });
    return response.items
      .filter(item => item.resources.some(r => r.resources.length > 0))
      .map(item => item.cluster.name);
  }, [kubernetesApi, annotated, entity]);
  return { clusters: value ?? [], loading, error };
}
