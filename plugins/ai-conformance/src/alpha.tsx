import {
  compatWrapper,
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import VerifiedOutlined from '@mui/icons-material/VerifiedOutlined';
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
import { modelServerEntityFilter } from './components/ModelServing/modelServerEntity';
import { kubernetesClusterEntityFilter } from './utils/entity';
import { deploymentEntityFilter } from './utils/entity';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';

const aiConformanceApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: aiConformanceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AiConformanceClient({ discoveryApi, fetchApi }),
    }),
});

const aiConformancePage = PageBlueprint.make({
  params: {
    path: '/ai-conformance',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    title: 'AI Conformance',
    icon: <VerifiedOutlined fontSize="inherit" />,
    loader: () =>
      import('./components/AiConformancePage').then(m =>
        compatWrapper(<m.NfsAiConformancePage />),
      ),
  },
});

const entityAiConformanceContent = EntityContentBlueprint.make({
  name: 'cluster',
  params: {
    path: '/ai-conformance',
    title: 'AI Conformance',
    group: 'operation',
    filter: kubernetesClusterEntityFilter,
    loader: () =>
      import('./components/EntityContent').then(m =>
        compatWrapper(<m.EntityAiConformanceContent />),
      ),
  },
});

const entityAiCapacityContent = EntityContentBlueprint.make({
  name: 'capacity',
  params: {
    path: '/ai-capacity',
    title: 'Accelerators',
    group: 'operation',
    filter: kubernetesClusterEntityFilter,
    loader: () =>
      import('./components/EntityContent').then(m =>
        compatWrapper(<m.EntityAiCapacityContent />),
      ),
  },
});

const entityModelServerContent = EntityContentBlueprint.make({
  name: 'model-server',
  params: {
    path: '/model-server',
    title: 'Model server',
    group: 'operation',
    filter: modelServerEntityFilter,
    loader: () =>
      import('./components/ModelServing').then(m =>
        compatWrapper(<m.EntityModelServerContent />),
      ),
  },
});

const entityAiConformanceCard = EntityCardBlueprint.make({
  name: 'cluster',
  params: {
    filter: kubernetesClusterEntityFilter,
    loader: () =>
      import('./components/EntityContent').then(m =>
        compatWrapper(<m.EntityAiConformanceCard />),
      ),
  },
});

const entityDeploymentReadinessCard = EntityCardBlueprint.make({
  name: 'deployment-readiness',
  params: {
    filter: deploymentEntityFilter,
    loader: () =>
      import('./components/DeploymentReadiness').then(m =>
        compatWrapper(<m.EntityDeploymentReadinessCard />),
      ),
  },
});

const fleetHomeWidget = HomePageWidgetBlueprint.make({
  name: 'fleet',
  params: {
    name: 'AiConformanceFleet',
    title: 'AI conformance of the fleet',
    description:
      'Conformant clusters overall and per provider, with links to the matrix and trends',
    components: () =>
      import('./components/FleetHomeCard').then(m => ({
        Content: () => compatWrapper(<m.FleetConformanceHomeCardContent />),
      })),
  },
});

const conformantClusterPickerField = FormFieldBlueprint.make({
  name: 'conformant-cluster-picker',
  params: {
    field: () =>
      import('./components/ConformantClusterPicker').then(m =>
        createFormField({
          name: 'AiConformantClusterPicker',
          component: m.ConformantClusterPicker,
        }),
      ),
  },
});

/**
 * The AI conformance plugin for the new frontend system: the page (with a sidebar entry), the
 * API client, and the tab and card on cluster entities.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'ai-conformance',
  title: 'AI Conformance',
  icon: <VerifiedOutlined fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    cluster: clusterRouteRef,
    requirement: requirementRouteRef,
    capacity: capacityRouteRef,
    fleetCapacity: fleetCapacityRouteRef,
    modelServing: modelServingRouteRef,
  }),
  extensions: [
    aiConformanceApi,
    aiConformancePage,
    entityAiConformanceContent,
    entityAiCapacityContent,
    entityAiConformanceCard,
    entityModelServerContent,
    entityDeploymentReadinessCard,
    fleetHomeWidget,
    conformantClusterPickerField,
  ],
});
