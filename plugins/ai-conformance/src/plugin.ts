import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createCardExtension } from '@backstage/plugin-home-react';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { AiConformanceClient } from '@internal/plugin-ai-conformance-common';
import { ConformantClusterPicker } from './components/ConformantClusterPicker';
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

/**
 * The scaffolder field `AiConformantClusterPicker` for the legacy app: offers only clusters
 * that are conformant and pass the requirements in `ui:options.requirements`.
 *
 * @public
 */
export const AiConformantClusterPickerFieldExtension =
  aiConformancePlugin.provide(
    createScaffolderFieldExtension({
      name: 'AiConformantClusterPicker',
      component: ConformantClusterPicker,
    }),
  );

/**
 * Fleet conformance at a glance for the legacy home page (`@backstage/plugin-home`): conformant
 * clusters overall and per provider, with links to the matrix and trends.
 *
 * @public
 */
export const HomePageAiConformanceCard = aiConformancePlugin.provide(
  createCardExtension({
    name: 'HomePageAiConformanceCard',
    title: 'AI conformance of the fleet',
    components: () => import('./components/FleetHomeCard/homeCardParts'),
  }),
);

/**
 * For Components and Systems: the AI readiness of the clusters they deploy to (through
 * `dependsOn` relations to cluster Resources or the Kubernetes plugin's annotations).
 *
 * @public
 */
export const EntityDeploymentReadinessCard: (props: {
  title?: string;
}) => JSX.Element = aiConformancePlugin.provide(
  createComponentExtension({
    name: 'EntityDeploymentReadinessCard',
    component: {
      lazy: () =>
        import('./components/DeploymentReadiness').then(
          m => m.EntityDeploymentReadinessCard,
        ),
    },
  }),
);
