import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readClusterBindings } from '../config/readClusterBindings';
import { createDefaultClusterSources } from '../sources/defaultClusterSources';
import type { AiConformanceClusterRegistry } from './AiConformanceClusterRegistry';
import { DefaultAiConformanceClusterRegistry } from './DefaultAiConformanceClusterRegistry';

/**
 * The cluster registry for any plugin or module: catalog and config clusters with identities and
 * credentials from `aiConformance.clusters`. The default has the built-in sources and credential
 * providers; the `ai-conformance` backend plugin adds those of its extension points to its own
 * registry. Override the factory to give every plugin custom sources or providers.
 *
 * @public
 */
export const aiConformanceClusterRegistryServiceRef =
  createServiceRef<AiConformanceClusterRegistry>({
    id: 'ai-conformance.cluster-registry',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          auth: coreServices.auth,
          catalog: catalogServiceRef,
        },
        factory: ({ config, logger, auth, catalog }) =>
          new DefaultAiConformanceClusterRegistry({
            sources: createDefaultClusterSources({ config, catalog, auth }),
            bindings: readClusterBindings(config),
            logger,
          }),
      }),
  });
