import {
  catalogClusterId,
  configClusterId,
  findClusterForEntity,
  isConfigClusterId,
} from './clusterIdentity';

describe('cluster identity', () => {
  it('is the lower-cased entity ref of a catalog cluster', () => {
    expect(catalogClusterId('Resource:Default/GPU-prod')).toBe(
      'resource:default/gpu-prod',
    );
    expect(
      catalogClusterId({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: { name: 'gpu', namespace: 'ml' },
      }),
    ).toBe('resource:ml/gpu');
  });

  it('gives config clusters a key that no entity ref can have', () => {
    expect(configClusterId('lab')).toBe('config:lab');
    expect(isConfigClusterId('config:lab')).toBe(true);
    expect(isConfigClusterId(catalogClusterId('resource:default/lab'))).toBe(
      false,
    );
  });

  it('matches an entity by its ref only, never by a namesake', () => {
    const clusters = [
      { cluster: 'resource:other/gpu', entityRef: 'resource:other/gpu' },
      { cluster: 'config:gpu' },
      { cluster: 'resource:default/gpu', entityRef: 'Resource:default/GPU' },
    ];
    expect(findClusterForEntity(clusters, 'resource:default/gpu')).toBe(
      clusters[2],
    );
    expect(
      findClusterForEntity(clusters, 'resource:third/gpu'),
    ).toBeUndefined();
  });
});
