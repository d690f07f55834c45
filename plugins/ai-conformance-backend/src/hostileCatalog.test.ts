import {
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ClusterTarget } from '@internal/plugin-ai-conformance-node';
import express from 'express';
import request from 'supertest';
import { DatabaseAiConformanceStore } from './database/DatabaseAiConformanceStore';
import { AiConformanceEngine } from './engine/AiConformanceEngine';
import { ClusterEvaluationService } from './evaluation/ClusterEvaluationService';
import { ClusterAuthorizer } from './permissions/ClusterAuthorizer';
import { createRouter } from './service/router';
import { makeScorecard } from './__testUtils__/scorecards';
import { testRegistry } from './__testUtils__/testRegistry';
import { testRuleset } from './__testUtils__/testRuleset';

/**
 * A hostile catalog against the whole backend (real registry, evaluation service, store and
 * router; only the engine is a stub that records what it was asked to contact): namesakes in
 * other namespaces, a CA annotation, an entity adopting a config-only cluster, and an entity
 * removed and added again.
 */
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const PROD = 'resource:default/gpu-prod';
const NAMESAKE = 'resource:evil/gpu-prod';
const ADOPTER = 'resource:default/lab';
const LAB = 'config:lab';
const PROD_URL = 'https://gpu-prod.example.com';
const LAB_URL = 'https://lab.example.com';
const CONFIG_CA = Buffer.from('config CA').toString('base64');
const EVIL_CA = Buffer.from('evil CA').toString('base64');

const prod: ClusterTarget = {
  name: 'gpu-prod',
  source: 'catalog',
  entityRef: PROD,
  owner: 'group:default/ml',
  url: PROD_URL,
};
const namesake: ClusterTarget = {
  name: 'gpu-prod',
  source: 'catalog',
  entityRef: NAMESAKE,
  owner: 'group:evil/attackers',
  url: PROD_URL,
  caData: EVIL_CA,
};
const adopter: ClusterTarget = {
  name: 'lab',
  source: 'catalog',
  entityRef: ADOPTER,
  owner: 'group:evil/attackers',
  url: LAB_URL,
  caData: EVIL_CA,
};

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseAiConformanceStore.create({
    database: mockServices.database({ knex }),
  });
  const permissions = mockServices.permissions.mock();
  permissions.authorizeConditional.mockImplementation(
    async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any,
  );
  /** What each evaluation contacted: server, CA and token. */
  const contacted: Array<{
    cluster: string;
    server?: string;
    caData?: string;
    token?: string;
  }> = [];
  const engine: AiConformanceEngine = {
    evaluateCluster: jest.fn(async ({ cluster, kubeConfig }) => {
      contacted.push({
        cluster,
        server: kubeConfig.getCurrentCluster()?.server,
        caData: kubeConfig.getCurrentCluster()?.caData,
        token: kubeConfig.getCurrentUser()?.token,
      });
      return makeScorecard(cluster);
    }),
    renderJUnit: jest.fn(),
    renderProductYaml: jest.fn(),
    sweepProbeLeftovers: jest.fn(async () => []),
  };
  const { registry, targets } = testRegistry({
    targets: [prod],
    clusters: [
      {
        entityRef: PROD,
        url: PROD_URL,
        caData: CONFIG_CA,
        serviceAccountToken: 'prod-t0ken',
      },
      { name: 'lab', url: LAB_URL, serviceAccountToken: 'lab-t0ken' },
    ],
  });
  const auditor = mockServices.auditor.mock();
  auditor.createEvent.mockResolvedValue({
    success: jest.fn(),
    fail: jest.fn(),
  });
  const evaluations = new ClusterEvaluationService({
    store,
    engine,
    registry,
    config: {
      schedule: { frequency: { hours: 1 }, timeout: { hours: 1 } },
      concurrency: 2,
      clusterTimeoutMs: 5_000,
      requestTimeoutMs: 1_000,
      maxResponseBytes: 1024,
      retentionDays: 90,
    },
    logger: mockServices.logger.mock(),
    auditor,
  });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    auditor,
    authorizer: new ClusterAuthorizer(permissions, testRuleset),
    store,
    evaluations,
    engine,
  });
  const app = express().use(router).use(mockErrorHandler());
  return { app, store, evaluations, targets, contacted };
}

