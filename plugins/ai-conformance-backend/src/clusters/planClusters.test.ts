import { createMockDirectory } from '@backstage/backend-test-utils';
import { ClusterSettings } from '../config/readAiConformanceConfig';
import { catalogEntityToTarget } from './CatalogClusterSource';
import { planClusters } from './planClusters';
import { ClusterTarget } from './types';

const CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');

function settings(overrides: Partial<ClusterSettings>): ClusterSettings {
  return {
    name: 'gpu-prod',
    allowedUrls: [],
    skipTLSVerify: false,
    activeProbes: false,
    ...overrides,
  };
}

function catalogTarget(overrides: Partial<ClusterTarget> = {}): ClusterTarget {
  return {
    name: 'gpu-prod',
    source: 'catalog',
    entityRef: 'resource:default/gpu-prod',
    owner: 'group:default/ml-platform',
    url: 'https://gpu-prod.example.com:6443',
    caData: CA,
    ...overrides,
  };
}

const token = { type: 'serviceAccountToken' as const, token: 's3cr3t' };

describe('planClusters', () => {
  it('connects to a catalog cluster whose URL config allows, with config credentials', () => {
    const { plans } = planClusters(
      [catalogTarget()],
      [
        settings({
          url: 'https://GPU-PROD.example.com:6443/',
          credentials: token,
          activeProbes: true,
          checklistVersion: '1.34',
        }),
      ],
    );
    expect(plans).toHaveLength(1);
    const [plan] = plans;
    expect(plan.refusal).toBeUndefined();
    expect(plan.activeProbes).toBe(true);
    expect(plan.checklistVersion).toBe('1.34');
    expect(plan.secrets).toEqual(['s3cr3t']);
    const kc = plan.kubeConfig!;
    expect(kc.getCurrentCluster()).toMatchObject({
      server: 'https://gpu-prod.example.com:6443',
      caData: CA,
      skipTLSVerify: false,
    });
    expect(kc.getCurrentUser()?.token).toBe('s3cr3t');
  });

  it('refuses a catalog cluster whose URL is not allowed and says what to add', () => {
    const { plans } = planClusters(
      [catalogTarget({ url: 'https://attacker.example.net' })],
      [
        settings({
          url: 'https://gpu-prod.example.com:6443',
          credentials: token,
        }),
      ],
    );
    expect(plans[0].kubeConfig).toBeUndefined();
    expect(plans[0].secrets).toEqual([]);
    expect(plans[0].refusal).toContain('https://attacker.example.net');
    expect(plans[0].refusal).toContain(
      'aiConformance.clusters[name=gpu-prod].url (or allowedUrls)',
    );
  });

  it('accepts a URL listed in allowedUrls', () => {
    const { plans } = planClusters(
      [catalogTarget({ url: 'https://10.0.0.1:6443' })],
      [
        settings({
          url: 'https://gpu-prod.example.com:6443',
          allowedUrls: ['https://10.0.0.1:6443'],
          credentials: token,
        }),
      ],
    );
    expect(plans[0].refusal).toBeUndefined();
    expect(plans[0].kubeConfig?.getCurrentCluster()?.server).toBe(
      'https://10.0.0.1:6443',
    );
  });

  it('refuses a catalog cluster without config, naming the entry to add', () => {
    const { plans } = planClusters([catalogTarget()], []);
    expect(plans[0].refusal).toContain('resource:default/gpu-prod');
    expect(plans[0].refusal).toContain(
      'aiConformance.clusters: [{ name: gpu-prod, url: https://gpu-prod.example.com:6443',
    );
  });

  it('refuses an entry without credentials', () => {
    const { plans } = planClusters(
      [catalogTarget()],
      [settings({ url: 'https://gpu-prod.example.com:6443' })],
    );
    expect(plans[0].refusal).toMatch(/has no credentials/);
  });

  it('matches config entries by entity ref too', () => {
    const { plans } = planClusters(
      [catalogTarget()],
      [
        settings({
          name: 'resource:default/gpu-prod',
          url: 'https://gpu-prod.example.com:6443',
          credentials: token,
        }),
      ],
    );
    expect(plans).toHaveLength(1);
    expect(plans[0].refusal).toBeUndefined();
  });

  it('refuses entities with malformed annotations, one cluster at a time', () => {
    const broken = catalogEntityToTarget({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'broken',
        annotations: {
          'kubernetes.io/api-server': 'not a url',
        },
      },
      spec: { type: 'kubernetes-cluster', owner: 'team-a' },
    });
    const badCa = catalogEntityToTarget({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'bad-ca',
        annotations: {
          'kubernetes.io/api-server': 'https://bad-ca.example.com',
          'kubernetes.io/api-server-certificate-authority': 'bm90IGEgY2VydA==',
        },
      },
      spec: { type: 'kubernetes-cluster' },
    });
    const badChecklist = catalogEntityToTarget({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'bad-checklist',
        annotations: {
          'kubernetes.io/api-server': 'https://c.example.com',
          'ai-conformance.io/checklist-version': 'latest',
        },
      },
      spec: { type: 'kubernetes-cluster' },
    });
    const { plans } = planClusters(
      [broken, badCa, badChecklist, catalogTarget()],
      [
        settings({
          name: 'broken',
          url: 'https://b.example.com',
          credentials: token,
        }),
        settings({
          url: 'https://gpu-prod.example.com:6443',
          credentials: token,
        }),
      ],
    );
    const byName = Object.fromEntries(plans.map(p => [p.target.name, p]));
    expect(byName.broken.refusal).toBe(
      'annotation kubernetes.io/api-server "not a url" is not a valid URL',
    );
    expect(byName['bad-ca'].refusal).toMatch(/not a base64-encoded PEM/);
    expect(byName['bad-checklist'].refusal).toMatch(
      /"latest" is not a checklist version/,
    );
    expect(byName['gpu-prod'].refusal).toBeUndefined();
  });

  it('uses the kubernetes config token of a config cluster', () => {
    const { plans } = planClusters(
      [
        {
          name: 'local',
          source: 'config',
          url: 'https://127.0.0.1:6443',
          authProvider: 'serviceAccount',
          serviceAccountToken: 'k8s-token',
          skipTLSVerify: true,
        },
      ],
      [],
    );
    expect(plans[0].refusal).toBeUndefined();
    expect(plans[0].kubeConfig?.getCurrentUser()?.token).toBe('k8s-token');
    expect(plans[0].kubeConfig?.getCurrentCluster()?.skipTLSVerify).toBe(true);
  });

  it('refuses a config cluster whose auth provider it cannot use, unless config gives credentials', () => {
    const target: ClusterTarget = {
      name: 'gke',
      source: 'config',
      url: 'https://35.1.2.3',
      authProvider: 'google',
    };
    expect(planClusters([target], []).plans[0].refusal).toMatch(
      /authProvider "google"/,
    );
    const { plans } = planClusters(
      [target],
      [settings({ name: 'gke', credentials: token })],
    );
    expect(plans[0].refusal).toBeUndefined();
  });

  it('refuses a config cluster whose URL disagrees with its aiConformance entry', () => {
    const { plans } = planClusters(
      [{ name: 'x', source: 'config', url: 'https://x.example.com' }],
      [
        settings({
          name: 'x',
          url: 'https://y.example.com',
          credentials: token,
        }),
      ],
    );
    expect(plans[0].refusal).toMatch(/make them agree/);
  });

  it('lets a config cluster win a name clash with a catalog cluster', () => {
    const { plans, skipped } = planClusters(
      [
        catalogTarget(),
        {
          name: 'gpu-prod',
          source: 'config',
          url: 'https://gpu-prod.example.com:6443',
          serviceAccountToken: 't',
        },
      ],
      [],
    );
    expect(plans).toHaveLength(1);
    expect(plans[0].target.source).toBe('config');
    expect(skipped[0]).toContain('resource:default/gpu-prod');
  });

  it('evaluates standalone config entries with a url, ignores credential-only ones', () => {
    const { plans } = planClusters(
      [],
      [
        settings({
          name: 'lab',
          url: 'https://lab.example.com',
          credentials: token,
        }),
        settings({ name: 'not-in-catalog-yet', credentials: token }),
      ],
    );
    expect(plans.map(p => [p.target.name, p.target.source, p.refusal])).toEqual(
      [['lab', 'config', undefined]],
    );
  });

  describe('files', () => {
    const mockDir = createMockDirectory();

    const kubeconfig = (server: string) => `
apiVersion: v1
kind: Config
clusters:
  - name: c1
    cluster:
      server: ${server}
      certificate-authority-data: ${CA}
users:
  - name: u1
    user:
      token: file-token
contexts:
  - name: ctx1
    context: { cluster: c1, user: u1 }
  - name: other
    context: { cluster: c1, user: u1 }
current-context: other
`;

    it('reads a kubeconfig context and requires its server to match the catalog URL', () => {
      mockDir.setContent({
        'good.yaml': kubeconfig('https://gpu-prod.example.com:6443'),
        'wrong.yaml': kubeconfig('https://elsewhere.example.com'),
      });
      const ok = planClusters(
        [catalogTarget()],
        [
          settings({
            credentials: {
              type: 'kubeconfig',
              path: mockDir.resolve('good.yaml'),
              context: 'ctx1',
            },
          }),
        ],
      ).plans[0];
      expect(ok.refusal).toBeUndefined();
      expect(ok.kubeConfig?.getCurrentUser()?.token).toBe('file-token');
      expect(ok.secrets).toEqual(['file-token']);

      const wrong = planClusters(
        [catalogTarget()],
        [
          settings({
            credentials: {
              type: 'kubeconfig',
              path: mockDir.resolve('wrong.yaml'),
            },
          }),
        ],
      ).plans[0];
      expect(wrong.kubeConfig).toBeUndefined();
      expect(wrong.refusal).toContain('https://elsewhere.example.com');
    });

    it('says which context is missing and which file cannot be read', () => {
      mockDir.setContent({
        'good.yaml': kubeconfig('https://lab.example.com'),
      });
      const missingContext = planClusters(
        [],
        [
          settings({
            name: 'lab',
            credentials: {
              type: 'kubeconfig',
              path: mockDir.resolve('good.yaml'),
              context: 'nope',
            },
          }),
        ],
      ).plans[0];
      expect(missingContext.refusal).toContain(
        'has no context "nope" (available: ctx1, other)',
      );

      const missingToken = planClusters(
        [],
        [
          settings({
            name: 'lab',
            url: 'https://lab.example.com',
            credentials: {
              type: 'serviceAccountTokenFile',
              path: mockDir.resolve('absent-token'),
            },
          }),
        ],
      ).plans[0];
      expect(missingToken.refusal).toMatch(
        /cannot read serviceAccountTokenFile ".*absent-token" \(ENOENT\)/,
      );
    });
  });
});
