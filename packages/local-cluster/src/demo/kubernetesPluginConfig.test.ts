import {
  readerRbacRules,
  rulesGrant,
} from '@internal/plugin-ai-conformance-node';
import { KUBERNETES_PLUGIN_OBJECT_TYPES, kubernetesPluginConfig } from './demo';

/** The API group and resource of each Kubernetes plugin object type used here. */
const RESOURCES: Record<string, { group: string; resource: string }> = {
  pods: { group: '', resource: 'pods' },
  services: { group: '', resource: 'services' },
  deployments: { group: 'apps', resource: 'deployments' },
  statefulsets: { group: 'apps', resource: 'statefulsets' },
  daemonsets: { group: 'apps', resource: 'daemonsets' },
  horizontalpodautoscalers: {
    group: 'autoscaling',
    resource: 'horizontalpodautoscalers',
  },
};

describe('the Kubernetes plugin config of the demo clusters', () => {
  const config = kubernetesPluginConfig([
    {
      name: 'local-bare',
      title: 'Local bare',
      url: 'https://127.0.0.1:6443',
      caData: 'Q0E=',
      tokenFile: '/state/demo/tokens/local-bare.token',
    },
  ]);

  it('lists each cluster under its entity name, with the token read from its file', () => {
    const [method] = config.clusterLocatorMethods;
    expect(method.type).toBe('config');
    const [cluster] = method.clusters;
    expect(cluster).toMatchObject({
      name: 'local-bare',
      url: 'https://127.0.0.1:6443',
      caData: 'Q0E=',
      authProvider: 'serviceAccount',
    });
    // `$file` is resolved by the config loader; the token itself is never in the config
    expect(cluster.serviceAccountToken).toEqual({
      $file: '/state/demo/tokens/local-bare.token',
    });
  });

  it('fetches only object types the least-privileged reader may list', () => {
    expect(config.objectTypes).toEqual(KUBERNETES_PLUGIN_OBJECT_TYPES);
    const rules = readerRbacRules();
    for (const type of KUBERNETES_PLUGIN_OBJECT_TYPES) {
      const r = RESOURCES[type];
      expect({
        type,
        granted: rulesGrant(rules, { ...r, verb: 'list' }),
      }).toEqual({
        type,
        granted: true,
      });
    }
  });
});
