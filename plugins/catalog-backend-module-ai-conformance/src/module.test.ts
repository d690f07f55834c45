import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogProcessor,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import { FleetSummary } from '@internal/plugin-ai-conformance-common';
import { catalogModuleAiConformance } from './module';

describe('catalogModuleAiConformance', () => {
  it('reads the fleet from the ai-conformance backend with a service token and annotates clusters', async () => {
    const processors: CatalogProcessor[] = [];
    const authorizations: string[] = [];
    const fakeBackend = createBackendPlugin({
      pluginId: 'ai-conformance',
      register(env) {
        env.registerInit({
          deps: { httpRouter: coreServices.httpRouter },
          async init({ httpRouter }) {
            httpRouter.use((req, res, next) => {
              if (req.method !== 'GET' || req.path !== '/fleet') {
                next();
                return;
              }
              authorizations.push(String(req.headers.authorization));
              const fleet: FleetSummary = {
                clusters: [
                  {
                    cluster: 'gpu',
                    name: 'gpu',
                    entityRef: 'resource:default/gpu',
                    source: 'catalog',
                    status: 'ok',
                    checklistVersion: '1.35',
                    summary: {
                      pass: 9,
                      fail: 1,
                      notApplicable: 0,
                      unknown: 0,
                      error: 0,
                      total: 10,
                      mustFailed: 1,
                      mustUndecided: 0,
                      conformant: false,
                    },
                  },
                ],
                conformantByChecklist: {},
              };
              res.json(fleet);
            });
          },
        });
      },
    });

    await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          { addProcessor: (...p: any[]) => processors.push(...p.flat()) },
        ],
      ],
      features: [catalogModuleAiConformance, fakeBackend],
    });

    expect(processors).toHaveLength(1);
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'gpu' },
      spec: { type: 'kubernetes-cluster' },
    };
    const result = await processors[0].preProcessEntity!(
      entity,
      { type: 'url', target: 'x' },
      () => {},
      { type: 'url', target: 'x' },
      {} as any,
    );
    expect(result.metadata.labels?.['ai-conformance.io/status']).toBe(
      'not-conformant',
    );
    expect(authorizations).toHaveLength(1);
    expect(authorizations[0]).toMatch(/^Bearer .+/);
  });
});
