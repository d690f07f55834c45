import { mockServices } from '@backstage/backend-test-utils';
import {
  Entity,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  ClusterFacts,
  FactKey,
  ServiceFact,
} from '@internal/plugin-ai-conformance-node';
import { MODEL_SERVER_ANNOTATIONS as A } from './annotations';
import { ModelServingCluster } from './entities';
import {
  ModelServerEntityProvider,
  ModelServingClusterAccess,
} from './ModelServerEntityProvider';
import { DEFAULT_OWNERSHIP_RULES } from './ownership';

const CLUSTER: ModelServingCluster = {
  id: 'resource:default/gpu-east',
  name: 'gpu-east',
  entityRef: 'resource:default/gpu-east',
};

function deploymentFact(
  name: string,
  options: { model?: string; ready: number; team?: string },
) {
  const labels = { app: name, ...(options.team ? { team: options.team } : {}) };
  return {
    kind: 'Deployment' as const,
    namespace: 'llm',
    name,
    labels,
    images: ['vllm/vllm-openai:v0.10.1'],
    desired: 1,
    ready: options.ready,
    available: options.ready > 0,
    selector: { app: name },
    annotations: {},
    template: {
      labels,
      usesResourceClaims: false,
      containers: [
        {
          name: 'vllm',
          image: 'vllm/vllm-openai:v0.10.1',
          command: [],
          args: options.model ? ['--model', options.model] : [],
          modelEnv: {},
          ports: [8000],
          extendedResources: { 'nvidia.com/gpu': 1 },
        },
      ],
    },
  };
}

/** Facts as the gather layer returns them; `refuse` makes those reads fail with 403. */
function facts(
  deployments: ReturnType<typeof deploymentFact>[],
  refuse: FactKey[] = [],
  services: ServiceFact[] = [],
): ClusterFacts {
  const out: ClusterFacts['facts'] = {};
  const values: Partial<Record<FactKey, unknown>> = {
    deployments,
    services,
    namespaces: [
      {
        name: 'llm',
        labels: { team: 'ml-platform' },
        annotations: { 'backstage.io/system': 'chat' },
      },
    ],
  };
  for (const [key, value] of Object.entries(values))
    (out as any)[key] = { ok: true, value };
  for (const key of refuse)
    (out as any)[key] = { ok: false, error: 'forbidden', kind: 'forbidden' };
  return {
    version: { gitVersion: 'v1.35.0', major: '1', minor: '35' },
    discovery: { source: 'aggregated', groups: [] },
    facts: out,
  };
}

class Harness {
  mutations: EntityProviderMutation[] = [];
  read: () => Promise<ClusterFacts> = async () => facts([]);
  clusters: Array<ModelServingCluster & { refusal?: string }> = [CLUSTER];
  provider: ModelServerEntityProvider;

  constructor(options: { existing?: Entity[]; enabled?: string[] } = {}) {
    const access: ModelServingClusterAccess = {
      listClusters: async () => this.clusters,
      gatherFacts: () => this.read(),
    };
    this.provider = new ModelServerEntityProvider({
      access,
      enabledClusters: options.enabled ?? ['*'],
      entityOptions: {
        rules: {
          ...DEFAULT_OWNERSHIP_RULES,
          ownerMapping: { 'ml-platform': 'group:default/ml' },
        },
        namespace: 'default',
        lifecycle: 'production',
      },
      taskRunner: { run: async () => {} },
      logger: mockServices.logger.mock(),
      loadExisting: options.existing
        ? async () => options.existing!
        : undefined,
      now: () => new Date('2026-12-03T12:00:00Z'),
    });
  }

  async connect() {
    const connection: EntityProviderConnection = {
      applyMutation: async m => {
        this.mutations.push(m);
      },
      refresh: async () => {},
    };
    await this.provider.connect(connection);
  }

  last() {
    const m = this.mutations[this.mutations.length - 1];
    if (m?.type !== 'delta') throw new Error('expected a delta mutation');
    return {
      added: m.added.map(a => a.entity),
      removed: m.removed.map(r =>
        'entityRef' in r ? r.entityRef : stringifyEntityRef(r.entity),
      ),
    };
  }
}

