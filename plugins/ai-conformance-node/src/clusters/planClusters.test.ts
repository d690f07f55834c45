import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { readClusterBindings } from '../backstage/config/readClusterBindings';
import { catalogEntityToTarget } from '../backstage/sources/CatalogClusterSource';
import { planClusters } from './planClusters';
import { ClusterTarget } from './types';

const CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');
const OTHER_CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nEVIL\n-----END CERTIFICATE-----\n',
).toString('base64');
const URL = 'https://gpu-prod.example.com:6443';
const REF = 'resource:default/gpu-prod';

function bindings(clusters: JsonValue[]) {
  return readClusterBindings(new ConfigReader({ aiConformance: { clusters } }));
}

function entity(
  namespace: string,
  name: string,
  annotations: Record<string, string>,
  owner = 'group:default/ml-platform',
) {
  return catalogEntityToTarget({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace, annotations },
    spec: { type: 'kubernetes-cluster', owner },
  });
}

const prod = entity('default', 'gpu-prod', {
  'kubernetes.io/api-server': URL,
});
const binding = { entityRef: REF, url: URL, serviceAccountToken: 's3cr3t' };

function plan(targets: ClusterTarget[], clusters: JsonValue[]) {
  const result = planClusters(targets, bindings(clusters));
  const byId = new Map(result.plans.map(p => [p.cluster.id, p]));
  return { ...result, byId };
}

