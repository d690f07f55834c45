import { discoveryOf } from '../__testUtils__/facts';
import { FakeClusterReader } from '../__testUtils__/FakeClusterReader';
import { KubeApiError } from '../errors';
import { PROBE_NAMESPACE_LABEL, withProbeNamespace } from './probeNamespace';
import { sweepProbeLeftovers } from './sweepProbeLeftovers';

const discovery = discoveryOf({
  v1: ['namespaces'],
  'kueue.x-k8s.io/v1beta2': ['clusterqueues', 'resourceflavors'],
});

describe('withProbeNamespace', () => {
  it('deletes the namespace and the registered cluster-scoped objects, installs no signal handlers', async () => {
    const reader = new FakeClusterReader({ discovery });
    const before =
      process.listenerCount('SIGTERM') + process.listenerCount('SIGINT');
    let during = -1;
    const ns = await withProbeNamespace(reader, async (namespace, scope) => {
      scope.deleteAfterwards('/apis/kueue.x-k8s.io/v1beta2/resourceflavors/x');
      scope.deleteAfterwards('/apis/kueue.x-k8s.io/v1beta2/clusterqueues/x');
      during =
        process.listenerCount('SIGTERM') + process.listenerCount('SIGINT');
      return namespace;
    });
    expect(during).toBe(before);
    expect(reader.created[0].body.metadata.labels[PROBE_NAMESPACE_LABEL]).toBe(
      'true',
    );
    expect(reader.deleted).toEqual([
      `/api/v1/namespaces/${ns}`,
      '/apis/kueue.x-k8s.io/v1beta2/clusterqueues/x',
      '/apis/kueue.x-k8s.io/v1beta2/resourceflavors/x',
    ]);
  });

  it('still deletes the namespace when its create timed out (the server may have committed it)', async () => {
    const reader = new FakeClusterReader({ discovery });
    reader.create = async () => {
      throw new KubeApiError({
        status: 0,
        kind: 'timeout',
        path: '/api/v1/namespaces',
        message: 'No answer',
      });
    };
    const fn = jest.fn();
    await expect(withProbeNamespace(reader, fn)).rejects.toThrow('No answer');
    expect(fn).not.toHaveBeenCalled();
    expect(reader.deleted).toHaveLength(1);
    expect(reader.deleted[0]).toMatch(
      /^\/api\/v1\/namespaces\/ai-conformance-probe-[0-9a-f]{8}$/,
    );
  });
});

describe('sweepProbeLeftovers', () => {
  it('deletes labelled, prefixed objects older than the cutoff, namespaces first', async () => {
    const now = new Date('2026-01-01T12:00:00Z');
    const old = '2026-01-01T10:00:00Z';
    const fresh = '2026-01-01T11:59:00Z';
    const reader = new FakeClusterReader({
      discovery,
      objects: {
        '/api/v1/namespaces': [
          {
            metadata: {
              name: 'ai-conformance-probe-aaaa',
              creationTimestamp: old,
            },
          },
          {
            metadata: {
              name: 'ai-conformance-probe-bbbb',
              creationTimestamp: fresh,
            },
          },
          { metadata: { name: 'team-a', creationTimestamp: old } },
        ],
        '/apis/kueue.x-k8s.io/v1beta2/clusterqueues': [
          {
            metadata: {
              name: 'ai-conformance-probe-aaaa',
              creationTimestamp: old,
            },
          },
        ],
        '/apis/kueue.x-k8s.io/v1beta2/resourceflavors': [
          {
            metadata: {
              name: 'ai-conformance-probe-aaaa',
              creationTimestamp: old,
            },
          },
        ],
      },
    });
    const deleted = await sweepProbeLeftovers(reader, {
      now,
      olderThanMinutes: 30,
    });
    expect(deleted).toEqual([
      '/api/v1/namespaces/ai-conformance-probe-aaaa',
      '/apis/kueue.x-k8s.io/v1beta2/clusterqueues/ai-conformance-probe-aaaa',
      '/apis/kueue.x-k8s.io/v1beta2/resourceflavors/ai-conformance-probe-aaaa',
    ]);
  });
});
