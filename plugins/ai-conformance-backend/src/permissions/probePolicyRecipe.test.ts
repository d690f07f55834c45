import { createBackendModule } from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authBackend from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionExports,
  PermissionPolicy,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  aiConformanceActiveProbeRunPermission,
  RequirementResult,
} from '@internal/plugin-ai-conformance-common';
import {
  aiConformanceClusterResourceRef,
  isClusterConformant,
  isClusterOwner,
} from '@internal/plugin-ai-conformance-node/backstage';
import http from 'supertest';
import { aiConformancePlugin } from '../plugin';
import { engineStub } from '../__testUtils__/engineStub';
import { makeScorecard } from '../__testUtils__/scorecards';

/* The README recipe "only owners of conformant clusters may run probes", run through the real
   permission and auth backends (the test utilities' mock auth drops the calling plugin from
   on-behalf-of tokens, which the permission backend requires for conditional decisions). The
   caller is the guest user with a real token. The policy below is the README's, word for word
   (keep them in sync). */

jest.setTimeout(60_000);

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: aiConformanceClusterResourceRef,
  rules: { isClusterOwner, isClusterConformant },
});

const policy: PermissionPolicy = {
  async handle(request, user) {
    if (
      isPermission(request.permission, aiConformanceActiveProbeRunPermission)
    ) {
      return createConditionalDecision(request.permission, {
        allOf: [
          conditions.isClusterOwner({
            claims: user?.info.ownershipEntityRefs ?? [],
          }),
          conditions.isClusterConformant({}),
        ],
      });
    }
    return { result: AuthorizeResult.ALLOW };
  },
};

const policyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'ai-conformance-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy: extension }) {
        extension.setPolicy(policy);
      },
    });
  },
});

const CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');

const GUEST = 'user:development/guest';

const cluster = (name: string, owner: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'kubernetes.io/api-server': `https://${name}.example.com:6443`,
      'kubernetes.io/api-server-certificate-authority': CA,
      'kubernetes.io/auth-provider': 'serviceAccount',
    },
  },
  spec: { type: 'kubernetes-cluster', owner },
});

const gang = (verdict: RequirementResult['verdict']): RequirementResult => ({
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

/** The guest owns `good` (conformant) and `broken` (fails a MUST); bob owns `theirs` (conformant). */
const CLUSTERS: Record<
  string,
  { owner: string; verdict: RequirementResult['verdict'] }
> = {
  good: { owner: GUEST, verdict: 'pass' },
  broken: { owner: GUEST, verdict: 'fail' },
  theirs: { owner: 'user:default/bob', verdict: 'pass' },
};

describe('README recipe: only owners of conformant clusters may run probes', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let authorization: string;

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        aiConformancePlugin,
        permissionBackend,
        policyModule,
        authBackend,
        guestProvider,
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        permissionsServiceFactory,
        catalogServiceMock.factory({
          entities: Object.entries(CLUSTERS).map(([name, c]) =>
            cluster(name, c.owner),
          ),
        }),
        engineStub(id =>
          makeScorecard(id, {
            requirements: [
              gang(CLUSTERS[id.replace('resource:default/', '')].verdict),
            ],
          }),
        ),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            // jest runs with NODE_ENV=test, which the guest provider counts as outside development
            auth: {
              providers: {
                guest: { dangerouslyAllowOutsideDevelopment: true },
              },
            },
            permission: { enabled: true },
            aiConformance: {
              schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
              clusters: Object.keys(CLUSTERS).map(name => ({
                entityRef: `resource:default/${name}`,
                url: `https://${name}.example.com:6443`,
                serviceAccountToken: `${name}-token`,
                // Probes are opt-in per cluster; the policy decides who may run them.
                activeProbes: true,
              })),
            },
          },
        }),
      ],
    }));
    const refresh = await http(server)
      .get('/api/auth/guest/refresh')
      .set('X-Requested-With', 'XMLHttpRequest');
    if (refresh.status !== 200)
      throw new Error(`guest sign-in: ${refresh.status} ${refresh.text}`);
    authorization = `Bearer ${refresh.body.backstageIdentity.token}`;
    // The scheduler's first runs decide which cluster is conformant.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const fleet = await http(server)
        .get('/api/ai-conformance/fleet')
        .set('Authorization', authorization);
      const evaluated = (fleet.body.clusters ?? []).filter(
        (c: any) => c.summary,
      );
      if (evaluated.length === 3) break;
      if (Date.now() > deadline)
        throw new Error(`not evaluated: ${JSON.stringify(fleet.body)}`);
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  });

  const runNow = (name: string, activeProbes: boolean) =>
    http(server)
      .post(
        `/api/ai-conformance/clusters/${encodeURIComponent(
          `resource:default/${name}`,
        )}/evaluations`,
      )
      .set('Authorization', authorization)
      .send({ activeProbes });

  it('lets the owner run probes on a conformant cluster', async () => {
    const response = await runNow('good', true);
    expect(response.status).toBe(202);
  });

  it('refuses probes to someone who does not own the cluster', async () => {
    const response = await runNow('theirs', true);
    expect(response.status).toBe(403);
  });

  it('refuses probes on a cluster that is not conformant, even to its owner', async () => {
    const response = await runNow('broken', true);
    expect(response.status).toBe(403);
  });

  it('still lets anyone run a plain evaluation of a cluster they do not own', async () => {
    const response = await runNow('theirs', false);
    expect(response.status).toBe(202);
  });
});
