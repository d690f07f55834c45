import type { ClusterSummary } from '@internal/plugin-ai-conformance-common';
import { findCluster } from './clusterConformance';

const clusters: ClusterSummary[] = [
  { cluster: 'gpu-east', name: 'gpu-east', entityRef: 'resource:default/gpu-east', source: 'catalog', status: 'ok' },
  { cluster: 'lab', name: 'lab', source: 'config', status: 'ok' },
  { cluster: 'other', name: 'other', entityRef: 'resource:team-a/gpu-east', source: 'catalog', status: 'ok' },
];

describe('findCluster', () => {
  it('finds a cluster by full or short entity ref, or by name', () => {
    expect(findCluster(clusters, 'resource:default/GPU-EAST')?.cluster).toBe('gpu-east');
    expect(findCluster(clusters, 'resource:team-a/gpu-east')?.cluster).toBe('other');
    expect(findCluster(clusters, 'gpu-east')?.cluster).toBe('gpu-east');
    expect(findCluster(clusters, 'lab')?.cluster).toBe('lab');
    expect(findCluster(clusters, 'resource:default/nowhere')).toBeUndefined();
  });
});