describe('ModelServerEntityProvider', () => {
  it('emits a Component, an API and a Resource per model, all valid catalog entities with their relations', async () => {
    const h = new Harness();
    await h.connect();
    h.read = async () =>
      facts([deploymentFact('qwen', { model: 'Qwen/Qwen3-8B', ready: 1 })]);
    expect(await h.provider.refresh()).toEqual([
      { cluster: CLUSTER.id, status: 'live', servers: 1 },
    ]);
    const { added } = h.last();
    expect(added.map(e => `${e.kind}:${e.metadata.name}`).sort()).toEqual([
      'API:qwen-llm-gpu-east-api',
      'Component:qwen-llm-gpu-east',
      'Resource:qwen-qwen3-8b-gpu-east',
    ]);
    const component = added.find(e => e.kind === 'Component')!;
    expect(component.spec).toMatchObject({
      type: 'model-server',
      owner: 'group:default/ml',
      system: 'system:default/chat',
      providesApis: ['api:default/qwen-llm-gpu-east-api'],
      dependsOn: [
        'resource:default/qwen-qwen3-8b-gpu-east',
        'resource:default/gpu-east',
      ],
      modelServer: {
        readiness: 'ready',
        runtime: { name: 'vllm', version: 'v0.10.1' },
        replicas: { desired: 1, ready: 1 },
      },
    });
    expect(component.metadata.annotations).toMatchObject({
      [A.kubernetesLabelSelector]: 'app=qwen',
      [A.kubernetesNamespace]: 'llm',
      [A.kubernetesCluster]: 'gpu-east',
      [A.ownerSource]: 'namespace team (mapped)',
      [A.status]: 'live',
    });
    const api = added.find(e => e.kind === 'API')!;
    expect(api.spec).toMatchObject({ type: 'openai', serverType: 'vllm' });
    for (const entity of added) {
      const validator = {
        Component: componentEntityV1alpha1Validator,
        API: apiEntityV1alpha1Validator,
        Resource: resourceEntityV1alpha1Validator,
      }[entity.kind as 'API'];
      await expect(validator.check(entity)).resolves.toBe(true);
    }
  });

  it('sends nothing when nothing changed, only the changed entity when one did, and removes a vanished server', async () => {
    const h = new Harness();
    await h.connect();
    const a = deploymentFact('a', { model: 'm-a', ready: 1 });
    const b = deploymentFact('b', { model: 'm-b', ready: 1 });
    h.read = async () => facts([a, b]);
    await h.provider.refresh();
    expect(h.mutations).toHaveLength(1);
    await h.provider.refresh();
    expect(h.mutations).toHaveLength(1);

    h.read = async () => facts([{ ...a, ready: 0, available: false }, b]);
    await h.provider.refresh();
    expect(h.last().added.map(e => e.metadata.name)).toEqual([
      'a-llm-gpu-east',
    ]);
    expect(h.last().removed).toEqual([]);

    h.read = async () => facts([b]);
    await h.provider.refresh();
    expect(h.last().added).toEqual([]);
    expect(h.last().removed.sort()).toEqual([
      'api:default/a-llm-gpu-east-api',
      'component:default/a-llm-gpu-east',
      'resource:default/m-a-gpu-east',
    ]);
  });

  it('keeps the last entities of an unreachable cluster, marked stale with the reason', async () => {
    const h = new Harness();
    await h.connect();
    h.read = async () => facts([deploymentFact('a', { model: 'm', ready: 1 })]);
    await h.provider.refresh();
    h.read = async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.1:6443');
    };
    const [result] = await h.provider.refresh();
    expect(result.status).toBe('stale');
    const { added, removed } = h.last();
    expect(removed).toEqual([]);
    expect(added).toHaveLength(3);
    for (const e of added) {
      expect(e.metadata.annotations).toMatchObject({
        [A.status]: 'stale',
        [A.statusReason]:
          'cluster unreachable: connect ECONNREFUSED 10.0.0.1:6443',
        [A.staleSince]: '2026-12-03T12:00:00.000Z',
      });
    }
    // Back online: live again.
    h.read = async () => facts([deploymentFact('a', { model: 'm', ready: 1 })]);
    await h.provider.refresh();
    expect(
      h.last().added.every(e => e.metadata.annotations![A.status] === 'live'),
    ).toBe(true);
  });

  it('keeps servers it cannot see because a read was refused, stale, instead of removing them', async () => {
    const h = new Harness();
    await h.connect();
    h.read = async () => facts([deploymentFact('a', { model: 'm', ready: 1 })]);
    await h.provider.refresh();
    h.read = async () => facts([], ['deployments']);
    const [result] = await h.provider.refresh();
    expect(result).toMatchObject({
      status: 'partial',
      message: 'could not read deployments (forbidden)',
    });
    expect(h.last().removed).toEqual([]);
    expect(h.last().added.map(e => e.metadata.annotations![A.status])).toEqual([
      'stale',
      'stale',
      'stale',
    ]);
  });

  it('after a restart, keeps the catalog entities of a cluster that is down', async () => {
    const first = new Harness();
    await first.connect();
    first.read = async () =>
      facts([deploymentFact('a', { model: 'm', ready: 1 })]);
    await first.provider.refresh();
    const existing = first.last().added;

    const h = new Harness({ existing });
    await h.connect();
    h.read = async () => {
      throw new Error('timeout');
    };
    await h.provider.refresh();
    expect(h.last().removed).toEqual([]);
    expect(h.last().added.map(e => e.metadata.annotations![A.status])).toEqual([
      'stale',
      'stale',
      'stale',
    ]);
  });

  it('reads only the clusters enabled in config and removes entities of a cluster no longer enabled', async () => {
    const other: ModelServingCluster = { id: 'config:lab', name: 'lab' };
    const h = new Harness({ enabled: ['config:lab'] });
    h.clusters = [CLUSTER, other];
    const read = jest.fn(async () =>
      facts([deploymentFact('a', { model: 'm', ready: 1 })]),
    );
    h.read = read;
    await h.connect();
    const results = await h.provider.refresh();
    expect(results.map(r => r.cluster)).toEqual(['config:lab']);
    expect(
      h.last().added.find(e => e.kind === 'Component')!.spec!.dependsOn,
    ).toEqual(['resource:default/m-lab']);
    h.clusters = [CLUSTER];
    await h.provider.refresh();
    expect(h.last().removed).toHaveLength(3);
  });

  it('marks the entities of a refused cluster stale with the refusal', async () => {
    const h = new Harness();
    await h.connect();
    h.read = async () => facts([deploymentFact('a', { model: 'm', ready: 1 })]);
    await h.provider.refresh();
    h.clusters = [
      { ...CLUSTER, refusal: 'no credentials bound in aiConformance.clusters' },
    ];
    const [result] = await h.provider.refresh();
    expect(result.status).toBe('skipped');
    expect(h.last().added[0].metadata.annotations![A.statusReason]).toBe(
      'cluster refused: no credentials bound in aiConformance.clusters',
    );
  });

  it('makes one model Resource per cluster and model name, however many servers serve it', async () => {
    const h = new Harness();
    const other: ModelServingCluster = {
      id: 'resource:default/gpu-west',
      name: 'gpu-west',
      entityRef: 'resource:default/gpu-west',
    };
    h.clusters = [CLUSTER, other];
    h.read = async () =>
      facts([
        deploymentFact('a', { model: 'Qwen/Qwen3-8B', ready: 1 }),
        deploymentFact('b', { model: 'Qwen/Qwen3-8B', ready: 1 }),
      ]);
    await h.connect();
    await h.provider.refresh();
    const { added } = h.last();
    expect(
      added
        .filter(e => e.kind === 'Resource')
        .map(e => [e.metadata.name, e.spec?.dependsOn]),
    ).toEqual([
      ['qwen-qwen3-8b-gpu-east', ['resource:default/gpu-east']],
      ['qwen-qwen3-8b-gpu-west', ['resource:default/gpu-west']],
    ]);
    const east = added.filter(
      e => e.kind === 'Component' && e.metadata.name.endsWith('gpu-east'),
    );
    expect(east.map(e => e.spec?.dependsOn)).toEqual([
      ['resource:default/qwen-qwen3-8b-gpu-east', 'resource:default/gpu-east'],
      ['resource:default/qwen-qwen3-8b-gpu-east', 'resource:default/gpu-east'],
    ]);
  });

  it('puts serverType and serverUrl on the API, and the endpoint on the Component as RHDH names it', async () => {
    const h = new Harness();
    h.read = async () =>
      facts(
        [
          deploymentFact('public', { model: 'm', ready: 1 }),
          deploymentFact('internal', { model: 'm', ready: 1 }),
        ],
        [],
        [
          {
            namespace: 'llm',
            name: 'public',
            type: 'LoadBalancer',
            selector: { app: 'public' },
            ports: [{ name: 'http', port: 8000 }],
            externalAddresses: ['203.0.113.7'],
          },
          {
            namespace: 'llm',
            name: 'internal',
            type: 'ClusterIP',
            selector: { app: 'internal' },
            ports: [{ name: 'http', port: 8000 }],
            externalAddresses: [],
          },
        ],
      );
    await h.connect();
    await h.provider.refresh();
    const byName = (name: string) =>
      h.last().added.find(e => e.metadata.name === name)!;
    expect(byName('public-llm-gpu-east-api').spec).toMatchObject({
      type: 'openai',
      serverType: 'vllm',
      serverUrl: 'http://203.0.113.7:8000',
    });
    expect(
      byName('public-llm-gpu-east-api').metadata.annotations,
    ).toMatchObject({
      [A.serverType]: 'vllm',
      [A.serverUrl]: 'http://203.0.113.7:8000',
    });
    expect(byName('public-llm-gpu-east').metadata).toMatchObject({
      annotations: { [A.rhdhExternalUrl]: 'http://203.0.113.7:8000' },
      links: [{ url: 'http://203.0.113.7:8000', title: 'Endpoint' }],
    });
    // A cluster-local URL is the internal service URL and no link (a browser cannot reach it).
    const internal = byName('internal-llm-gpu-east');
    expect(internal.metadata.annotations![A.rhdhInternalUrl]).toBe(
      'http://internal.llm.svc.cluster.local:8000',
    );
    expect(internal.metadata.links).toBeUndefined();
  });

  it("takes the owner from the object before its namespace, then the cluster's owner, then the default", async () => {
    const h = new Harness();
    h.read = async () =>
      facts([
        deploymentFact('labelled', { model: 'm', ready: 1, team: 'search' }),
        deploymentFact('plain', { model: 'm', ready: 1 }),
      ]);
    await h.connect();
    await h.provider.refresh();
    const owner = (name: string) => {
      const e = h.last().added.find(x => x.metadata.name === name)!;
      return [e.spec?.owner, e.metadata.annotations![A.ownerSource]];
    };
    expect(owner('labelled-llm-gpu-east')).toEqual([
      'group:default/search',
      'object team',
    ]);
    expect(owner('plain-llm-gpu-east')).toEqual([
      'group:default/ml',
      'namespace team (mapped)',
    ]);

    // A namespace without owner labels: the cluster's owner, else the configured default.
    const bare = (clusterOwner?: string) => {
      const b = new Harness();
      b.clusters = [{ ...CLUSTER, owner: clusterOwner }];
      b.read = async () => {
        const f = facts([deploymentFact('plain', { model: 'm', ready: 1 })]);
        (f.facts as any).namespaces = { ok: true, value: [] };
        return f;
      };
      return b;
    };
    const withOwner = bare('group:default/platform');
    await withOwner.connect();
    await withOwner.provider.refresh();
    expect(
      withOwner.last().added.find(e => e.kind === 'Component')!.spec!.owner,
    ).toBe('group:default/platform');
    const without = bare();
    await without.connect();
    await without.provider.refresh();
    const component = without.last().added.find(e => e.kind === 'Component')!;
    expect(component.spec!.owner).toBe(DEFAULT_OWNERSHIP_RULES.defaultOwner);
    expect(component.metadata.annotations![A.ownerSource]).toBe('default');
  });

  it('turns a server with missing fields into entities with what is known and the warnings', async () => {
    const h = new Harness();
    h.read = async () => facts([deploymentFact('nameless', { ready: 1 })]);
    await h.connect();
    const [result] = await h.provider.refresh();
    expect(result.status).toBe('live');
    const component = h.last().added.find(e => e.kind === 'Component')!;
    expect(component.spec!.dependsOn).toEqual(['resource:default/gpu-east']);
    expect(component.metadata.annotations![A.warnings]).toContain(
      'no model named in the container arguments or labels',
    );
    expect(component.metadata.annotations![A.warnings]).toContain(
      'no Service selects the server pods: no endpoint',
    );
    await expect(
      componentEntityV1alpha1Validator.check(component),
    ).resolves.toBe(true);
  });
});
