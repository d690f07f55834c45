import { useApi } from '@backstage/core-plugin-api';
import type { FleetMatrix } from '@internal/plugin-ai-conformance-common';
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/** Every cluster against the requirements of a checklist version (the backend's default if unset). */
export function useFleetMatrix(checklistVersion?: string): {
  matrix?: FleetMatrix;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(aiConformanceApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getFleetMatrix({ checklistVersion }),
    [api, checklistVersion],
  );
  return { matrix: value, loading, error, retry };
}
