import { startTransition, useCallback, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  parseFleetQuery,
  writeFleetQuery,
  type FleetQuery,
} from './fleetQuery';

/**
 * The fleet view's state, kept in the URL so that a link reproduces the view. Updates replace
 * the history entry, except a change of tab, which the back button undoes.
 *
 * A change shows at once; the URL follows in a transition. Writing the URL re-renders every
 * location-aware component of the app (routes, sidebar, breadcrumbs), which is what made a
 * filter slow on a large fleet; the view itself needs only this component's state.
 */
export function useFleetQuery(): [
  FleetQuery,
  (patch: Partial<FleetQuery>) => void,
] {
  const [params, setParams] = useSearchParams();
  const fromUrl = useMemo(() => parseFleetQuery(params), [params]);
  // The view a change asked for, until the URL it was made from changes (to it, or by a
  // back/forward navigation, which then wins).
  const [pending, setPending] = useState<{
    query: FleetQuery;
    from: URLSearchParams;
  }>();
  const query = pending?.from === params ? pending.query : fromUrl;
  const latest = useRef(query);
  latest.current = query;

  const update = useCallback(
    (patch: Partial<FleetQuery>) => {
      const next = { ...latest.current, ...patch };
      latest.current = next;
      setPending({ query: next, from: params });
      startTransition(() =>
        setParams(writeFleetQuery(next), { replace: patch.tab === undefined }),
      );
    },
    [params, setParams],
  );
  return [query, update];
}
