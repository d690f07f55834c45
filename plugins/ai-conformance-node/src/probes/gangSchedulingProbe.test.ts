import { discoveryOf } from '../__testUtils__/facts';
import { FakeClusterReader } from '../__testUtils__/FakeClusterReader';
import { KubeObject } from '../cluster/ClusterReader';
import { GANG_PROBE_LIMITS, gangSchedulingProbe } from './gangSchedulingProbe';
import { PROBE_NAMESPACE_LABEL, ProbeScope } from './probeNamespace';

const discovery = discoveryOf({
  'kueue.x-k8s.io/v1beta2': ['clusterqueues', 'localqueues', 'resourceflavors'],
  'batch/v1': ['jobs'],
});
const activeQueue: KubeObject = {
  apiVersion: 'kueue.x-k8s.io/v1beta2',
  kind: 'ClusterQueue',
  metadata: { name: 'cq' },
  status: { conditions: [{ type: 'Active', status: 'True' }] },
} as KubeObject;
const options = { gangPositiveTimeoutMs: 300, gangNegativeWindowMs: 300 };

function scope(): ProbeScope & { registered: string[] } {
  const registered: string[] = [];
  return {
    namespace: 'ai-conformance-probe-0a1b',
    registered,
    deleteAfterwards: p => registered.push(p),
  };
}

/** A reader whose pods list shows what a scheduler did with the probe Jobs. */
function readerWith(behaviour: {
  positiveBound: boolean;
  negativeStarted: boolean;
}) {
  const created: string[] = [];
  let positiveDeleted = false;
  const reader = new FakeClusterReader({
    discovery,
    onCreate: (_path, body) =>
      created.push(`${body.kind}/${body.metadata.name}`),
  });
  const del = reader.delete.bind(reader);
  reader.delete = async (path: string) => {
    if (path.endsWith('/gang-positive')) positiveDeleted = true;
    return del(path);
  };
  reader.listPages = async function* listPages(_path, opts) {
    const job = opts?.labelSelector?.split('=')[1];
    if (
      job === 'gang-positive' &&
      behaviour.positiveBound &&
      !positiveDeleted
    ) {
      yield [
        { metadata: { name: 'p1' }, spec: { nodeName: 'n1' } },
        { metadata: { name: 'p2' }, spec: { nodeName: 'n2' } },
      ] as KubeObject[];
    } else if (job === 'gang-negative' && behaviour.negativeStarted) {
      yield [
        {
          metadata: { name: 'n1' },
          spec: { nodeName: 'n1' },
          status: { phase: 'Running' },
        },
      ] as KubeObject[];
    } else {
      yield [];
    }
  };
  return { reader, created };
}

describe('gangSchedulingProbe', () => {
  it('passes on its own tiny queue: the Job that fits the quota runs, one pod more starts nothing', async () => {
    const { reader, created } = readerWith({
      positiveBound: true,
      negativeStarted: false,
    });
    const s = scope();
    const result = await gangSchedulingProbe(
      reader,
      discovery,
      [activeQueue],
      s,
      options,
    );
    expect(result).toMatchObject({ verdict: 'pass' });
    expect(created).toEqual([
      'ResourceFlavor/ai-conformance-probe-0a1b',
      'ClusterQueue/ai-conformance-probe-0a1b',
      'LocalQueue/probe',
      'Job/gang-positive',
      'Job/gang-negative',
    ]);
    // Cluster-scoped objects are registered for deletion before they are created.
    expect(s.registered).toEqual([
      '/apis/kueue.x-k8s.io/v1beta2/resourceflavors/ai-conformance-probe-0a1b',
      '/apis/kueue.x-k8s.io/v1beta2/clusterqueues/ai-conformance-probe-0a1b',
    ]);
    const body = (name: string) =>
      reader.created.find(
        c => c.body.metadata.name === name && c.body.kind !== 'ResourceFlavor',
      )!.body;
    const cq = body('ai-conformance-probe-0a1b');
    expect(cq.kind).toBe('ClusterQueue');
    expect(cq.spec.cohort).toBeUndefined();
    expect(cq.spec.cohortName).toBeUndefined();
    expect(cq.spec.namespaceSelector).toEqual({
      matchLabels: {
        'kubernetes.io/metadata.name': 'ai-conformance-probe-0a1b',
      },
    });
    expect(cq.spec.resourceGroups[0].flavors[0].resources).toEqual([
      { name: 'cpu', nominalQuota: '10m' },
      { name: 'memory', nominalQuota: '16Mi' },
      { name: 'pods', nominalQuota: '2' },
    ]);
    expect(cq.metadata.labels[PROBE_NAMESPACE_LABEL]).toBe('true');
    const negative = body('gang-negative');
    expect(negative.spec.parallelism).toBe(GANG_PROBE_LIMITS.pods + 1);
    expect(negative.metadata.labels['kueue.x-k8s.io/queue-name']).toBe('probe');
    const container = negative.spec.template.spec.containers[0];
    expect(container.image).toBe('registry.k8s.io/pause:3.10');
    expect(container.imagePullPolicy).toBe('IfNotPresent');
    expect(container.resources.requests).toEqual({ cpu: '5m', memory: '8Mi' });
    expect(body('gang-positive').spec.parallelism).toBe(2);
  });

  it('fails when pods of the oversized Job start (no all-or-nothing admission)', async () => {
    const { reader } = readerWith({
      positiveBound: true,
      negativeStarted: true,
    });
    const result = await gangSchedulingProbe(
      reader,
      discovery,
      [activeQueue],
      scope(),
      options,
    );
    expect(result).toMatchObject({ verdict: 'fail' });
    expect((result as any).reason).toContain('Negative case');
  });

  it('fails when the Job that fits the quota never gets its pods', async () => {
    const { reader } = readerWith({
      positiveBound: false,
      negativeStarted: false,
    });
    const result = await gangSchedulingProbe(
      reader,
      discovery,
      [activeQueue],
      scope(),
      options,
    );
    expect((result as any).reason).toContain('Positive case');
  });

  it('is skipped without a running Kueue, and creates nothing', async () => {
    const { reader, created } = readerWith({
      positiveBound: true,
      negativeStarted: false,
    });
    expect(
      await gangSchedulingProbe(reader, discovery, [], scope(), options),
    ).toMatchObject({ skipped: true });
    expect(created).toEqual([]);
  });
});
