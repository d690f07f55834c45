import { discoveryOf } from '../__testUtils__/facts';
import { FakeClusterReader } from '../__testUtils__/FakeClusterReader';
import { KubeObject } from '../cluster/ClusterReader';
import { gangSchedulingProbe } from './gangSchedulingProbe';

const discovery = discoveryOf({ 'kueue.x-k8s.io/v1beta2': ['clusterqueues', 'localqueues'], 'batch/v1': ['jobs'] });
const activeQueue: KubeObject = { apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'ClusterQueue', metadata: { name: 'cq' }, status: { conditions: [{ type: 'Active', status: 'True' }] } } as KubeObject;
const options = { gangPositiveTimeoutMs: 300, gangNegativeWindowMs: 300 };

/** A reader whose pods list shows what a scheduler did with the probe Jobs. */
function readerWith(behaviour: { positiveBound: boolean; negativeStarted: boolean }) {
  const created: string[] = [];
  const reader = new FakeClusterReader({ discovery, onCreate: (_path, body) => created.push(body.metadata.name) });
  reader.listPages = async function* listPages() {
    const job = created[created.length - 1];
    if (job === 'gang-positive' && behaviour.positiveBound) {
      yield [{ metadata: { name: 'p1' }, spec: { nodeName: 'n1' } }, { metadata: { name: 'p2' }, spec: { nodeName: 'n2' } }] as KubeObject[];
    } else if (job === 'gang-negative' && behaviour.negativeStarted) {
      yield [{ metadata: { name: 'n1' }, spec: { nodeName: 'n1' }, status: { phase: 'Running' } }] as KubeObject[];
    } else {
      yield [];
    }
  };
  return { reader, created };
}

describe('gangSchedulingProbe', () => {
  it('passes when the small Job is bound and the oversized Job starts nothing', async () => {
    const { reader, created } = readerWith({ positiveBound: true, negativeStarted: false });
    const result = await gangSchedulingProbe(reader, discovery, [activeQueue], 'ns', options);
    expect(result).toMatchObject({ verdict: 'pass' });
    expect(created).toEqual(['ai-conformance-probe', 'gang-positive', 'gang-negative']);
    const negative = reader.created.find(c => c.body.metadata.name === 'gang-negative')!.body;
    expect(negative.spec.parallelism).toBe(1000);
    expect(negative.metadata.labels['kueue.x-k8s.io/queue-name']).toBe('ai-conformance-probe');
  });

  it('fails when pods of the oversized Job start (no all-or-nothing scheduling)', async () => {
    const { reader } = readerWith({ positiveBound: true, negativeStarted: true });
    const result = await gangSchedulingProbe(reader, discovery, [activeQueue], 'ns', options);
    expect(result).toMatchObject({ verdict: 'fail' });
    expect((result as any).reason).toContain('Negative case');
  });

  it('fails when the small Job never gets its pods', async () => {
    const { reader } = readerWith({ positiveBound: false, negativeStarted: false });
    const result = await gangSchedulingProbe(reader, discovery, [activeQueue], 'ns', options);
    expect((result as any).reason).toContain('Positive case');
  });

  it('is skipped without an Active ClusterQueue', async () => {
    const { reader } = readerWith({ positiveBound: true, negativeStarted: false });
    expect(await gangSchedulingProbe(reader, discovery, [], 'ns', options)).toMatchObject({ skipped: true });
  });
});