describe('a hostile catalog', () => {
  it('changes no owner or history, sends no credential, and refuses loudly on the entity and in the API', async () => {
    const { app, store, evaluations, targets, contacted } = await setup();
    await evaluations.evaluateFleet();
    expect((await store.listRuns(PROD, { limit: 10 })).length).toBe(1);

    // A namesake in another namespace announcing the same API server with its own CA, and an
    // entity named like the config-only cluster, announcing its URL.
    targets.unshift(namesake, adopter);
    contacted.length = 0;
    await evaluations.evaluateFleet();

    // Only the configured clusters were contacted, each with its configured CA and token.
    expect(
      contacted.map(c => [c.cluster, c.server, c.caData, c.token]).sort(),
    ).toEqual([
      [LAB, LAB_URL, undefined, 'lab-t0ken'],
      [PROD, PROD_URL, CONFIG_CA, 'prod-t0ken'],
    ]);

    // Owners and histories are unchanged; the hostile entities have none.
    expect((await store.getCluster(PROD))?.owner).toBe('group:default/ml');
    expect((await store.listRuns(PROD, { limit: 10 })).length).toBe(2);
    expect((await store.listRuns(LAB, { limit: 10 })).length).toBe(2);
    expect(await store.listRuns(NAMESAKE, { limit: 10 })).toEqual([]);
    expect(await store.listRuns(ADOPTER, { limit: 10 })).toEqual([]);

    // The refusal is visible in the fleet, in the lookup the entity pages and the catalog
    // module use, and as the answer to "run now".
    const fleet = await request(app).get('/fleet');
    const byId = Object.fromEntries(
      fleet.body.clusters.map((c: any) => [c.cluster, c]),
    );
    expect(byId[PROD]).toMatchObject({ status: 'ok', entityRef: PROD });
    expect(byId[LAB]).toMatchObject({ status: 'ok', source: 'config' });
    for (const id of [NAMESAKE, ADOPTER]) {
      expect(byId[id].status).toBe('refused');
      expect(byId[id].message).toMatch(/aiConformance\.clusters|entityRef/);
      expect(byId[id].summary).toBeUndefined();
    }
    const lookup = await request(app).get(
      '/clusters/by-entity/resource/evil/gpu-prod',
    );
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({
      cluster: NAMESAKE,
      status: 'refused',
      message: byId[NAMESAKE].message,
    });
    const runNow = await request(app)
      .post(`/clusters/${encodeURIComponent(NAMESAKE)}/evaluations`)
      .send({});
    expect(runNow.status).toBe(400);
    expect(runNow.body.error.message).toContain(byId[NAMESAKE].message);
    expect(JSON.stringify([fleet.body, lookup.body, runNow.body])).not.toMatch(
      /t0ken|Y29uZmlnIENB/,
    );
  });

  it('keeps identity, owner and history when the entity is removed and added again', async () => {
    const { app, store, evaluations, targets } = await setup();
    await evaluations.evaluateFleet();

    // Removed: gone from the fleet and the lookup, while a namesake appears meanwhile.
    targets.splice(0, targets.length, namesake);
    await evaluations.refresh();
    const meanwhile = await request(app).get('/fleet');
    expect(meanwhile.body.clusters.map((c: any) => c.cluster).sort()).toEqual(
      [LAB, NAMESAKE].sort(),
    );
    expect(
      (await request(app).get('/clusters/by-entity/resource/default/gpu-prod'))
        .status,
    ).toBe(404);

    // Added again: the same identity finds its owner, its history and its last good summary
    // (pending until it is evaluated again).
    targets.splice(0, targets.length, prod);
    await evaluations.refresh();
    const back = await request(app).get(
      '/clusters/by-entity/resource/default/gpu-prod',
    );
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({
      cluster: PROD,
      status: 'pending',
      checklistVersion: expect.any(String),
      summary: expect.objectContaining({ total: expect.any(Number) }),
    });
    expect((await store.getCluster(PROD))?.owner).toBe('group:default/ml');
    expect((await store.listRuns(PROD, { limit: 10 })).length).toBe(1);
  });
});