describe('planClusters', () => {
  it('identifies a catalog cluster by its entity ref and connects with its binding', () => {
    const { byId } = plan(
      [prod],
      [
        {
          ...binding,
          url: 'https://GPU-PROD.example.com:6443/',
          activeProbes: true,
          checklistVersion: '1.34',
        },
      ],
    );
    const p = byId.get(REF)!;
    expect(p.cluster).toEqual({
      id: REF,
      name: 'gpu-prod',
      source: 'catalog',
      entityRef: REF,
      owner: 'group:default/ml-platform',
      url: URL,
      activeProbes: true,
      checklistVersion: '1.34',
    });
    expect(p.connection).toMatchObject({
      server: URL,
      authProvider: 'serviceAccount',
      skipTLSVerify: false,
      caData: undefined,
    });
    // The plan carries no secret, only where the credential layer finds it.
    const { authConfig, ...rest } = p.connection!;
    expect(JSON.stringify({ ...p.cluster, ...rest })).not.toContain('s3cr3t');
  });

  it('takes a Kubernetes-plugin config cluster at a URL bound to an entity as that entity, not a second cluster', () => {
    const listedForKubernetesPlugin: ClusterTarget = {
      name: 'gpu-prod-k8s',
      source: 'config',
      url: 'https://gpu-prod.example.com:6443/',
      caData: CA,
      authProvider: 'serviceAccount',
      authConfig: 'k8s-config-block',
    };
    const elsewhere: ClusterTarget = {
      name: 'lab',
      source: 'config',
      url: 'https://lab.example.com:6443',
      caData: CA,
      authProvider: 'serviceAccount',
      authConfig: 'k8s-config-block',
    };
    const { plans, byId } = plan(
      [prod, listedForKubernetesPlugin, elsewhere],
      [binding],
    );
    expect(plans.map(p => p.cluster.id).sort()).toEqual(['config:lab', REF]);
    expect(byId.get(REF)!.cluster.refusal).toBeUndefined();
    expect(byId.get('config:lab')!.cluster.refusal).toBeUndefined();
  });

  it('refuses a catalog cluster whose URL config does not allow, and one without a binding', () => {
    const moved = entity('default', 'gpu-prod', {
      'kubernetes.io/api-server': 'https://attacker.example.com',
    });
    const refused = plan([moved], [binding]).byId.get(REF)!;
    expect(refused.connection).toBeUndefined();
    expect(refused.cluster.refusal).toContain(
      'the API server URL that resource:default/gpu-prod announces is not one that aiConformance.clusters[0] allows',
    );
    // the URLs concerned are for the log only
    expect(refused.refusalDetail).toContain('https://attacker.example.com');
    const unbound = plan([prod], []).byId.get(REF)!;
    expect(unbound.cluster.refusal).toContain(
      `add to app-config: aiConformance.clusters: [{ entityRef: ${REF}, url: <its kubernetes.io/api-server URL>`,
    );
  });

  it('tells an operator with name-keyed config how to migrate', () => {
    const { byId, warnings } = plan(
      [prod],
      [
        {
          name: 'gpu-prod',
          url: 'https://other.example.com',
          serviceAccountToken: 't',
        },
      ],
    );
    expect(byId.get(REF)!.cluster.refusal).toContain(
      'aiConformance.clusters[0] (name: gpu-prod) no longer binds catalog entities by name; replace its name with entityRef: resource:default/gpu-prod',
    );
    // the entry itself is a config-only cluster of its own URL
    expect(byId.get('config:gpu-prod')!.connection?.server).toBe(
      'https://other.example.com',
    );
    expect(warnings).toEqual([]);
  });

  it('refuses entities with malformed annotations, one cluster at a time', () => {
    const bad = entity('default', 'bad', {
      'kubernetes.io/api-server': 'ftp://x',
    });
    const { byId } = plan(
      [prod, bad],
      [
        binding,
        {
          entityRef: 'resource:default/bad',
          url: 'ftp://x',
          serviceAccountToken: 't',
        },
      ],
    );
    expect(byId.get('resource:default/bad')!.cluster.refusal).toContain(
      'is not an http(s) URL',
    );
    expect(byId.get(REF)!.connection).toBeDefined();
  });

  describe('against a hostile catalog', () => {
    it('gives a namesake in another namespace neither identity, owner nor credentials', () => {
      const namesake = entity(
        'aaa-attacker',
        'gpu-prod',
        {
          'kubernetes.io/api-server': URL,
          'kubernetes.io/api-server-certificate-authority': OTHER_CA,
        },
        'group:aaa-attacker/team',
      );
      const { byId, plans } = plan([namesake, prod], [binding]);
      expect(plans).toHaveLength(2);
      const real = byId.get(REF)!;
      expect(real.cluster.owner).toBe('group:default/ml-platform');
      expect(real.connection).toBeDefined();
      const fake = byId.get('resource:aaa-attacker/gpu-prod')!;
      expect(fake.cluster.owner).toBe('group:aaa-attacker/team');
      expect(fake.connection).toBeUndefined();
      expect(fake.cluster.refusal).toContain(
        'announces an API server that config binds to another cluster; the catalog cannot claim a configured cluster',
      );
      expect(fake.refusalDetail).toContain(
        `announces the API server ${URL}, which config binds to ${REF} (aiConformance.clusters[0])`,
      );
    });

    it('never lets a catalog CA replace a configured CA, and uses one only with trustCatalogCA', () => {
      const withCa = entity('default', 'gpu-prod', {
        'kubernetes.io/api-server': URL,
        'kubernetes.io/api-server-certificate-authority': OTHER_CA,
      });
      const configured = plan(
        [withCa],
        [{ ...binding, caData: CA, trustCatalogCA: true }],
      );
      expect(configured.byId.get(REF)!.connection?.caData).toBe(CA);
      const untrusted = plan([withCa], [binding]);
      expect(untrusted.byId.get(REF)!.connection?.caData).toBeUndefined();
      const trusted = plan([withCa], [{ ...binding, trustCatalogCA: true }]);
      expect(trusted.byId.get(REF)!.connection?.caData).toBe(OTHER_CA);
      const kubeconfig = plan(
        [withCa],
        [
          {
            entityRef: REF,
            url: URL,
            trustCatalogCA: true,
            kubeconfig: { path: '/kc' },
          },
        ],
      );
      // a kubeconfig's CA is never replaced by the catalog's
      expect(kubeconfig.byId.get(REF)!.connection?.caData).toBeUndefined();
    });

    it('does not let an entity adopt a config-only cluster', () => {
      const lab = {
        name: 'lab',
        url: 'https://lab.example.com',
        serviceAccountToken: 't',
      };
      const adopter = entity('default', 'lab', {
        'kubernetes.io/api-server': 'https://lab.example.com',
      });
      const { byId } = plan([adopter], [lab]);
      expect(byId.get('config:lab')!.cluster).toMatchObject({
        source: 'config',
        owner: undefined,
        entityRef: undefined,
      });
      expect(byId.get('config:lab')!.connection).toBeDefined();
      expect(byId.get('resource:default/lab')!.connection).toBeUndefined();
      expect(byId.get('resource:default/lab')!.refusalDetail).toContain(
        'which config binds to config:lab',
      );
    });

    it('refuses both entities that claim the same configured cluster, loudly', () => {
      const lab = {
        name: 'lab',
        url: 'https://lab.example.com',
        serviceAccountToken: 't',
      };
      const claim = (ns: string) =>
        entity(ns, 'lab', {
          'kubernetes.io/api-server': 'https://lab.example.com',
        });
      const { byId } = plan([claim('a'), claim('b')], [lab]);
      for (const id of ['resource:a/lab', 'resource:b/lab']) {
        expect(byId.get(id)!.connection).toBeUndefined();
        expect(byId.get(id)!.cluster.refusal).toContain(
          'the catalog cannot claim a configured cluster',
        );
        expect(byId.get(id)!.refusalDetail).toContain('config:lab');
      }
    });

    it('keeps identity and owner when the entity is removed and added again', () => {
      const before = plan([prod], [binding]).byId.get(REF)!.cluster;
      expect(plan([], [binding]).plans).toEqual([]);
      const namesakeMeanwhile = entity(
        'zzz',
        'gpu-prod',
        { 'kubernetes.io/api-server': URL },
        'group:zzz/x',
      );
      expect(
        plan([namesakeMeanwhile], [binding]).byId.get(REF),
      ).toBeUndefined();
      const after = plan([prod], [binding]).byId.get(REF)!.cluster;
      expect(after).toEqual(before);
    });

    it('refuses every cluster announced twice under one identity, never first-wins', () => {
      const twice: ClusterTarget = {
        name: 'lab',
        source: 'config',
        url: 'https://a.example.com',
        authProvider: 'serviceAccount',
      };
      const { plans } = plan(
        [twice, { ...twice, url: 'https://b.example.com' }],
        [],
      );
      expect(plans).toHaveLength(1);
      expect(plans[0].cluster.refusal).toContain(
        '2 sources announce a cluster config:lab',
      );
    });
  });

  describe('config clusters', () => {
    const k8s: ClusterTarget = {
      name: 'sa',
      source: 'config',
      url: 'https://sa.example.com',
      caData: CA,
      authProvider: 'serviceAccount',
      authConfig: 'k8s-config-block',
    };

    it('use the Kubernetes plugin credentials unless an entry with their URL gives others', () => {
      const own = plan([k8s], []).byId.get('config:sa')!;
      expect(own.connection).toMatchObject({
        server: 'https://sa.example.com',
        caData: CA,
        authProvider: 'serviceAccount',
        authConfig: 'k8s-config-block',
      });
      const bound = plan(
        [k8s],
        [
          {
            url: 'https://sa.example.com/',
            clientCertificate: { certFile: '/c', keyFile: '/k' },
            activeProbes: true,
          },
        ],
      ).byId.get('config:sa')!;
      expect(bound.connection?.authProvider).toBe('clientCertificate');
      expect(bound.cluster.activeProbes).toBe(true);
    });

    it('refuse a config cluster without credentials, saying what to add', () => {
      const gke = plan([{ ...k8s, authProvider: undefined }], []).byId.get(
        'config:sa',
      )!;
      expect(gke.cluster.refusal).toContain(
        'add to app-config aiConformance.clusters: [{ url: <its url in kubernetes.clusterLocatorMethods>',
      );
      expect(gke.refusalDetail).toContain('https://sa.example.com');
    });

    it('refuse a config cluster whose URL disagrees with its entry of the same name', () => {
      const p = plan(
        [k8s],
        [
          {
            name: 'sa',
            url: 'https://elsewhere.example.com',
            serviceAccountToken: 't',
          },
        ],
      ).byId.get('config:sa')!;
      expect(p.cluster.refusal).toContain('make them agree');
    });

    it('warn about entries that bind nothing', () => {
      const { warnings, plans } = plan(
        [],
        [
          { entityRef: 'resource:default/later', serviceAccountToken: 't' },
          { url: 'https://nowhere.example.com', serviceAccountToken: 't' },
        ],
      );
      expect(plans).toEqual([]);
      expect(warnings).toEqual([
        expect.stringContaining('aiConformance.clusters[1] binds no cluster'),
      ]);
    });
  });

  it('never puts a URL, a file path or URL credentials into a refusal that users read', () => {
    const secretUrl = 'https://ops:pa55w0rd-canary@lab.example.com:6443';
    const lab = {
      name: 'lab',
      url: secretUrl,
      serviceAccountToken: 't',
    };
    const claim = (ns: string) =>
      entity(ns, 'lab', { 'kubernetes.io/api-server': secretUrl });
    const configOnly: ClusterTarget = {
      name: 'k8s',
      source: 'config',
      url: 'https://internal-k8s.corp.example:6443',
    };
    const { plans } = plan(
      [
        claim('a'),
        claim('b'),
        configOnly,
        entity('default', 'unbound', {
          'kubernetes.io/api-server': 'https://unbound.corp.example',
        }),
        entity('default', 'moved', {
          'kubernetes.io/api-server': 'https://moved.corp.example',
        }),
        entity('default', 'bad', {
          'kubernetes.io/api-server': 'ftp://bad.corp.example/path',
        }),
      ],
      [
        lab,
        {
          entityRef: 'resource:default/moved',
          url: 'https://allowed.corp.example',
          kubeconfig: { path: '/etc/secret/kubeconfig' },
        },
      ],
    );
    const refusals = plans.filter(p => p.cluster.refusal);
    expect(refusals.length).toBeGreaterThanOrEqual(5);
    for (const p of refusals) {
      expect(p.cluster.refusal).not.toMatch(
        /[a-z]+:\/\/|\/etc\/|corp\.example|lab\.example/,
      );
      // the detail keeps the URLs for the log, without the password
      expect(p.refusalDetail ?? '').not.toContain('pa55w0rd-canary');
    }
    expect(
      refusals.find(p => p.cluster.id === 'resource:a/lab')!.refusalDetail,
    ).toContain('https://[redacted]@lab.example.com:6443');
  });
});
