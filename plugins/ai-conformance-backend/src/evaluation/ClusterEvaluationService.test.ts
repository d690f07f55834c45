import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { Scorecard } from '@internal/plugin-ai-conformance-common';
import type { JsonValue } from '@backstage/types';
import type { ClusterTarget } from '@internal/plugin-ai-conformance-node';
import { AiConformanceConfig } from '../config/readAiConformanceConfig';
import { DatabaseAiConformanceStore } from '../database/DatabaseAiConformanceStore';
import { DatabaseCapacityStore } from '../database/DatabaseCapacityStore';
import { AiConformanceEngine } from '../engine/AiConformanceEngine';
import { makeScorecard } from '../__testUtils__/scorecards';
import { testRegistry } from '../__testUtils__/testRegistry';
import { ClusterEvaluationService } from './ClusterEvaluationService';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** A config-only cluster `config:<name>` with a token. */
const clusterSettings = (
  name: string,
  token = `token-of-${name}`,
): { [key: string]: JsonValue } => ({
  name,
  url: `https://${name}.example.com`,
  activeProbes: name === 'probes',
  serviceAccountToken: token,
});

function makeConfig(
  overrides: Partial<AiConformanceConfig>,
): AiConformanceConfig {
  return {
    schedule: { frequency: { hours: 1 }, timeout: { hours: 1 } },
    concurrency: 2,
    clusterTimeoutMs: 10_000,
    requestTimeoutMs: 1_000,
    maxResponseBytes: 1024,
    retentionDays: 90,
    ...overrides,
  };
}

class UnreachableError extends Error {
  name = 'ClusterUnreachableError';
  constructor(readonly reason: string) {
    super(`unreachable: ${reason}`);
  }
}

async function setup(options: {
  evaluate: AiConformanceEngine['evaluateCluster'];
  config?: Partial<AiConformanceConfig> & { clusters?: JsonValue[] };
  targets?: ClusterTarget[];
}) {
  const { clusters, ...config } = options.config ?? {};
  const { registry, sources, targets } = testRegistry({
    targets: options.targets ?? [],
    clusters,
  });
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseAiConformanceStore.create({
    database: mockServices.database({ knex }),
  });
  const auditor = mockServices.auditor.mock();
  const auditEvent = { success: jest.fn(), fail: jest.fn() };
  auditor.createEvent.mockResolvedValue(auditEvent);
  const engine: AiConformanceEngine = {
    evaluateCluster: jest.fn(options.evaluate),
    renderJUnit: jest.fn(),
    renderProductYaml: jest.fn(),
    sweepProbeLeftovers: jest.fn(async () => []),
  };
  const capacity = await DatabaseCapacityStore.create({
    database: mockServices.database({ knex }),
  });
  const service = new ClusterEvaluationService({
    store,
    engine,
    registry,
    config: makeConfig(config),
    logger: mockServices.logger.mock(),
    auditor,
    capacity,
  });
  return {
    service,
    store,
    engine,
    auditEvent,
    knex,
    sources,
    targets,
    capacity,
  };
}

