import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The fleet view, mounted at `/ai-conformance` by default. @public */
export const rootRouteRef = createRouteRef({ id: 'ai-conformance' });

/**
 * One cluster's scorecard. `:cluster` is the cluster's identity (entity ref or `config:<name>`),
 * URI-encoded by the links.
 *
 * @public
 */
export const clusterRouteRef = createSubRouteRef({
  id: 'ai-conformance/cluster',
  parent: rootRouteRef,
  path: '/clusters/:cluster',
});

/** One requirement across the fleet. @public */
export const requirementRouteRef = createSubRouteRef({
  id: 'ai-conformance/requirement',
  parent: rootRouteRef,
  path: '/requirements/:requirementId',
});

/** One cluster's accelerator capacity. @public */
export const capacityRouteRef = createSubRouteRef({
  id: 'ai-conformance/cluster-capacity',
  parent: rootRouteRef,
  path: '/clusters/:cluster/capacity',
});

/** Accelerator capacity across the fleet, with the "N free units of model X" search. @public */
export const fleetCapacityRouteRef = createSubRouteRef({
  id: 'ai-conformance/fleet-capacity',
  parent: rootRouteRef,
  path: '/capacity',
});

/** Every model server in the catalog. @public */
export const modelServingRouteRef = createSubRouteRef({
  id: 'ai-conformance/model-serving',
  parent: rootRouteRef,
  path: '/model-serving',
});
