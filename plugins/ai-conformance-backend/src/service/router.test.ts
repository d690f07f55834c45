import {
  createMockDirectory,
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import type { ClusterTarget } from '@internal/plugin-ai-conformance-node';
import { AiConformanceConfig } from '../config/readAiConformanceConfig';
import { DatabaseAiConformanceStore } from '../database/DatabaseAiConformanceStore';
import { DatabaseCapacityStore } from '../database/DatabaseCapacityStore';
import { AiConformanceEngine } from '../engine/AiConformanceEngine';
import { ClusterEvaluationService } from '../evaluation/ClusterEvaluationService';
import { ClusterAuthorizer } from '../permissions/ClusterAuthorizer';
import {
  h100Node,
  makeCapacitySnapshot,
} from '../__testUtils__/capacitySnapshots';
import { makeScorecard } from '../__testUtils__/scorecards';
import { testRegistry } from '../__testUtils__/testRegistry';
import { testRuleset } from '../__testUtils__/testRuleset';
import { createRouter } from './router';
import { ownerDecision } from '../__testUtils__/ownerDecision';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

type Decision = AuthorizeResult | { ownerClaims: string[] };

const PROD = 'resource:default/gpu-prod';
const DEV = 'resource:default/gpu-dev';
const LAB = 'config:lab';
/** Cluster identities as they appear in API paths. */
const P = {
  prod: encodeURIComponent(PROD),
  dev: encodeURIComponent(DEV),
  lab: encodeURIComponent(LAB),
  nope: encodeURIComponent('config:nope'),
};

const TARGETS: ClusterTarget[] = [
  {
    name: 'gpu-prod',
    source: 'catalog',
    entityRef: 'resource:default/gpu-prod',
    owner: 'group:default/ml',
    url: 'https://gpu-prod.example.com',
  },
  {
    name: 'gpu-dev',
    source: 'catalog',
    entityRef: 'resource:default/gpu-dev',
    owner: 'group:default/other',
    url: 'https://gpu-dev.example.com',
  },
  { name: 'lab', source: 'config', url: 'https://lab.example.com' },
];

async function setup(
  options: {
    decisions?: Record<string, Decision>;
    templatesDir?: string;
    evaluate?: AiConformanceEngine['evaluateCluster'];
  } = {},
) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseAiConformanceStore.create({
    database: mockServices.database({ knex }),
  });
  const capacity = await DatabaseCapacityStore.create({
    database: mockServices.database({ knex }),
  });
  const permissions = mockServices.permissions.mock();
  permissions.authorizeConditional.mockImplementation(
    async requests =>
      requests.map(({ permission }) => {
        const decision =
          options.decisions?.[permission.name] ?? AuthorizeResult.ALLOW;
        if (typeof decision === 'object') {
          return ownerDecision(decision.ownerClaims);
        }
        return { result: decision };
      }) as any,
  );
  const auditor = mockServices.auditor.mock();
  const auditEvent = { success: jest.fn(), fail: jest.fn() };
  auditor.createEvent.mockResolvedValue(auditEvent);
  const engine: AiConformanceEngine = {
    evaluateCluster: jest.fn(
      options.evaluate ?? (async ({ cluster }) => makeScorecard(cluster)),
    ),
    renderJUnit: jest.fn(
      scorecards =>
        `<testsuites tests="${scorecards[0].requirements.length}"/>`,
    ),
    renderProductYaml: jest.fn((scorecard, template, metadata) => {
      if (!template.includes('spec:')) {
        throw new Error('template has no spec');
      }
      return `${template}\n# ${scorecard.cluster} ${JSON.stringify(
        metadata ?? {},
      )}`;
    }),
    sweepProbeLeftovers: jest.fn(async () => []),
  };
  const config: AiConformanceConfig = {
    schedule: { frequency: { hours: 1 }, timeout: { hours: 1 } },
    concurrency: 2,
    clusterTimeoutMs: 5_000,
    requestTimeoutMs: 1_000,
    maxResponseBytes: 1024,
    retentionDays: 90,
  };
  const { registry } = testRegistry({
    targets: TARGETS,
    clusters: [PROD, DEV, LAB].map(id => ({
      ...(id === LAB
        ? { name: 'lab', url: 'https://lab.example.com' }
        : {
            entityRef: id,
            url: `https://${id.split('/')[1]}.example.com`,
          }),
      activeProbes: id === PROD,
      serviceAccountToken: 't0ken',
    })),
  });
  const evaluations = new ClusterEvaluationService({
    store,
    engine,
    registry,
    config,
    logger: mockServices.logger.mock(),
    auditor,
  });
  await evaluations.refresh();

  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    auditor,
    authorizer: new ClusterAuthorizer(permissions, testRuleset),
    store,
    evaluations,
    engine,
    templatesDir: options.templatesDir,
    capacity,
  });
  const app = express().use(router).use(mockErrorHandler());
  return { app, store, capacity, engine, auditor, auditEvent, permissions };
}

