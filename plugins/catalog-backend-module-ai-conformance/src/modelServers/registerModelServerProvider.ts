import {
  AuthService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  CatalogProcessingExtensionPoint,
  CatalogService,
} from '@backstage/plugin-catalog-node';
import { MODEL_SERVER_ANNOTATIONS } from './annotations';
import {
  ClusterReaderFactoryLike,
  ClusterRegistryLike,
  clusterRegistryAccess,
} from './clusterRegistryAccess';
import { ModelServerEntityProvider } from './ModelServerEntityProvider';
import { readModelServerProviderConfig } from './readModelServerConfig';

/**
 * Adds the model-server provider when `catalog.providers.aiConformanceModelServers` is set.
 *
 * @internal
 */
export function registerModelServerProvider<Connection>(deps: {
  catalog: CatalogProcessingExtensionPoint;
  config: RootConfigService;
  scheduler: SchedulerService;
  logger: LoggerService;
  auth: AuthService;
  catalogService: CatalogService;
  registry: ClusterRegistryLike<Connection>;
  readers: ClusterReaderFactoryLike<Connection>;
}): ModelServerEntityProvider | undefined {
  const config = readModelServerProviderConfig(deps.config);
  if (!config) return undefined;
  const provider = new ModelServerEntityProvider({
    access: clusterRegistryAccess(deps.registry, deps.readers),
    enabledClusters: config.enabledClusters,
    entityOptions: config.entityOptions,
    taskRunner: deps.scheduler.createScheduledTaskRunner(config.schedule),
    logger: deps.logger.child({ provider: 'ai-conformance-model-servers' }),
    loadExisting: async () =>
      (
        await deps.catalogService.getEntities(
          {
            filter: {
              [`metadata.annotations.${MODEL_SERVER_ANNOTATIONS.status}`]:
                CATALOG_FILTER_EXISTS,
            },
          },
          { credentials: await deps.auth.getOwnServiceCredentials() },
        )
      ).items,
  });
  deps.catalog.addEntityProvider(provider);
  if (!config.enabledClusters.length) {
    deps.logger.warn(
      'catalog.providers.aiConformanceModelServers.clusters is empty: no cluster is read for model servers',
    );
  }
  return provider;
}
