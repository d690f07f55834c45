import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  parseFleetQuery,
  writeFleetQuery,
  type FleetQuery,
} from './fleetQuery';

/**
 * The fleet view's state, kept in the URL so that a link reproduces the view. Updates replace
 * the history entry, except a change of tab, which the back button undoes.
 */
export function useFleetQuery(): [
  FleetQuery,
  (patch: Partial<FleetQuery>) => void,
] {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => parseFleetQuery(params), [params]);
  const update = useCallback(
    (patch: Partial<FleetQuery>) =>
      setParams(
        current => writeFleetQuery({ ...parseFleetQuery(current), ...patch }),
        { replace: patch.tab === undefined },
      ),
    [setParams],
  );
  return [query, update];
}