async function seedRuns(store: DatabaseAiConformanceStore) {
  await store.recordRun({
    id: 'run-prod',
    cluster: PROD,
    entityRef: 'resource:default/gpu-prod',
    status: 'ok',
    trigger: 'schedule',
    evaluatedAt: new Date('2026-11-28T00:00:00Z'),
    durationMs: 10,
    scorecard: makeScorecard(PROD),
  });
  await store.recordRun({
    id: 'run-dev-ok',
    cluster: DEV,
    status: 'ok',
    trigger: 'schedule',
    evaluatedAt: new Date('2026-11-27T00:00:00Z'),
    durationMs: 10,
    scorecard: makeScorecard(DEV, {
      checklistVersion: '1.34',
      requirements: [
        {
          id: 'gang_scheduling',
          category: 'schedulingOrchestration',
          level: 'MUST',
          verdict: 'fail',
          reason: '=HYPERLINK("x") no gang scheduler',
          evidence: [],
        },
      ],
    }),
  });
  await store.recordRun({
    id: 'run-dev-error',
    cluster: DEV,
    status: 'error',
    message: 'x509: certificate signed by unknown authority; set caData',
    trigger: 'schedule',
    evaluatedAt: new Date('2026-11-28T00:00:00Z'),
    durationMs: 10,
  });
}

