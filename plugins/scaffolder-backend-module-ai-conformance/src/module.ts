import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createClusterAssertAction } from './actions/createClusterAssertAction';

/**
 * Adds the `ai-conformance:cluster:assert` action to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleAiConformance = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'ai-conformance',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        scaffolder.addActions(createClusterAssertAction({ discovery, auth }));
      },
    });
  },
});
