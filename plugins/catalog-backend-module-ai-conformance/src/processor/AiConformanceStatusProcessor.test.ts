import { Entity } from '@backstage/catalog-model';
import { ClusterSummary } from '@internal/plugin-ai-conformance-common';
import { AiConformanceStatusProcessor } from './AiConformanceStatusProcessor';

const cluster = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    annotations: { 'kubernetes.io/api-server': 'https://x' },
    labels: { tier: 'gpu' },
  },
  spec: { type: 'kubernetes-cluster', owner: 'ml' },
});

const summary = (
  overrides: Partial<NonNullable<ClusterSummary['summary']>>,
) => ({
  pass: 10,
  fail: 1,
  notApplicable: 2,
  unknown: 0,
  error: 0,
  total: 13,
  mustFailed: 0,
  mustUndecided: 0,
  conformant: true,
  ...overrides,
});

describe('AiConformanceStatusProcessor', () => {
  const fleet: Record<string, ClusterSummary> = {
    'resource:default/good': {
      cluster: 'good',
      name: 'good',
      entityRef: 'resource:default/good',
      source: 'catalog',
      status: 'ok',
      checklistVersion: '1.35',
      evaluatedAt: '2026-11-29T10:00:00.000Z',
      summary: summary({}),
    },
    'resource:default/bad': {
      cluster: 'bad',
      name: 'bad',
      source: 'catalog',
      status: 'error',
      message: 'timeout',
      checklistVersion: '1.34',
      summary: summary({ conformant: false, mustFailed: 2 }),
    },
    'resource:default/unsure': {
      cluster: 'unsure',
      name: 'unsure',
      source: 'catalog',
      status: 'ok',
      summary: summary({ conformant: false, mustUndecided: 1 }),
    },
    'resource:default/new': {
      cluster: 'new',
      name: 'new',
      source: 'catalog',
      status: 'refused',
      message: 'add config',
    },
  };
  const processor = new AiConformanceStatusProcessor({
    get: async ref => fleet[ref],
  });

  it('adds status annotations and a label to cluster entities', async () => {
    const entity = cluster('good');
    const result = await processor.preProcessEntity(entity);
    expect(result.metadata.annotations).toEqual({
      'kubernetes.io/api-server': 'https://x',
      'ai-conformance.io/status': 'conformant',
      'ai-conformance.io/cluster-status': 'ok',
      'ai-conformance.io/evaluated-checklist-version': '1.35',
      'ai-conformance.io/evaluated-at': '2026-11-29T10:00:00.000Z',
      'ai-conformance.io/passed': '10',
      'ai-conformance.io/failed': '1',
      'ai-conformance.io/must-failed': '0',
      'ai-conformance.io/must-undecided': '0',
    });
    expect(result.metadata.labels).toEqual({
      tier: 'gpu',
      'ai-conformance.io/status': 'conformant',
    });
    expect(entity.metadata.annotations).toEqual({
      'kubernetes.io/api-server': 'https://x',
    }); // input untouched
  });

  it.each([
    ['bad', 'not-conformant', 'error'],
    ['unsure', 'undecided', 'ok'],
    ['new', 'not-evaluated', 'refused'],
  ])('marks %s as %s', async (name, status, clusterStatus) => {
    const result = await processor.preProcessEntity(cluster(name));
    expect(result.metadata.labels?.['ai-conformance.io/status']).toBe(status);
    expect(
      result.metadata.annotations?.['ai-conformance.io/cluster-status'],
    ).toBe(clusterStatus);
  });

  it('owns the ai-conformance.io namespace on cluster entities: authored values do not survive', async () => {
    const forged = cluster('unknown');
    forged.metadata.annotations = {
      ...forged.metadata.annotations,
      'ai-conformance.io/status': 'conformant',
      'ai-conformance.io/passed': '99',
      'ai-conformance.io/checklist-version': '1.34',
    };
    forged.metadata.labels = {
      tier: 'gpu',
      'ai-conformance.io/status': 'conformant',
    };
    const result = await processor.preProcessEntity(forged);
    expect(result.metadata.annotations).toEqual({
      'kubernetes.io/api-server': 'https://x',
      'ai-conformance.io/checklist-version': '1.34',
    });
    expect(result.metadata.labels).toEqual({ tier: 'gpu' });

    const known = cluster('bad');
    known.metadata.annotations = {
      ...known.metadata.annotations,
      'ai-conformance.io/evaluated-at': 'forged',
    };
    const evaluated = await processor.preProcessEntity(known);
    expect(
      evaluated.metadata.annotations?.['ai-conformance.io/evaluated-at'],
    ).toBeUndefined();
    expect(evaluated.metadata.labels?.['ai-conformance.io/status']).toBe(
      'not-conformant',
    );
  });

  it('leaves other entities and unknown clusters alone', async () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'good' },
      spec: { type: 'kubernetes-cluster' },
    };
    expect(await processor.preProcessEntity(component)).toBe(component);
    const unknown = cluster('unknown');
    expect(await processor.preProcessEntity(unknown)).toBe(unknown);
  });
});
