import { useRouteRef } from '@backstage/core-plugin-api';
import type {
  AnyParams,
  RouteFunc,
  RouteRef,
  SubRouteRef,
} from '@backstage/core-plugin-api';

/**
 * Like `useRouteRef`, but returns undefined when the AI conformance page is not mounted in the
 * app (a legacy app that only added the entity tab), so links are left out instead of crashing.
 * `useRouteRef` throws only after running its hooks, so catching keeps the hook order stable.
 */
export function useOptionalRouteRef<Params extends AnyParams>(
  routeRef: RouteRef<Params> | SubRouteRef<Params>,
): RouteFunc<Params> | undefined {
  try {
    return useRouteRef(routeRef);
  } catch {
    return undefined;
  }
}
