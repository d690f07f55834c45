import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ClusterSummary } from '@internal/plugin-ai-conformance-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiConformanceApiRef } from '../api';

/**
 * The fleet entry of a catalog cluster entity (`Resource` of type `kubernetes-cluster`), looked
 * up by its entity ref (one request, not the whole fleet). `cluster` is undefined when the
 * backend does not know the entity, or the user may not read it (the backend answers 404 to
 * both).
 *
 * @public
 */
export function useEntityCluster(entity: Entity): {
  cluster?: ClusterSummary;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(aiConformanceApiRef);
  const ref = getCompoundEntityRef(entity);
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    try {
      return await api.getClusterByEntity(ref);
    } catch (e) {
      if (e instanceof ResponseError && e.statusCode === 404) {
        return undefined;
      }
      throw e;
    }
  }, [api, ref.kind, ref.namespace, ref.name]);
  return { cluster: value, loading, error, retry };
}
