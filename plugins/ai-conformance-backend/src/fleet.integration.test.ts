import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  describeWithLocalCluster,
  LocalCluster,
  startOrReuseCluster,
} from '@internal/local-cluster';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { aiConformancePlugin } from './plugin';
import { testDatabaseIds } from './__testUtils__/testDatabaseIds';

// A cold run builds the control plane first (minutes); later runs start in seconds.
const START_TIMEOUT = 40 * 60 * 1000;
/** The local-cluster scenario to evaluate; `bare` is a plain CPU cluster. */
const SCENARIO = process.env.AI_CONFORMANCE_IT_SCENARIO ?? 'conformant-nvidia';

/** A self-signed certificate for 127.0.0.1, so the hostile servers speak verified TLS. */
function selfSignedCertificate(): { cert: string; key: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-conformance-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
      key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Servers that are not healthy Kubernetes API servers, each on its own TLS port. */
async function startHostileServers() {
  const tls = selfSignedCertificate();
  const servers: Array<https.Server | net.Server> = [];
  const listen = async (server: https.Server | net.Server) => {
    servers.push(server);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const html = await listen(
    https.createServer(tls, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Welcome to nginx!</body></html>');
    }),
  );
  const sockets: net.Socket[] = [];
  const hanging = await listen(
    https.createServer(tls, req => {
      sockets.push(req.socket); // completes TLS, reads the request, never answers
    }),
  );
  const huge = await listen(
    https.createServer(tls, (_req, res) => {
      // 400 MiB of JSON-looking bytes, produced lazily until the client gives up
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 400 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.write('{"items":[');
      pump();
    }),
  );
  const closed = await listen(net.createServer());
  servers.pop()!.close(); // nothing listens on this port any more
  return {
    caData: Buffer.from(tls.cert).toString('base64'),
    html,
    hanging,
    huge,
    closed,
    stop: async () => {
      sockets.forEach(s => s.destroy());
      await Promise.all(
        servers.map(s => new Promise(resolve => s.close(resolve))),
      );
    },
  };
}

function otherCaData(): string | undefined {
  const bundle = '/etc/ssl/certs/ca-certificates.crt';
  if (!fs.existsSync(bundle)) {
    return undefined;
  }
  const pem = fs
    .readFileSync(bundle, 'utf8')
    .match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/);
  return pem ? Buffer.from(pem[0]).toString('base64') : undefined;
}

