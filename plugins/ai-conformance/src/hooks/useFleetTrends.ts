import { useApi } from '@backstage/core-plugin-api';
import type { FleetTrends } from '@internal/plugin-ai-conformance-common';
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import useAsync from 'react-use/esm/useAsync';
import {
  trendWindow,
  type TrendRange,
} from '../components/FleetView/fleetQuery';

/** Conformance over the given range ending now, aggregated by the backend. */
export function useFleetTrends(range: TrendRange): {
  trends?: FleetTrends;
  loading: boolean;
  error?: Error;
} {
  const api = useApi(aiConformanceApiRef);
  const { value, loading, error } = useAsync(
    () => api.getFleetTrends(trendWindow(range)),
    [api, range],
  );
  return { trends: value, loading, error };
}
