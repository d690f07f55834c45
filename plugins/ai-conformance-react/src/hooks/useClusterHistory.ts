import { useApi } from '@backstage/core-plugin-api';
import type { EvaluationRun } from '@internal/plugin-ai-conformance-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiConformanceApiRef } from '../api';

/**
 * Past evaluations of one cluster, newest first.
 *
 * @public
 */
export function useClusterHistory(
  cluster: string | undefined,
  options?: { limit?: number },
): {
  runs?: EvaluationRun[];
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(aiConformanceApiRef);
  const limit = options?.limit;
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    if (!cluster) {
      return undefined;
    }
    const { runs } = await api.getClusterHistory(cluster, { limit });
    return runs;
  }, [api, cluster, limit]);
  return { runs: value, loading, error, retry };
}
