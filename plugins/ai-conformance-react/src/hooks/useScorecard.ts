import { useApi } from '@backstage/core-plugin-api';
import type { ClusterScorecard } from '@internal/plugin-ai-conformance-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiConformanceApiRef } from '../api';
import { isNotFoundError } from '../utils/errors';

/**
 * The latest scorecard of one cluster. `notEvaluated` is true when the backend has no scorecard
 * for it yet (404), which is not an error.
 *
 * @public
 */
export function useScorecard(cluster: string | undefined): {
  scorecard?: ClusterScorecard;
  notEvaluated: boolean;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(aiConformanceApiRef);
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    if (!cluster) {
      return undefined;
    }
    return api.getScorecard(cluster);
  }, [api, cluster]);
  const notEvaluated = isNotFoundError(error);
  return {
    scorecard: value,
    notEvaluated,
    loading,
    error: notEvaluated ? undefined : error,
    retry,
  };
}
