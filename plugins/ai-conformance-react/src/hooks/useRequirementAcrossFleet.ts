import { useApi } from '@backstage/core-plugin-api';
import type { RequirementAcrossFleet } from '@internal/plugin-ai-conformance-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiConformanceApiRef } from '../api';

/**
 * The latest verdict of one requirement on every cluster.
 *
 * @public
 */
export function useRequirementAcrossFleet(requirementId: string | undefined): {
  requirement?: RequirementAcrossFleet;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(aiConformanceApiRef);
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    if (!requirementId) {
      return undefined;
    }
    return api.getRequirementAcrossFleet(requirementId);
  }, [api, requirementId]);
  return { requirement: value, loading, error, retry };
}
