import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  RequirementResult,
  Scorecard,
} from '@internal/plugin-ai-conformance-common';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import request from 'supertest';
import { aiConformancePlugin } from '../plugin';
import { engineStub } from '../__testUtils__/engineStub';
import { makeScorecard } from '../__testUtils__/scorecards';

jest.setTimeout(60_000);

const CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');

const must = (verdict: RequirementResult['verdict']): RequirementResult => ({
  id: 'gang_scheduling',
  category: 'schedulingOrchestration',
  level: 'MUST',
  verdict,
  reason:
    verdict === 'pass'
      ? 'Kueue ClusterQueue found'
      : 'No gang scheduler was found',
  evidence: [],
});

/** The cluster's identity (its entity ref), URI-encoded as in API paths and links. */
const GPU_PROD = encodeURIComponent('resource:default/gpu-prod');

const relation = (type: string, targetRef: string) => ({ type, targetRef });

/** The catalog: a cluster owned by ml (alice), an app owned by apps (bob) that dependsOn it. */
const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'gpu-prod',
      namespace: 'default',
      annotations: {
        'kubernetes.io/api-server': 'https://gpu-prod.example.com:6443',
        'kubernetes.io/api-server-certificate-authority': CA,
        'kubernetes.io/auth-provider': 'serviceAccount',
      },
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/ml' },
    relations: [relation('ownedBy', 'group:default/ml')],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'chat-api', namespace: 'default' },
    spec: {
      type: 'service',
      owner: 'group:default/apps',
      dependsOn: ['resource:default/gpu-prod'],
    },
    relations: [
      relation('ownedBy', 'group:default/apps'),
      relation('dependsOn', 'resource:default/gpu-prod'),
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'ml', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [relation('hasMember', 'user:default/alice')],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'apps', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [relation('hasMember', 'user:default/bob')],
  },
  ...['alice', 'bob', 'carol'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [] },
    relations:
      name === 'carol'
        ? []
        : [
            relation(
              'memberOf',
              name === 'alice' ? 'group:default/ml' : 'group:default/apps',
            ),
          ],
  })),
];

async function startBackend(next: () => Scorecard) {
  return startTestBackend({
    features: [
      aiConformancePlugin,
      notificationsPlugin,
      catalogServiceMock.factory({ entities }),
      engineStub(cluster => ({ ...next(), cluster })),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://portal.example.com' },
          aiConformance: {
            schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
            clusters: [
              {
                entityRef: 'resource:default/gpu-prod',
                url: 'https://gpu-prod.example.com:6443',
                serviceAccountToken: 'prod-token',
              },
            ],
          },
        },
      }),
    ],
  });
}

async function notificationsOf(server: any, user: string) {
  const response = await request(server)
    .get('/api/notifications/notifications')
    .set('Authorization', mockCredentials.user.header(user));
  expect(response.status).toBe(200);
  return response.body.notifications as Array<{
    payload: {
      title: string;
      description?: string;
      link?: string;
      severity: string;
    };
  }>;
}

/** Polls until `read` returns `expected` (runs are queued and finish in the background). */
async function eventually<T>(read: () => Promise<T>, expected: T) {
  const deadline = Date.now() + 20_000;
  let value = await read();
  while (
    JSON.stringify(value) !== JSON.stringify(expected) &&
    Date.now() < deadline
  ) {
    await new Promise(resolve => setTimeout(resolve, 100));
    value = await read();
  }
  expect(value).toEqual(expected);
}

async function historyLength(server: any): Promise<number> {
  const response = await request(server).get(
    `/api/ai-conformance/clusters/${GPU_PROD}/history`,
  );
  return response.body.runs.length;
}

async function runNow(server: any) {
  const response = await request(server)
    .post(`/api/ai-conformance/clusters/${GPU_PROD}/evaluations`)
    .send({});
  expect(response.status).toBe(202);
}

describe('conformance notifications through the notifications backend', () => {
  it('tells the cluster owners and the owners of dependent components once when a MUST regresses, and again on recovery', async () => {
    let verdict: RequirementResult['verdict'] = 'pass';
    const { server } = await startBackend(() =>
      makeScorecard('gpu-prod', { requirements: [must(verdict)] }),
    );
    // The scheduler's first run at startup evaluated a conformant cluster: nothing to say.
    expect(await notificationsOf(server, 'user:default/alice')).toEqual([]);

    verdict = 'fail';
    await runNow(server);
    await eventually(
      async () => (await notificationsOf(server, 'user:default/alice')).length,
      1,
    );
    const [alice] = await notificationsOf(server, 'user:default/alice');
    expect(alice.payload).toMatchObject({
      title: 'Cluster gpu-prod is no longer AI conformant',
      severity: 'high',
      link: `http://portal.example.com/ai-conformance/clusters/${GPU_PROD}`,
    });
    expect(alice.payload.description).toContain(
      'gang_scheduling: fail — No gang scheduler was found',
    );
    expect(await notificationsOf(server, 'user:default/bob')).toHaveLength(1);
    expect(await notificationsOf(server, 'user:default/carol')).toEqual([]);

    // Still failing: no second notification (wait for that run to be recorded first).
    const runsBefore = await historyLength(server);
    await runNow(server);
    await eventually(() => historyLength(server), runsBefore + 1);
    expect(await notificationsOf(server, 'user:default/alice')).toHaveLength(1);

    verdict = 'pass';
    await runNow(server);
    await eventually(
      async () =>
        (
          await notificationsOf(server, 'user:default/alice')
        )[0]?.payload.title,
      'Cluster gpu-prod is conformant again',
    );
  });
});