describe('createRouter', () => {
  it('rejects unauthenticated requests', async () => {
    const { app } = await setup();
    const res = await request(app)
      .get('/fleet')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('GET /fleet lists clusters with their latest state and counts conformant ones', async () => {
    const { app, store } = await setup();
    await seedRuns(store);
    const res = await request(app).get('/fleet');
    expect(res.status).toBe(200);
    expect(res.body.conformantByChecklist).toEqual({ '1.35': 1 });
    const byName = Object.fromEntries(
      res.body.clusters.map((c: any) => [c.cluster, c]),
    );
    expect(byName[PROD]).toMatchObject({
      status: 'ok',
      source: 'catalog',
      entityRef: 'resource:default/gpu-prod',
      checklistVersion: '1.35',
      summary: { conformant: true, pass: 1, fail: 1 },
    });
    expect(byName[DEV]).toMatchObject({
      status: 'error',
      message: 'x509: certificate signed by unknown authority; set caData',
      checklistVersion: '1.34',
    });
    expect(byName[LAB]).toEqual({
      cluster: LAB,
      name: 'lab',
      source: 'config',
      status: 'pending',
    });
  });

  it('GET /fleet shows only the clusters the user owns under a conditional decision', async () => {
    const { app, store } = await setup({
      decisions: {
        'ai-conformance.cluster.read': { ownerClaims: ['group:default/ml'] },
      },
    });
    await seedRuns(store);
    const res = await request(app).get('/fleet');
    expect(res.body.clusters.map((c: any) => c.cluster)).toEqual([PROD]);

    // A cluster the caller may not read looks exactly like one that does not exist.
    const denied = await request(app).get(`/clusters/${P.dev}/scorecard`);
    expect(denied.status).toBe(404);
    expect(denied.body.error.message).toBe(`No cluster ${DEV}`);
    const unknown = await request(app).get(
      `/clusters/${encodeURIComponent('resource:default/nope')}/scorecard`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('No cluster resource:default/nope');
  });

  it('GET /clusters/by-entity/{kind}/{namespace}/{name} finds one cluster by entity ref', async () => {
    const { app, store } = await setup({
      decisions: {
        'ai-conformance.cluster.read': { ownerClaims: ['group:default/ml'] },
      },
    });
    await seedRuns(store);
    // Entity refs are case-insensitive: the catalog's `Resource` kind finds the cluster.
    const res = await request(app).get(
      '/clusters/by-entity/Resource/default/gpu-prod',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      cluster: PROD,
      name: 'gpu-prod',
      entityRef: PROD,
      status: 'ok',
      checklistVersion: '1.35',
      summary: { conformant: true },
    });

    // Forbidden (owned by another group), a namesake in another namespace, and a config-only
    // cluster's name all look the same: 404.
    for (const path of [
      '/clusters/by-entity/resource/default/gpu-dev',
      '/clusters/by-entity/resource/other/gpu-prod',
      '/clusters/by-entity/resource/default/lab',
    ]) {
      const missing = await request(app).get(path);
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toMatch(/^No cluster resource:/);
    }
  });

  it('GET /fleet is empty when reading is denied', async () => {
    const { app, store } = await setup({
      decisions: { 'ai-conformance.cluster.read': AuthorizeResult.DENY },
    });
    await seedRuns(store);
    const res = await request(app).get('/fleet');
    expect(res.body).toEqual({ clusters: [], conformantByChecklist: {} });
  });

  it('GET /clusters/{cluster}/scorecard returns the last good scorecard, 404 otherwise', async () => {
    const { app, store } = await setup();
    await seedRuns(store);

    const prod = await request(app).get(`/clusters/${P.prod}/scorecard`);
    expect(prod.status).toBe(200);
    expect(prod.body).toMatchObject({
      cluster: PROD,
      entityRef: 'resource:default/gpu-prod',
      source: 'catalog',
      checklistVersion: '1.35',
    });
    expect(prod.body.requirements).toHaveLength(2);

    // the latest run errored, the previous good scorecard is still served
    const dev = await request(app).get(`/clusters/${P.dev}/scorecard`);
    expect(dev.status).toBe(200);
    expect(dev.body.checklistVersion).toBe('1.34');

    const lab = await request(app).get(`/clusters/${P.lab}/scorecard`);
    expect(lab.status).toBe(404);
    expect(lab.body.error.message).toBe(
      'Cluster config:lab has no successful evaluation yet',
    );
    const unknown = await request(app).get(`/clusters/${P.nope}/scorecard`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.name).toBe('NotFoundError');
  });

  it('GET /clusters/{cluster}/history lists runs newest first and validates limit', async () => {
    const { app, store } = await setup();
    await seedRuns(store);
    const res = await request(app).get(`/clusters/${P.dev}/history?limit=5`);
    expect(res.status).toBe(200);
    expect(res.body.runs.map((r: any) => [r.id, r.status])).toEqual([
      ['run-dev-error', 'error'],
      ['run-dev-ok', 'ok'],
    ]);
    const one = await request(app).get(`/clusters/${P.dev}/history?limit=1`);
    expect(one.body.runs).toHaveLength(1);

    expect(
      (await request(app).get(`/clusters/${P.dev}/history?limit=0`)).status,
    ).toBe(400);
    expect(
      (await request(app).get(`/clusters/${P.dev}/history?limit=abc`)).status,
    ).toBe(400);
  });

  it('GET /requirements/{id} returns the latest verdict per readable cluster', async () => {
    const { app, store } = await setup();
    await seedRuns(store);
    const res = await request(app).get('/requirements/gang_scheduling');
    expect(res.status).toBe(200);
    expect(res.body.id).toBe('gang_scheduling');
    expect(
      res.body.clusters.map((c: any) => [
        c.cluster,
        c.verdict,
        c.checklistVersion,
      ]),
    ).toEqual([
      [DEV, 'fail', '1.34'],
      [PROD, 'pass', '1.35'],
    ]);
    expect((await request(app).get('/requirements/no_such_thing')).status).toBe(
      404,
    );
    expect((await request(app).get('/requirements/Bad-Id')).status).toBe(400);
  });

  describe('POST /clusters/{cluster}/evaluations', () => {
    it('queues a run that the store then records, and audits it', async () => {
      const { app, store, engine, auditor, auditEvent } = await setup();
      const res = await request(app)
        .post(`/clusters/${P.lab}/evaluations`)
        .send({});
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ status: 'queued', runId: expect.any(String) });
      await eventually(async () =>
        expect((await store.getCluster(LAB))?.status).toBe('ok'),
      );
      expect(engine.evaluateCluster).toHaveBeenCalledWith(
        expect.objectContaining({ cluster: LAB, activeProbes: false }),
      );
      const [run] = await store.listRuns(LAB, { limit: 1 });
      expect(run.id).toBe(res.body.runId);
      expect(run.trigger).toBe(mockCredentials.user().principal.userEntityRef);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'evaluation-run',
          severityLevel: 'medium',
          meta: { cluster: LAB, activeProbes: false, trigger: 'run-now' },
        }),
      );
      await eventually(async () =>
        expect(auditEvent.success).toHaveBeenCalled(),
      );
    });

    it('never returns the cluster credentials, even when an error message quotes them', async () => {
      const { app, store } = await setup({
        evaluate: async () => {
          throw new Error(
            'request rejected: Authorization: Bearer t0ken is not valid',
          );
        },
      });
      expect(
        (await request(app).post(`/clusters/${P.lab}/evaluations`)).status,
      ).toBe(202);
      await eventually(async () =>
        expect((await store.getCluster(LAB))?.status).toBe('error'),
      );
      const responses = await Promise.all([
        request(app).get('/fleet'),
        request(app).get(`/clusters/${P.lab}/history`),
        request(app).get('/export/csv'),
      ]);
      const fleet = responses[0].body.clusters.find(
        (c: any) => c.cluster === LAB,
      );
      expect(fleet.message).toMatch(/request rejected/);
      for (const res of responses) {
        expect(res.status).toBe(200);
        expect(res.text).not.toContain('t0ken');
      }
    });

    it('returns 409 while a run is in progress', async () => {
      let finish: () => void = () => {};
      const { app } = await setup({
        evaluate: ({ cluster }) =>
          new Promise(resolve => {
            finish = () => resolve(makeScorecard(cluster));
          }),
      });
      expect(
        (await request(app).post(`/clusters/${P.lab}/evaluations`)).status,
      ).toBe(202);
      const second = await request(app).post(`/clusters/${P.lab}/evaluations`);
      expect(second.status).toBe(409);
      expect(second.body.error.message).toBe(
        'An evaluation of cluster config:lab is already in progress',
      );
      finish();
    });

    it('needs the create permission, and the probe permission for active probes', async () => {
      const denied = await setup({
        decisions: { 'ai-conformance.evaluation.create': AuthorizeResult.DENY },
      });
      const res = await request(denied.app).post(
        `/clusters/${P.lab}/evaluations`,
      );
      expect(res.status).toBe(403);
      expect(denied.engine.evaluateCluster).not.toHaveBeenCalled();
      expect(denied.auditEvent.fail).toHaveBeenCalled();

      const noProbes = await setup({
        decisions: { 'ai-conformance.probe.run': AuthorizeResult.DENY },
      });
      expect(
        (
          await request(noProbes.app)
            .post(`/clusters/${P.prod}/evaluations`)
            .send({ activeProbes: true })
        ).status,
      ).toBe(403);
      expect(
        (
          await request(noProbes.app)
            .post(`/clusters/${P.prod}/evaluations`)
            .send({ activeProbes: false })
        ).status,
      ).toBe(202);
    });

    it('rejects probes that config does not enable, bad bodies and unknown clusters', async () => {
      const { app } = await setup();
      const probes = await request(app)
        .post(`/clusters/${P.lab}/evaluations`)
        .send({ activeProbes: true });
      expect(probes.status).toBe(400);
      expect(probes.body.error.message).toMatch(/activeProbes: true/);

      const bad = await request(app)
        .post(`/clusters/${P.lab}/evaluations`)
        .send({ activeProbes: 'yes' });
      expect(bad.status).toBe(400);
      const extra = await request(app)
        .post(`/clusters/${P.lab}/evaluations`)
        .send({ token: 'x' });
      expect(extra.status).toBe(400);
      expect(
        (await request(app).post(`/clusters/${P.nope}/evaluations`)).status,
      ).toBe(404);
    });
  });

  describe('exports', () => {
    const mockDir = createMockDirectory();

    it('GET /clusters/{cluster}/export/junit renders the latest scorecard', async () => {
      const { app, store, auditor } = await setup();
      await seedRuns(store);
      const res = await request(app).get(`/clusters/${P.prod}/export/junit`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/xml/);
      expect(res.text).toBe('<testsuites tests="2"/>');
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'export',
          meta: { format: 'junit', cluster: PROD },
        }),
      );
    });

    it('needs the export permission', async () => {
      const { app, store, auditEvent } = await setup({
        decisions: { 'ai-conformance.export.read': AuthorizeResult.DENY },
      });
      await seedRuns(store);
      expect(
        (await request(app).get(`/clusters/${P.prod}/export/junit`)).status,
      ).toBe(403);
      expect(auditEvent.fail).toHaveBeenCalled();
      const csv = await request(app).get('/export/csv');
      expect(csv.status).toBe(200);
      expect(csv.text.trim().split('\r\n')).toHaveLength(1); // header only
    });

    it('POST /clusters/{cluster}/export/product-yaml uses the body template or the configured one', async () => {
      mockDir.setContent({
        'AIConformance-1.35.yaml': 'metadata: {}\nspec: {}\n',
      });
      const { app, store, engine } = await setup({
        templatesDir: mockDir.path,
      });
      await seedRuns(store);

      const fromBody = await request(app)
        .post(`/clusters/${P.prod}/export/product-yaml`)
        .send({ template: 'spec: {}', metadata: { vendorName: 'ACME' } });
      expect(fromBody.status).toBe(200);
      expect(fromBody.headers['content-type']).toMatch(/^text\/yaml/);
      expect(fromBody.text).toBe(`spec: {}\n# ${PROD} {"vendorName":"ACME"}`);

      const fromDir = await request(app)
        .post(`/clusters/${P.prod}/export/product-yaml`)
        .send({});
      expect(fromDir.status).toBe(200);
      expect(engine.renderProductYaml).toHaveBeenLastCalledWith(
        expect.objectContaining({ cluster: PROD }),
        'metadata: {}\nspec: {}\n',
        undefined,
      );

      const missing = await request(app)
        .post(`/clusters/${P.dev}/export/product-yaml`)
        .send({});
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(
        /No AIConformance-1\.34\.yaml in aiConformance\.export\.templatesDir/,
      );

      const broken = await request(app)
        .post(`/clusters/${P.prod}/export/product-yaml`)
        .send({ template: 'not a template' });
      expect(broken.status).toBe(400);
      expect(broken.body.error.message).toBe(
        'The template could not be filled in: template has no spec',
      );
    });

    it('POST product-yaml without template or templatesDir says what to configure', async () => {
      const { app, store } = await setup();
      await seedRuns(store);
      const res = await request(app)
        .post(`/clusters/${P.prod}/export/product-yaml`)
        .send({});
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /set aiConformance\.export\.templatesDir/,
      );
    });

    it('GET /export/csv has a row per cluster and requirement, formula-safe', async () => {
      const { app, store } = await setup();
      await seedRuns(store);
      const res = await request(app).get('/export/csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = res.text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'cluster,name,entityRef,source,status,message,kubernetesVersion,checklistVersion,evaluatedAt,requirement,category,level,conditional,verdict,reason',
      );
      // ordered by identity: lab (no scorecard), gpu-dev (1 req), gpu-prod (2)
      expect(lines).toHaveLength(1 + 1 + 1 + 2);
      expect(lines[1]).toBe('config:lab,lab,,config,pending,,,,');
      expect(lines[2]).toContain(`"'=HYPERLINK(""x"") no gang scheduler"`);
    });
  });
});