describe('ClusterEvaluationService', () => {
  it('evaluates every allowed cluster, isolates failures and never contacts refused ones', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const { service, store, engine, knex, auditEvent } = await setup({
      config: {
        concurrency: 2,
        clusterTimeoutMs: 100,
        clusters: ['good-1', 'good-2', 'down', 'hangs', 'crashes'].map(n =>
          clusterSettings(n),
        ),
      },
      targets: [
        {
          name: 'unlisted',
          source: 'catalog',
          entityRef: 'resource:default/unlisted',
          url: 'https://unlisted.example.com',
        },
      ],
      evaluate: async ({ cluster, signal }): Promise<Scorecard> => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          if (cluster === 'config:down') {
            throw new UnreachableError(
              'connection refused by https://down.example.com; check the URL and that the API server runs',
            );
          }
          if (cluster === 'config:crashes') {
            throw new Error('bad token token-of-crashes in response');
          }
          if (cluster === 'config:hangs') {
            // Ignores its signal on purpose: the backend's own deadline must end it.
            await new Promise(resolve => setTimeout(resolve, 10_000));
          }
          await new Promise(resolve => setTimeout(resolve, 20));
          expect(signal?.aborted).toBe(false);
          return makeScorecard('ignored-name');
        } finally {
          inFlight--;
        }
      },
    });

    await service.evaluateFleet();

    expect(maxInFlight).toBe(2);
    const contacted = (engine.evaluateCluster as jest.Mock).mock.calls.map(
      ([o]) => o.cluster,
    );
    expect(contacted.sort()).toEqual([
      'config:crashes',
      'config:down',
      'config:good-1',
      'config:good-2',
      'config:hangs',
    ]);

    const clusters = Object.fromEntries(
      (await store.listClusters()).map(c => [c.cluster, c]),
    );
    expect(clusters['config:good-1'].status).toBe('ok');
    expect(clusters['config:good-2'].status).toBe('ok');
    expect(clusters['config:down']).toMatchObject({
      status: 'error',
      message:
        'connection refused by https://down.example.com; check the URL and that the API server runs',
    });
    expect(clusters['config:crashes'].message).toBe(
      'the evaluation failed: bad token [redacted] in response',
    );
    expect(clusters['config:hangs'].message).toMatch(
      /did not finish within 100 ms; check that the API server responds/,
    );
    const unlisted = clusters['resource:default/unlisted'];
    expect(unlisted.status).toBe('refused');
    expect(unlisted.message).toContain('no credentials are bound to it');

    // failed runs are audited with the reason, and no stack trace for these expected failures
    const auditedFailures = auditEvent.fail.mock.calls.map(([o]) => o.error);
    expect(auditedFailures).toHaveLength(3);
    for (const error of auditedFailures) {
      expect(error.stack).toBeUndefined();
    }
    expect(auditedFailures.map(e => e.message)).toContain(
      clusters['config:down'].message,
    );
    expect(auditEvent.success).toHaveBeenCalledTimes(2);

    const scorecard = await store.getLatestScorecard('config:good-1');
    expect(scorecard?.cluster).toBe('config:good-1');
    // every run released its lock
    expect(await knex('ai_conformance_locks').count('* as n')).toEqual([
      { n: 0 },
    ]);
  });

  it('evaluates at a refresh only the clusters registered since the last round', async () => {
    const late: ClusterTarget = {
      name: 'late',
      source: 'catalog',
      entityRef: 'resource:default/late',
      url: 'https://late.example.com',
    };
    const { service, store, engine, targets } = await setup({
      config: {
        clusters: [
          clusterSettings('early'),
          {
            entityRef: late.entityRef!,
            url: late.url,
            serviceAccountToken: 'late-token',
          },
        ],
      },
      evaluate: async ({ cluster }) => makeScorecard(cluster),
    });
    const evaluated = () =>
      (engine.evaluateCluster as jest.Mock).mock.calls.map(([o]) => o.cluster);

    // The startup round ran before the catalog had the late cluster.
    await service.evaluateFleet();
    expect(evaluated()).toEqual(['config:early']);

    // Nothing new: a refresh evaluates nothing.
    await service.refreshAndEvaluateNew();
    expect(evaluated()).toEqual(['config:early']);

    // The catalog now has it: the next refresh evaluates it, and only it.
    targets.push(late);
    await service.refreshAndEvaluateNew();
    expect(evaluated()).toEqual(['config:early', 'resource:default/late']);
    expect((await store.getCluster('resource:default/late'))?.status).toBe(
      'ok',
    );

    // Evaluated once (even if that run had failed): later refreshes leave it to the schedule.
    await service.refreshAndEvaluateNew();
    expect(evaluated()).toHaveLength(2);
  });

  it('syncs a configured cluster the store does not know yet, once for concurrent callers', async () => {
    const { service, store } = await setup({
      config: { clusters: [clusterSettings('fresh')] },
      evaluate: async () => makeScorecard('fresh'),
    });
    const sync = jest.spyOn(store, 'syncClusters');
    expect(await store.getCluster('config:fresh')).toBeUndefined();
    const found = await Promise.all(
      Array.from({ length: 5 }, () => service.getStoredCluster('config:fresh')),
    );
    expect(found.map(c => c?.cluster)).toEqual(Array(5).fill('config:fresh'));
    expect(sync).toHaveBeenCalledTimes(1);
    // an identity nobody announces costs no sync
    expect(await service.getStoredCluster('config:nobody')).toBeUndefined();
    expect(sync).toHaveBeenCalledTimes(1);
  });

  it('stores capacity snapshots with the same redaction as scorecards', async () => {
    const token = 'tok3n-of-capacity-cluster';
    const { service, capacity } = await setup({
      config: { clusters: [clusterSettings('gpu', token)] },
      evaluate: async ({ onCapacity }) => {
        onCapacity?.({
          takenAt: new Date().toISOString(),
          totals: {
            nodes: 1,
            acceleratorNodes: 0,
            physical: 0,
            devices: { allocatable: 0, allocated: 0, free: 0 },
            resources: [],
          },
          models: [],
          nodes: [],
          dra: { pools: [], devices: [] },
          pending: { pods: [], byResource: {} },
          queues: [],
          unknown: [],
          errors: [
            {
              fact: 'resourceSlices',
              error: `proxy refused token ${token} for https://ops:hunter22@gpu.example.com`,
            },
          ],
        });
        return makeScorecard('gpu');
      },
    });
    await service.evaluateFleet();
    const stored = await capacity.getLatestCapacity('config:gpu');
    expect(stored?.errors).toHaveLength(1);
    const json = JSON.stringify(stored);
    expect(json).not.toContain(token);
    expect(json).not.toContain('hunter22');
    expect(json).toContain('proxy refused token [redacted]');
  });

  it('does not let a passive round silently replace the verdicts of the last probe round', async () => {
    const { service, store } = await setup({
      config: { clusters: [clusterSettings('probes')] },
      evaluate: async ({ activeProbes }) =>
        makeScorecard('probes', {
          evaluatedAt: new Date().toISOString(),
          requirements: [
            {
              id: 'gang_scheduling',
              category: 'schedulingOrchestration',
              level: 'MUST',
              verdict: activeProbes ? 'fail' : 'pass',
              reason: activeProbes
                ? 'the probe gang Job was admitted partially'
                : 'Kueue is Available',
              evidence: [],
              ...(activeProbes ? { mode: 'active' as const } : {}),
            },
          ],
        }),
    });
    await service.evaluateFleet(undefined, { probes: true });
    const probedAt = (await store.getLatestScorecard('config:probes'))!
      .evaluatedAt;
    await service.evaluateFleet();
    const latest = (await store.getLatestScorecard('config:probes'))!;
    expect(latest.evaluatedAt).not.toBe(probedAt); // the passive run was recorded
    const gang = latest.requirements[0];
    expect(gang).toMatchObject({ verdict: 'fail', mode: 'active' });
    expect(gang.reason).toContain(
      `Not re-verified by this passive round; an active probe on ${probedAt}`,
    );
    expect(gang.evidence).toContainEqual(
      expect.objectContaining({
        message: 'This passive round found pass: Kueue is Available',
      }),
    );
    expect(latest.summary.conformant).toBe(false);
  });

  it('passes budgets, checklist override and probe choice to the engine', async () => {
    const { service, engine } = await setup({
      config: {
        clusterTimeoutMs: 30_000,
        requestTimeoutMs: 2_000,
        maxResponseBytes: 4096,
        clusters: [{ ...clusterSettings('probes'), checklistVersion: '1.33' }],
      },
      evaluate: async () => makeScorecard('probes'),
    });
    await service.evaluateFleet();
    expect(engine.evaluateCluster).toHaveBeenLastCalledWith(
      expect.objectContaining({
        cluster: 'config:probes',
        activeProbes: false,
      }),
    );
    // Probes run in their own round (own schedule), for clusters that enable them.
    await service.evaluateFleet(undefined, { probes: true });
    expect(engine.evaluateCluster).toHaveBeenLastCalledWith(
      expect.objectContaining({
        cluster: 'config:probes',
        checklistVersion: '1.33',
        activeProbes: true,
        timeoutMs: 30_000,
        requestTimeoutMs: 2_000,
        maxResponseBytes: 4096,
      }),
    );
    const kubeConfig = (engine.evaluateCluster as jest.Mock).mock.calls[1][0]
      .kubeConfig;
    expect(kubeConfig.getCurrentCluster().server).toBe(
      'https://probes.example.com',
    );
  });

  it('runs now in the background, and rejects unknown, refused, busy and probe-less requests', async () => {
    let release: () => void = () => {};
    const { service, store, auditEvent } = await setup({
      config: { clusters: [clusterSettings('a')] },
      targets: [
        {
          name: 'refused',
          source: 'catalog',
          entityRef: 'resource:default/refused',
          url: 'https://refused.example.com',
        },
      ],
      evaluate: () =>
        new Promise(resolve => {
          release = () => resolve(makeScorecard('a'));
        }),
    });

    await expect(
      service.startEvaluation('config:nope', {
        trigger: 'user:default/alice',
        activeProbes: false,
      }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      service.startEvaluation('resource:default/refused', {
        trigger: 'user:default/alice',
        activeProbes: false,
      }),
    ).rejects.toThrow(InputError);
    await expect(
      service.startEvaluation('config:a', {
        trigger: 'user:default/alice',
        activeProbes: true,
      }),
    ).rejects.toThrow(/activeProbes: true/);

    await service.startEvaluation('config:a', {
      trigger: 'user:default/alice',
      activeProbes: false,
    });
    await waitFor(() => store.isLocked('config:a'));
    await expect(
      service.startEvaluation('config:a', {
        trigger: 'user:default/bob',
        activeProbes: false,
      }),
    ).rejects.toThrow(ConflictError);

    release();
    await waitFor(
      async () => (await store.getCluster('config:a'))?.status === 'ok',
    );
    expect(await store.isLocked('config:a')).toBe(false);
    const [run] = await store.listRuns('config:a', { limit: 1 });
    expect(run.trigger).toBe('user:default/alice');
    await waitFor(async () => auditEvent.success.mock.calls.length === 1);
  });

  it('skips a round without touching stored clusters when a source fails', async () => {
    const { service, store, sources } = await setup({
      config: { clusters: [clusterSettings('a')] },
      evaluate: async () => makeScorecard('a'),
    });
    await service.evaluateFleet();
    expect((await store.listClusters()).map(c => c.cluster)).toEqual([
      'config:a',
    ]);

    sources.push({
      getClusters: async () => {
        throw new Error('catalog unavailable');
      },
    });
    await expect(service.evaluateFleet()).resolves.toBeUndefined();
    expect((await store.listClusters()).map(c => c.cluster)).toEqual([
      'config:a',
    ]);
  });
});

async function waitFor(predicate: () => Promise<boolean>) {
  for (let i = 0; i < 100; i++) {
    if (await predicate()) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  throw new Error('condition not reached');
}
