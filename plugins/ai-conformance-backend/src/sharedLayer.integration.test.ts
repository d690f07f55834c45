import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  describeWithLocalCluster,
  LocalCluster,
  startOrReuseCluster,
} from '@internal/local-cluster';
import {
  gatherFacts,
  type ClusterFacts,
  type RegisteredCluster,
} from '@internal/plugin-ai-conformance-node';
import {
  aiConformanceClusterReaderFactoryServiceRef,
  aiConformanceClusterRegistryServiceRef,
} from '@internal/plugin-ai-conformance-node/backstage';

const START_TIMEOUT = 40 * 60 * 1000;

/**
 * Another plugin building on the shared cluster layer: a catalog module (as the model-serving
 * entity provider will be) that lists the clusters through the registry service and reads one
 * through the reader factory and the gather layer, without any code of the backend plugin.
 */
function sharedLayerConsumer(results: {
  clusters?: RegisteredCluster[];
  facts?: ClusterFacts;
  refusal?: Error;
}) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'ai-conformance-shared-layer-test',
    register(reg) {
      reg.registerInit({
        deps: {
          processing: catalogProcessingExtensionPoint,
          registry: aiConformanceClusterRegistryServiceRef,
          readers: aiConformanceClusterReaderFactoryServiceRef,
        },
        async init({ registry, readers }) {
          results.clusters = await registry.listClusters();
          const connection = await registry.connect(
            'resource:default/gpu-catalog',
          );
          const reader = readers.createReader(connection);
          try {
            results.facts = await gatherFacts(reader, ['nodes']);
          } finally {
            await reader.close();
          }
          results.refusal = await registry
            .connect('resource:intruder/gpu-catalog')
            .then(
              () => undefined,
              error => error,
            );
        },
      });
    },
  });
}

describeWithLocalCluster(
  'the shared cluster layer, used by a catalog module against a real control plane',
  () => {
    let cluster: LocalCluster;

    beforeAll(async () => {
      cluster = await startOrReuseCluster({ scenario: 'bare' });
    }, START_TIMEOUT);

    afterAll(async () => {
      await cluster?.stop();
    }, 60_000);

    it(
      'lists catalog and config clusters with identities and reads one',
      async () => {
        const caData = Buffer.from(cluster.caPem).toString('base64');
        const entity = (namespace: string) => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: 'gpu-catalog',
            namespace,
            annotations: { 'kubernetes.io/api-server': cluster.server },
          },
          spec: { type: 'kubernetes-cluster', owner: `group:${namespace}/ml` },
        });
        const results: Parameters<typeof sharedLayerConsumer>[0] = {};
        const backend = await startTestBackend({
          extensionPoints: [
            [catalogProcessingExtensionPoint, { addProcessor: () => {} }],
          ],
          features: [
            sharedLayerConsumer(results),
            catalogServiceMock.factory({
              entities: [entity('intruder'), entity('default')],
            }),
            mockServices.rootConfig.factory({
              data: {
                aiConformance: {
                  clusters: [
                    {
                      entityRef: 'resource:default/gpu-catalog',
                      url: cluster.server,
                      caData,
                      serviceAccountToken: cluster.token('reader'),
                    },
                    {
                      name: 'lab',
                      kubeconfig: {
                        path: cluster.kubeconfig,
                        context: 'reader',
                      },
                    },
                  ],
                },
              },
            }),
          ],
        });
        try {
          expect(
            results.clusters?.map(c => [c.id, c.owner, Boolean(c.refusal)]),
          ).toEqual([
            ['config:lab', undefined, false],
            ['resource:intruder/gpu-catalog', 'group:intruder/ml', true],
            ['resource:default/gpu-catalog', 'group:default/ml', false],
          ]);
          const nodes = results.facts?.facts.nodes;
          expect(nodes?.ok).toBe(true);
          expect(
            nodes?.ok ? (nodes.value as unknown[]).length : 0,
          ).toBeGreaterThan(0);
          expect(results.facts?.version.gitVersion).toMatch(/^v1\.\d+/);
          expect(results.refusal?.name).toBe('ClusterRefusedError');
          expect(results.refusal?.message).toContain(
            'announces an API server that config binds to another cluster',
          );
        } finally {
          await backend.stop();
        }
      },
      5 * 60_000,
    );
  },
);
