import { useApi } from '@backstage/core-plugin-api';
import type { FleetSummary } from '@internal/plugin-ai-conformance-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiConformanceApiRef } from '../api';

/**
 * The latest state of every cluster.
 *
 * @public
 */
export function useFleet(): {
  fleet?: FleetSummary;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(aiConformanceApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getFleet(),
    [api],
  );
  return { fleet: value, loading, error, retry };
}
