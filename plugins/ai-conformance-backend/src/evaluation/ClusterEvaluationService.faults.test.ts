import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Scorecard } from '@internal/plugin-ai-conformance-common';
import { AiConformanceConfig } from '../config/readAiConformanceConfig';
import { DatabaseAiConformanceStore } from '../database/DatabaseAiConformanceStore';
import { AiConformanceEngine } from '../engine/AiConformanceEngine';
import { makeScorecard } from '../__testUtils__/scorecards';
import { testRegistry } from '../__testUtils__/testRegistry';
import { ClusterEvaluationService } from './ClusterEvaluationService';
import { RunNowRateLimiter } from './RunNowRateLimiter';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const names = Array.from({ length: 6 }, (_, i) => `c${i}`);
/** The clusters' identities (config-only clusters). */
const ids = names.map(name => `config:${name}`);

async function setup(evaluate: AiConformanceEngine['evaluateCluster']) {
  const { registry } = testRegistry({
    targets: [],
    clusters: names.map(name => ({
      name,
      url: `https://${name}.example.com`,
      serviceAccountToken: `token-${name}`,
    })),
  });
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseAiConformanceStore.create({
    database: mockServices.database({ knex }),
  });
  const config: AiConformanceConfig = {
    schedule: { frequency: { hours: 1 }, timeout: { hours: 1 } },
    concurrency: 2,
    clusterTimeoutMs: 10_000,
    requestTimeoutMs: 1_000,
    maxResponseBytes: 1024,
    retentionDays: 90,
  };
  const auditor = mockServices.auditor.mock();
  auditor.createEvent.mockResolvedValue({
    success: jest.fn(),
    fail: jest.fn(),
  });
  const engine: AiConformanceEngine = {
    evaluateCluster: jest.fn(evaluate),
    renderJUnit: jest.fn(),
    renderProductYaml: jest.fn(),
    sweepProbeLeftovers: jest.fn(async () => []),
  };
  const service = new ClusterEvaluationService({
    store,
    engine,
    registry,
    config,
    logger: mockServices.logger.mock(),
    auditor,
    rateLimiter: new RunNowRateLimiter({ limit: 3, windowMs: 60_000 }),
    databaseRetryDelaysMs: [20, 20, 20],
  });
  return { service, store, engine };
}

async function waitFor(predicate: () => Promise<boolean> | boolean) {
  for (let i = 0; i < 250; i++) {
    if (await predicate()) return;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  throw new Error('condition not reached');
}

describe('ClusterEvaluationService under load and faults', () => {
  it('queues "run now" under the concurrency limit of the scheduled round and rate-limits per user', async () => {
    let inFlight = 0;
    let peak = 0;
    const { service, store } = await setup(async ({ cluster }) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise(resolve => setTimeout(resolve, 30));
      inFlight--;
      return makeScorecard(cluster);
    });
    await service.refresh();
    const round = service.evaluateFleet();
    const outcomes = await Promise.allSettled(
      ids.map((id, i) =>
        service.startEvaluation(id, {
          trigger: `user:default/u${i % 2}`,
          activeProbes: false,
        }),
      ),
    );
    await round;
    await waitFor(
      async () =>
        !(await Promise.all(ids.map(id => store.isLocked(id)))).some(Boolean),
    );
    expect(peak).toBe(2);
    // Each user may ask 3 times; busy clusters answer 409 first.
    const rejected = outcomes.filter(
      o => o.status === 'rejected',
    ) as PromiseRejectedResult[];
    for (const r of rejected) {
      expect(['ConflictError', 'RunNowRateLimitError']).toContain(
        r.reason.name,
      );
    }
  });

  it('retries recording a run while the database is down, and unlocks afterwards', async () => {
    const { service, store } = await setup(async ({ cluster }) =>
      makeScorecard(cluster),
    );
    await service.refresh();
    const recordRun = store.recordRun.bind(store);
    let failures = 2;
    jest.spyOn(store, 'recordRun').mockImplementation(async run => {
      if (failures-- > 0) throw new Error('Connection terminated unexpectedly');
      return recordRun(run);
    });
    await service.evaluateFleet();
    for (const id of ids) {
      expect((await store.getCluster(id))?.status).toBe('ok');
      expect(await store.isLocked(id)).toBe(false);
    }
  });

  it('aborts running evaluations on shutdown and waits for them to finish', async () => {
    let finished = 0;
    const { service } = await setup(
      ({ cluster, signal }) =>
        new Promise<Scorecard>((_resolve, reject) => {
          signal?.addEventListener('abort', () => {
            // The engine's cleanup (probe objects) takes a moment after the abort.
            setTimeout(() => {
              finished++;
              reject(new Error(`${cluster} aborted`));
            }, 50);
          });
        }),
    );
    await service.refresh();
    const round = service.evaluateFleet();
    await new Promise(resolve => setTimeout(resolve, 50));
    await service.shutdown();
    expect(finished).toBe(2);
    await round;
    // Nothing new started after the shutdown.
    expect(finished).toBe(2);
  });
});
