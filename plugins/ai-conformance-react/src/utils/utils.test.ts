import { findClusterForEntity } from './entities';
import { formatRelativeTime } from './time';
import type { ClusterSummary } from '@internal/plugin-ai-conformance-common';

describe('findClusterForEntity', () => {
  const clusters: ClusterSummary[] = [
    { cluster: 'gpu-east', source: 'config', status: 'ok' },
    {
      cluster: 'prod-1',
      entityRef: 'resource:platform/GPU-East',
      source: 'catalog',
      status: 'ok',
    },
    { cluster: 'legacy', source: 'catalog', status: 'ok' },
  ];

  it('matches the entity ref case-insensitively', () => {
    expect(
      findClusterForEntity(clusters, 'resource:platform/gpu-east', 'gpu-east')
        ?.cluster,
    ).toBe('prod-1');
  });

  it('falls back to a catalog cluster of the same name without a ref', () => {
    expect(
      findClusterForEntity(clusters, 'resource:default/legacy', 'legacy')
        ?.cluster,
    ).toBe('legacy');
  });

  it('never matches a config cluster that merely shares the name', () => {
    expect(
      findClusterForEntity(clusters, 'resource:default/gpu-east', 'gpu-east'),
    ).toBeUndefined();
  });
});

describe('formatRelativeTime', () => {
  const now = new Date('2026-09-01T12:00:00Z');
  it('formats past times', () => {
    expect(formatRelativeTime('2026-09-01T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelativeTime('2026-08-30T12:00:00Z', now)).toBe('2 days ago');
  });
  it('returns unparseable input unchanged', () => {
    expect(formatRelativeTime('yesterday-ish', now)).toBe('yesterday-ish');
  });
});
