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
  ],
});
