import { describeWithShared, readFixture } from '../__testUtils__/facts';
import {
  collectionPath,
  findResource,
  isAggregatedDiscovery,
  parseAggregatedDiscovery,
  parseLegacyResourceList,
} from './discovery';

describeWithShared('discovery with the shared fixtures', () => {
  it('parses an aggregated discovery document', () => {
    const [doc] = readFixture(
      'discovery/k8s-aggregated-discovery-v2-apis-trimmed-apps-and-resource.k8s.io-v1alpha3era.json',
    );
    expect(isAggregatedDiscovery(doc)).toBe(true);
    const discovery = {
      source: 'aggregated' as const,
      groups: parseAggregatedDiscovery(doc),
    };
    const ds = findResource(discovery, 'apps', 'daemonsets');
    expect(ds?.resource).toMatchObject({ kind: 'DaemonSet', namespaced: true });
    expect(ds?.resource.verbs).toContain('list');
    expect(collectionPath(ds!, 'kube-system')).toBe(
      `/apis/apps/${ds!.version}/namespaces/kube-system/daemonsets`,
    );
  });

  it('parses a legacy APIResourceList without subresources', () => {
    const [doc] = readFixture(
      'discovery/k8s-api-discovery-apis__resource.k8s.io__v1-APIResourceList.json',
    );
    const resources = parseLegacyResourceList(doc).map(r => r.resource);
    expect(resources).toEqual(
      expect.arrayContaining([
        'deviceclasses',
        'resourceclaims',
        'resourceclaimtemplates',
        'resourceslices',
      ]),
    );
    expect(resources.some(r => r.includes('/'))).toBe(false);
  });
});

describe('findResource', () => {
  const discovery = {
    source: 'aggregated' as const,
    groups: [
      {
        name: 'kueue.x-k8s.io',
        versions: [
          {
            version: 'v1beta2',
            resources: [
              {
                resource: 'clusterqueues',
                kind: 'ClusterQueue',
                namespaced: false,
                verbs: ['list'],
              },
            ],
          },
          {
            version: 'v1beta1',
            resources: [
              {
                resource: 'clusterqueues',
                kind: 'ClusterQueue',
                namespaced: false,
                verbs: ['list'],
              },
            ],
          },
        ],
      },
    ],
  };
  it('prefers the server order, or the caller order when versions are given', () => {
    expect(
      findResource(discovery, 'kueue.x-k8s.io', 'clusterqueues')?.version,
    ).toBe('v1beta2');
    expect(
      findResource(discovery, 'kueue.x-k8s.io', 'clusterqueues', ['v1beta1'])
        ?.version,
    ).toBe('v1beta1');
    expect(
      findResource(discovery, 'kueue.x-k8s.io', 'clusterqueues', ['v1']),
    ).toBeUndefined();
    expect(
      collectionPath(
        findResource(discovery, 'kueue.x-k8s.io', 'clusterqueues')!,
        'ns',
      ),
    ).toBe('/apis/kueue.x-k8s.io/v1beta2/clusterqueues');
  });
});
