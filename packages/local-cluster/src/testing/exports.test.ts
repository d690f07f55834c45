import * as testing from '@internal/local-cluster/testing';
import * as main from '@internal/local-cluster';

describe('package exports', () => {
  it('exposes the test helper at @internal/local-cluster/testing and from the main entry', () => {
    expect(typeof testing.startOrReuseCluster).toBe('function');
    expect(typeof testing.describeWithLocalCluster).toBe('function');
    expect(main.startOrReuseCluster).toBe(testing.startOrReuseCluster);
  });
});
