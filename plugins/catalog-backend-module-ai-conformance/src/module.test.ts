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
import { ClusterSummary } from '@internal/plugin-ai-conformance-common';
import { catalogModuleAiConformance } from './module';

describe('catalogModuleAiConformance', () => {
  it('looks clusters up by entity ref in the ai-conformance backend with a service token and annotates them', async () => {
    const processors: CatalogProcessor[] = [];
    const authorizations: string[] = [];
    const lookups: string[] = [];
    const fakeBackend = createBackendPlugin({
      pluginId: 'ai-conformance',
      register(env) {
        env.registerInit({
          deps: { httpRouter: coreServices.httpRouter },
          async init({ httpRouter }) {
            httpRouter.use((req, res, next) => {
              if (
                req.method !== 'GET' ||
                !req.path.startsWith('/clusters/by-entity/')
              ) {
                next();
                return;
              }
              authorizations.push(String(req.headers.authorization));
              lookups.push(req.path);
              if (
                req.path.toLowerCase() !==
                '/clusters/by-entity/resource/default/gpu'
              ) {
                res.status(404).json({
                  error: { name: 'NotFoundError', message: 'No cluster' },
                });
                return;
              }
              const cluster: ClusterSummary = {
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
              };
              res.json(cluster);
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
    expect(lookups).toEqual(['/clusters/by-entity/resource/default/gpu']);

    // A namesake in another namespace is not the same cluster: left as it is.
    const namesake: Entity = {
      ...entity,
      metadata: { name: 'gpu', namespace: 'other' },
    };
    const untouched = await processors[0].preProcessEntity!(
      namesake,
      { type: 'url', target: 'x' },
      () => {},
      { type: 'url', target: 'x' },
      {} as any,
    );
    expect(untouched.metadata.labels?.['ai-conformance.io/status']).toBe(
      undefined,
    );
    expect(lookups).toEqual([
      '/clusters/by-entity/resource/default/gpu',
      '/clusters/by-entity/resource/other/gpu',
    ]);
  });
});
