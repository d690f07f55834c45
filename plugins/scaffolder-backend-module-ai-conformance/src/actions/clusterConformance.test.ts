import type { ClusterSummary } from '@internal/plugin-ai-conformance-common';
import { findCluster } from './clusterConformance';

/** Clusters keyed by identity: entity refs, and `config:<name>` for config-only clusters. */
const clusters: ClusterSummary[] = [
  {
    cluster: 'resource:default/gpu-east',
    name: 'gpu-east',
    entityRef: 'resource:default/gpu-east',
    source: 'catalog',
    status: 'ok',
  },
  { cluster: 'config:lab', name: 'lab', source: 'config', status: 'ok' },
  {
    cluster: 'resource:team-a/gpu-east',
    name: 'gpu-east',
    entityRef: 'resource:team-a/gpu-east',
    source: 'catalog',
    status: 'ok',
  },
  {
    cluster: 'resource:team-a/shared',
    name: 'shared',
    entityRef: 'resource:team-a/shared',
    source: 'catalog',
    status: 'ok',
  },
  {
    cluster: 'resource:team-b/shared',
    name: 'shared',
    entityRef: 'resource:team-b/shared',
    source: 'catalog',
    status: 'ok',
  },
];

describe('findCluster', () => {
  it('finds a cluster by identity, short entity ref, or a name only one cluster has', () => {
    expect(findCluster(clusters, 'resource:default/GPU-EAST')?.cluster).toBe(
      'resource:default/gpu-east',
    );
    expect(findCluster(clusters, 'resource:team-a/gpu-east')?.cluster).toBe(
      'resource:team-a/gpu-east',
    );
    expect(findCluster(clusters, 'gpu-east')?.cluster).toBe(
      'resource:default/gpu-east',
    );
    expect(findCluster(clusters, 'config:lab')?.cluster).toBe('config:lab');
    expect(findCluster(clusters, 'lab')?.cluster).toBe('config:lab');
    expect(findCluster(clusters, 'resource:default/nowhere')).toBeUndefined();
  });

  it('does not guess between clusters that share a name', () => {
    expect(findCluster(clusters, 'shared')).toBeUndefined();
    expect(findCluster(clusters, 'resource:team-b/shared')?.cluster).toBe(
      'resource:team-b/shared',
    );
  });
});
