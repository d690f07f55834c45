/*
 * A standalone backend for developing the plugin: `yarn start` in this package.
 *
 * Authentication and permissions are mocked (every request is an allowed user), and the catalog holds one
 * kubernetes-cluster Resource whose API server is AI_CONFORMANCE_DEV_API_SERVER. Give it
 * credentials in app-config.local.yaml, for example for a local control plane
 * (`yarn workspace @internal/local-cluster ...`):
 *
 *   aiConformance:
 *     clusters:
 *       - entityRef: resource:default/dev-cluster
 *         kubeconfig: { path: /path/to/kubeconfig, context: reader }
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

const apiServer =
  process.env.AI_CONFORMANCE_DEV_API_SERVER ?? 'https://127.0.0.1:6443';

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
// No permission backend here: every permission is allowed.
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'dev-cluster',
          annotations: {
            'kubernetes.io/api-server': apiServer,
            'kubernetes.io/auth-provider': 'serviceAccount',
          },
        },
        spec: { type: 'kubernetes-cluster', owner: 'group:default/guests' },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