describe('createRouter: capacity', () => {
  async function seedCapacity(capacity: DatabaseCapacityStore) {
    await capacity.addSnapshot({
      id: 'cap-prod-1',
      cluster: PROD,
      entityRef: PROD,
      snapshot: makeCapacitySnapshot('2026-12-01T00:00:00.000Z', 8, [
        h100Node('p-0', 8),
        h100Node('p-1', 0),
      ]),
    });
    await capacity.addSnapshot({
      id: 'cap-prod-2',
      cluster: PROD,
      entityRef: PROD,
      snapshot: makeCapacitySnapshot('2026-12-02T00:00:00.000Z', 12, [
        h100Node('p-0', 8),
        h100Node('p-1', 4),
      ]),
    });
    await capacity.addSnapshot({
      id: 'cap-dev-1',
      cluster: DEV,
      entityRef: DEV,
      snapshot: makeCapacitySnapshot('2026-12-02T00:00:00.000Z', 0, [
        h100Node('d-0', 0),
      ]),
    });
  }

  it('GET /clusters/{cluster}/capacity serves the newest snapshot; 404 before the first one', async () => {
    const { app, capacity } = await setup();
    await seedCapacity(capacity);
    const res = await request(app).get(`/clusters/${P.prod}/capacity`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      cluster: PROD,
      takenAt: '2026-12-02T00:00:00.000Z',
    });
    expect(res.body.nodes.map((n: any) => n.name)).toEqual(['p-0', 'p-1']);
    expect(res.body.totals.devices).toEqual({
      allocatable: 16,
      allocated: 12,
      free: 4,
    });

    const lab = await request(app).get(`/clusters/${P.lab}/capacity`);
    expect(lab.status).toBe(404);
    expect(lab.body.error.message).toBe(
      'No capacity snapshot of cluster config:lab yet; one is taken with each successful evaluation',
    );
  });

  it('GET /clusters/{cluster}/capacity/history gives the trend oldest first and validates limit', async () => {
    const { app, capacity } = await setup();
    await seedCapacity(capacity);
    const res = await request(app).get(
      `/clusters/${P.prod}/capacity/history?limit=10`,
    );
    expect(res.status).toBe(200);
    expect(
      res.body.points.map((p: any) => [p.takenAt, p.devices.allocated]),
    ).toEqual([
      ['2026-12-01T00:00:00.000Z', 8],
      ['2026-12-02T00:00:00.000Z', 12],
    ]);
    const one = await request(app).get(
      `/clusters/${P.prod}/capacity/history?limit=1`,
    );
    expect(one.body.points).toHaveLength(1);
    expect(
      (await request(app).get(`/clusters/${P.prod}/capacity/history?limit=0`))
        .status,
    ).toBe(400);
  });

  it('an unknown cluster and one the caller may not read are both 404 on every cluster route', async () => {
    const { app, capacity } = await setup({
      decisions: {
        'ai-conformance.cluster.read': { ownerClaims: ['group:default/ml'] },
      },
    });
    await seedCapacity(capacity);
    expect(
      (await request(app).get(`/clusters/${P.prod}/capacity`)).status,
    ).toBe(200);
    for (const path of ['capacity', 'capacity/history']) {
      const denied = await request(app).get(`/clusters/${P.dev}/${path}`);
      expect(denied.status).toBe(404);
      expect(denied.body.error.message).toBe(`No cluster ${DEV}`);
      const unknown = await request(app).get(`/clusters/${P.nope}/${path}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe('No cluster config:nope');
    }
  });

  it('GET /capacity and the search cover only the clusters the caller may read', async () => {
    const { app, capacity } = await setup({
      decisions: {
        'ai-conformance.cluster.read': { ownerClaims: ['group:default/ml'] },
      },
    });
    await seedCapacity(capacity);
    const fleet = await request(app).get('/capacity');
    expect(fleet.status).toBe(200);
    expect(fleet.body.clusters.map((c: any) => c.cluster)).toEqual([PROD]);
    const search = await request(app).get(
      '/capacity/search?model=h100&count=4',
    );
    expect(search.status).toBe(200);
    expect(search.body.matches).toEqual([
      expect.objectContaining({
        cluster: PROD,
        clusterFree: 4,
        nodes: [expect.objectContaining({ node: 'p-1', free: 4 })],
      }),
    ]);
  });

  it('the search answers "N free units of model X" with clusters and nodes, and validates its query', async () => {
    const { app, capacity } = await setup();
    await seedCapacity(capacity);
    const res = await request(app).get(
      '/capacity/search?model=nvidia%20h100&count=8',
    );
    expect(res.status).toBe(200);
    // dev has a whole free node; prod has 4 free units but no node with 8
    expect(
      res.body.matches.map((m: any) => [
        m.cluster,
        m.clusterFree,
        m.nodes.map((n: any) => n.node),
      ]),
    ).toEqual([
      [DEV, 8, ['d-0']],
      [PROD, 4, []],
    ]);
    expect((await request(app).get('/capacity/search?model=h100')).status).toBe(
      400,
    );
    expect(
      (await request(app).get('/capacity/search?model=h100&count=0')).status,
    ).toBe(400);
    expect((await request(app).get('/capacity/search?count=1')).status).toBe(
      400,
    );
  });

  it('everything is empty when reading is denied', async () => {
    const { app, capacity } = await setup({
      decisions: { 'ai-conformance.cluster.read': AuthorizeResult.DENY },
    });
    await seedCapacity(capacity);
    expect((await request(app).get('/capacity')).body).toEqual({
      clusters: [],
    });
    expect(
      (await request(app).get('/capacity/search?model=h100&count=1')).body,
    ).toEqual({ matches: [] });
    expect(
      (await request(app).get(`/clusters/${P.prod}/capacity`)).status,
    ).toBe(404);
  });
});

async function eventually(assertion: () => Promise<void>) {
  let lastError: unknown;
  for (let i = 0; i < 100; i++) {
    try {
      await assertion();
      return;
    } catch (error) {
      lastError = error;
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }
  throw lastError;
}