describeWithLocalCluster(
  'ai-conformance backend against a real control plane',
  () => {
    let cluster: LocalCluster;
    let hostile: Awaited<ReturnType<typeof startHostileServers>>;
    // The scorecards and the history of failed runs are stored on SQLite and on PostgreSQL alike.
    const databases = TestDatabases.create({ ids: testDatabaseIds() });

    beforeAll(async () => {
      cluster = await startOrReuseCluster({ scenario: SCENARIO });
      hostile = await startHostileServers();
    }, START_TIMEOUT);

    afterAll(async () => {
      await hostile?.stop();
      await cluster?.stop();
    }, 60_000);

    it.each(databases.eachSupportedId())(
      'serves scorecards for reachable clusters and an error or refusal for each bad one, without affecting the others (%s)',
      async (databaseId: TestDatabaseId) => {
        const knex = await databases.init(databaseId);
        const caData = Buffer.from(cluster.caPem).toString('base64');
        const reader = cluster.token('reader');
        const wrongCa = otherCaData();
        const entity = (name: string, url: string) => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name,
            annotations: {
              'kubernetes.io/api-server': url,
              'kubernetes.io/api-server-certificate-authority': caData,
              'kubernetes.io/auth-provider': 'serviceAccount',
            },
          },
          spec: { type: 'kubernetes-cluster', owner: 'group:default/ml' },
        });
        const tokenCluster = (name: string, url: string, token = reader) => ({
          name,
          url,
          caData,
          serviceAccountToken: token,
        });
        /** Credentials bound to a catalog entity by its ref. */
        const entityBinding = (name: string, url: string) => ({
          entityRef: `resource:default/${name}`,
          url,
          caData,
          serviceAccountToken: reader,
        });
        const apiPath = (id: string, rest: string) =>
          `/api/ai-conformance/clusters/${encodeURIComponent(id)}/${rest}`;

        const { server } = await startTestBackend({
          features: [
            aiConformancePlugin,
            mockServices.database.factory({ knex }),
            catalogServiceMock.factory({
              entities: [
                entity('gpu-catalog', cluster.server),
                entity('sneaky', 'https://collector.example.net:6443'),
                entity('malformed', 'not a url'),
              ],
            }),
            mockServices.rootConfig.factory({
              data: {
                kubernetes: {
                  clusterLocatorMethods: [
                    {
                      type: 'config',
                      clusters: [
                        {
                          name: 'k8s-config',
                          // The same control plane under another name: at gpu-catalog's own URL it
                          // would be that entity's cluster (see planClusters), not a cluster of its own.
                          url: cluster.server.replace('127.0.0.1', 'localhost'),
                          caData,
                          authProvider: 'serviceAccount',
                          serviceAccountToken: reader,
                        },
                      ],
                    },
                  ],
                },
                aiConformance: {
                  schedule: {
                    frequency: { hours: 1 },
                    timeout: { minutes: 10 },
                  },
                  concurrency: 4,
                  clusterTimeout: { seconds: 45 },
                  requestTimeout: { seconds: 3 },
                  maxResponseBytes: 16 * 1024 * 1024,
                  clusters: [
                    entityBinding('gpu-catalog', cluster.server),
                    entityBinding('sneaky', cluster.server),
                    {
                      name: 'via-kubeconfig',
                      kubeconfig: {
                        path: cluster.kubeconfig,
                        context: 'reader',
                      },
                    },
                    tokenCluster(
                      'expired-token',
                      cluster.server,
                      'not-a-valid-token',
                    ),
                    ...(wrongCa
                      ? [
                          {
                            ...tokenCluster('wrong-ca', cluster.server),
                            caData: wrongCa,
                          },
                        ]
                      : []),
                    ...(
                      [
                        ['unreachable', hostile.closed],
                        ['not-kubernetes', hostile.html],
                        ['hanging', hostile.hanging],
                        ['huge', hostile.huge],
                      ] as const
                    ).map(([name, url]) => ({
                      ...tokenCluster(name, url),
                      caData: hostile.caData,
                    })),
                  ],
                },
              },
            }),
          ],
        });

        const fleet = await request(server).get('/api/ai-conformance/fleet');
        expect(fleet.status).toBe(200);
        const byName = Object.fromEntries(
          fleet.body.clusters.map((c: any) => [c.name, c]),
        );

        for (const name of ['gpu-catalog', 'k8s-config', 'via-kubeconfig']) {
          expect({
            name,
            status: byName[name].status,
            message: byName[name].message,
          }).toEqual({
            name,
            status: 'ok',
            message: undefined,
          });
          expect(byName[name].summary.total).toBeGreaterThan(0);
          expect(byName[name].checklistVersion).toMatch(/^1\.\d+$/);
        }
        expect(byName['gpu-catalog']).toMatchObject({
          cluster: 'resource:default/gpu-catalog',
          entityRef: 'resource:default/gpu-catalog',
        });
        expect(byName['k8s-config'].cluster).toBe('config:k8s-config');

        const bad = [
          'expired-token',
          'unreachable',
          'not-kubernetes',
          'hanging',
          'huge',
        ];
        if (wrongCa) {
          bad.push('wrong-ca');
        }
        for (const name of bad) {
          expect({ name, status: byName[name].status }).toEqual({
            name,
            status: 'error',
          });
          expect(byName[name].message).toEqual(expect.any(String));
          expect(byName[name].message).not.toMatch(/\n\s+at /); // no stack traces
          expect(byName[name].message).not.toContain(reader);
          expect(byName[name].message).not.toContain('not-a-valid-token');
        }
        // each message names the problem, so the owner knows what to fix
        const expectedProblem: Record<string, RegExp> = {
          'expired-token': /401/,
          unreachable: /refused/,
          'not-kubernetes': /not JSON|not a Kubernetes/i,
          hanging: /No answer|time/i,
          huge: /maxResponseBytes|size limit/,
          'wrong-ca': /TLS|certificate/,
        };
        for (const name of bad) {
          expect(byName[name].message).toMatch(expectedProblem[name]);
        }
        expect(byName.sneaky.status).toBe('refused');
        // says what to fix in config terms, without the URLs (those go to the log)
        expect(byName.sneaky.message).toContain(
          'is not one that aiConformance.clusters',
        );
        expect(byName.sneaky.message).not.toContain('collector.example.net');
        expect(byName.malformed.status).toBe('refused');
        expect(byName.malformed.message).toContain('kubernetes.io/api-server');

        const scorecard = await request(server).get(
          apiPath('resource:default/gpu-catalog', 'scorecard'),
        );
        expect(scorecard.status).toBe(200);
        expect(scorecard.body.apiRequests).toBeGreaterThan(0);
        expect(scorecard.body.requirements.length).toBe(
          scorecard.body.summary.total,
        );
        expect(scorecard.body.source).toBe('catalog');
        // a conformant scenario passes requirements; a bare cluster may pass none
        const minimumPasses = SCENARIO === 'conformant-nvidia' ? 1 : 0;
        expect(scorecard.body.summary.pass).toBeGreaterThanOrEqual(
          minimumPasses,
        );

        const history = await request(server).get(
          apiPath('config:hanging', 'history'),
        );
        expect(history.body.runs).toHaveLength(1);
        expect(history.body.runs[0]).toMatchObject({
          status: 'error',
          trigger: 'schedule',
        });

        // run now against the real cluster: the run is recorded next to the scheduled one
        const runNow = await request(server)
          .post(apiPath('config:via-kubeconfig', 'evaluations'))
          .send({});
        expect(runNow.status).toBe(202);
        const deadline = Date.now() + 60_000;
        let runs: any[] = [];
        while (runs.length < 2 && Date.now() < deadline) {
          await new Promise(resolve => setTimeout(resolve, 500));
          runs = (
            await request(server).get(
              apiPath('config:via-kubeconfig', 'history'),
            )
          ).body.runs;
        }
        expect(runs.map(r => [r.status, r.trigger])).toEqual([
          ['ok', 'user:default/mock'],
          ['ok', 'schedule'],
        ]);

        const noScorecard = await request(server).get(
          apiPath('config:unreachable', 'scorecard'),
        );
        expect(noScorecard.status).toBe(404);

        // eslint-disable-next-line no-console
        console.log(
          Object.values(byName)
            .map(
              (c: any) =>
                `${c.cluster}: ${c.status}${
                  c.message ? ` — ${c.message}` : ''
                }`,
            )
            .join('\n'),
        );
      },
      5 * 60_000,
    );
  },
);
