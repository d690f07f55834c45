import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { AiConformanceClient } from '@internal/plugin-ai-conformance-common';
import {
  aiConformanceClusterReaderFactoryServiceRef,
  aiConformanceClusterRegistryServiceRef,
} from '@internal/plugin-ai-conformance-node/backstage';
import { registerModelServerProvider } from './modelServers/registerModelServerProvider';
import { AiConformanceStatusProcessor } from './processor/AiConformanceStatusProcessor';
import { ClusterLookupCache } from './processor/ClusterLookupCache';

/**
 * Adds the AI conformance summary to `kubernetes-cluster` Resource entities (read from the
 * `ai-conformance` backend's lookup by entity ref with the catalog's own service credentials) and, when
 * `catalog.providers.aiConformanceModelServers` is configured, the model-server entity provider
 * (clusters, credentials and reader from the shared cluster layer).
 *
 * @public
 */
export const catalogModuleAiConformance = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'ai-conformance',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        catalogService: catalogServiceRef,
        registry: aiConformanceClusterRegistryServiceRef,
        readers: aiConformanceClusterReaderFactoryServiceRef,
      },
      async init({
        catalog,
        discovery,
        auth,
        logger,
        config,
        scheduler,
        catalogService,
        registry,
        readers,
      }) {
        const client = new AiConformanceClient({
          discoveryApi: discovery,
          fetchApi: {
            fetch: async (input, init) => {
              const { token } = await auth.getPluginRequestToken({
                onBehalfOf: await auth.getOwnServiceCredentials(),
                targetPluginId: 'ai-conformance',
              });
              const headers = new Headers(init?.headers);
              headers.set('Authorization', `Bearer ${token}`);
              return fetch(input, { ...init, headers });
            },
          },
        });
        const cache = new ClusterLookupCache({
          lookup: async entityRef => {
            try {
              return await client.getClusterByEntity(parseEntityRef(entityRef));
            } catch (error) {
              // 404: the backend knows no cluster for this entity.
              if (error instanceof ResponseError && error.statusCode === 404) {
                return undefined;
              }
              throw error;
            }
          },
          logger,
        });
        catalog.addProcessor(new AiConformanceStatusProcessor(cache));
        registerModelServerProvider({
          catalog,
          config,
          scheduler,
          logger,
          auth,
          catalogService,
          registry,
          readers,
        });
      },
    });
  },
});
