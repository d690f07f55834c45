import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { AiConformanceClient } from '@internal/plugin-ai-conformance-common';
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import {
  capacityRouteRef,
  clusterRouteRef,
  fleetCapacityRouteRef,
  modelServingRouteRef,
  requirementRouteRef,
  rootRouteRef,
} from './routes';

/**
 * The AI conformance plugin for the legacy frontend system.
 *
 * @public
 */
export const aiConformancePlugin = createPlugin({
  id: 'ai-conformance',
  routes: {
    root: rootRouteRef,
    cluster: clusterRouteRef,
    requirement: requirementRouteRef,
    capacity: capacityRouteRef,
    fleetCapacity: fleetCapacityRouteRef,
    modelServing: modelServingRouteRef,
  },
  apis: [
    createApiFactory({
      api: aiConformanceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AiConformanceClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The plugin page: fleet, cluster and requirement views. Mount it at `/ai-conformance`.
 *
 * @public
 */
export const AiConformancePage: () => JSX.Element = aiConformancePlugin.provide(
  createRoutableExtension({
    name: 'AiConformancePage',
    component: () =>
      import('./components/AiConformancePage').then(m => m.AiConformancePage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The AI conformance tab for cluster entities (`Resource` of type `kubernetes-cluster`).
 *
 * @public
 */
export const EntityAiConformanceContent: () => JSX.Element =
  aiConformancePlugin.provide(
    createComponentExtension({
      name: 'EntityAiConformanceContent',
      component: {
        lazy: () =>
          import('./components/EntityContent').then(
            m => m.EntityAiConformanceContent,
          ),
      },
    }),
  );

/**
 * The AI conformance summary card for cluster entities' overview pages.
 *
 * @public
 */
export const EntityAiConformanceCard: (props: {
  title?: string;
}) => JSX.Element = aiConformancePlugin.provide(
  createComponentExtension({
    name: 'EntityAiConformanceCard',
    component: {
      lazy: () =>
        import('./components/EntityContent').then(
          m => m.EntityAiConformanceCard,
        ),
    },
  }),
);

/**
 * The accelerator capacity tab for cluster entities: per model, per node, DRA devices, pending
 * demand, queue quotas and the trend.
 *
 * @public
 */
export const EntityAiCapacityContent: () => JSX.Element =
  aiConformancePlugin.provide(
    createComponentExtension({
      name: 'EntityAiCapacityContent',
      component: {
        lazy: () =>
          import('./components/EntityContent').then(
            m => m.EntityAiCapacityContent,
          ),
      },
    }),
  );

/**
 * The model-serving tab for model-server Components (`spec.type: model-server`, from the catalog
 * module's model-server provider).
 *
 * @public
 */
export const EntityModelServerContent: () => JSX.Element =
  aiConformancePlugin.provide(
    createComponentExtension({
      name: 'EntityModelServerContent',
      component: {
        lazy: () =>
          import('./components/ModelServing').then(
            m => m.EntityModelServerContent,
          ),
      },
    }),
  );
