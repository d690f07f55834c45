import { FakeClusterReader } from '../__testUtils__/FakeClusterReader';
import { discoveryOf } from '../__testUtils__/facts';
import { KubeApiError } from '../errors';
import { FACT_DEFINITIONS } from './factDefinitions';
import { gatherFacts } from './gatherFacts';
import { createGatherContext, scopedGatherContext } from './GatherContext';
import { listRead } from './factReads';

const forbidden = (path: string) =>
  new KubeApiError({
    status: 403,
    kind: 'forbidden',
    path,
    message:
      'Forbidden (403): the identity may not list nodepools.karpenter.sh.',
  });

describe('gatherFacts: discovery decides absence, a failed read is an error', () => {
  it('gives an empty value when discovery does not serve the API, without a request', async () => {
    const reader = new FakeClusterReader({
      discovery: discoveryOf({ v1: ['nodes'] }),
    });
    const facts = await gatherFacts(reader, ['karpenterNodePools']);
    expect(facts.facts.karpenterNodePools).toEqual({ ok: true, value: [] });
    expect(reader.requested).toEqual(['/version']);
  });

  it('records a refused read of a served API as an error naming what to grant', async () => {
    const reader = new FakeClusterReader({
      discovery: discoveryOf({ 'karpenter.sh/v1': ['nodepools'] }),
      errors: {
        '/apis/karpenter.sh/v1/nodepools': forbidden(
          '/apis/karpenter.sh/v1/nodepools',
        ),
      },
    });
    const facts = await gatherFacts(reader, ['karpenterNodePools']);
    expect(facts.facts.karpenterNodePools).toEqual({
      ok: false,
      kind: 'forbidden',
      error: expect.stringContaining('403'),
      needs: ['list nodepools.karpenter.sh (all namespaces)'],
    });
  });

  it('records an answer that cannot be reduced as an error, not a crash', async () => {
    const reader = new FakeClusterReader({
      discovery: discoveryOf({ 'apps/v1': ['deployments'] }),
      objects: { '/apis/apps/v1/deployments': [null as any] },
    });
    const facts = await gatherFacts(reader, ['deployments']);
    expect(facts.facts.deployments).toMatchObject({
      ok: false,
      kind: 'badResponse',
    });
  });

  it('holds every fact definition to the reads it declares', async () => {
    const reader = new FakeClusterReader({
      discovery: discoveryOf({ 'apps/v1': ['deployments', 'daemonsets'] }),
    });
    const ctx = createGatherContext(reader, await reader.getDiscovery());
    const scoped = scopedGatherContext(ctx, 'example', [
      listRead('apps', 'deployments'),
    ]);
    await expect(scoped.list('apps', 'deployments', o => o)).resolves.toEqual(
      [],
    );
    expect(() => scoped.list('apps', 'daemonsets', o => o)).toThrow(
      'The fact example sends "list daemonsets.apps (all namespaces)" without declaring it in its reads.',
    );
  });

  it('declares at least one read for every fact', () => {
    for (const [key, definition] of Object.entries(FACT_DEFINITIONS)) {
      expect([key, definition.reads.length > 0]).toEqual([key, true]);
    }
  });
});
