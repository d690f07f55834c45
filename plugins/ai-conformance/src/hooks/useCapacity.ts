import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  CapacityHistory,
  ClusterCapacity,
  FleetCapacity,
} from '@internal/plugin-ai-conformance-common';
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/** The latest capacity snapshot of a cluster; `notTaken` when the backend has none yet (404). */
export function useClusterCapacity(cluster: string) {
  const api = useApi(aiConformanceApiRef);
  const state = useAsyncRetry(async (): Promise<
    ClusterCapacity | undefined
  > => {
    try {
      return await api.getClusterCapacity(cluster);
    } catch (error) {
      if (ResponseError.is(error) && error.statusCode === 404) return undefined;
      throw error;
    }
  }, [api, cluster]);
  return {
    capacity: state.value,
    notTaken: !state.loading && !state.error && !state.value,
    loading: state.loading,
    error: state.error,
    retry: state.retry,
  };
}

/** A cluster's capacity trend (oldest first). */
export function useClusterCapacityHistory(cluster: string, limit: number) {
  const api = useApi(aiConformanceApiRef);
  return useAsyncRetry(
    (): Promise<CapacityHistory> =>
      api.getClusterCapacityHistory(cluster, { limit }),
    [api, cluster, limit],
  );
}

/** Every readable cluster's latest capacity totals. */
export function useFleetCapacity() {
  const api = useApi(aiConformanceApiRef);
  return useAsyncRetry(
    (): Promise<FleetCapacity> => api.getFleetCapacity(),
    [api],
  );
}
