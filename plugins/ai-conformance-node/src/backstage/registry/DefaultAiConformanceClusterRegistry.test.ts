import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { KubeClusterReader } from '../../cluster/KubeClusterReader';
import type { ClusterTarget } from '../../clusters/types';
import { readClusterBindings } from '../config/readClusterBindings';
import { catalogEntityToTarget } from '../sources/CatalogClusterSource';
import { KubernetesConfigClusterSource } from '../sources/KubernetesConfigClusterSource';
import {
  AiConformanceCredentialProvider,
  CredentialsError,
} from '../credentials/types';
import { ClusterRefusedError } from './AiConformanceClusterRegistry';
import { DefaultAiConformanceClusterRegistry } from './DefaultAiConformanceClusterRegistry';

const CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
).toString('base64');
const CATALOG_CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nCATALOG\n-----END CERTIFICATE-----\n',
).toString('base64');

function registry(options: {
  targets?: ClusterTarget[];
  clusters?: JsonValue[];
  kubernetes?: JsonValue;
  providers?: Map<string, AiConformanceCredentialProvider>;
}) {
  const config = new ConfigReader({
    aiConformance: { clusters: options.clusters ?? [] },
    ...(options.kubernetes ? { kubernetes: options.kubernetes } : {}),
  });
  return new DefaultAiConformanceClusterRegistry({
    sources: [
      { getClusters: async () => options.targets ?? [] },
      new KubernetesConfigClusterSource(config),
    ],
    bindings: readClusterBindings(config),
    credentialProviders: options.providers,
    logger: mockServices.logger.mock(),
  });
}

function cluster(namespace: string, url: string, ca?: string) {
  return catalogEntityToTarget({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'gpu-prod',
      namespace,
      annotations: {
        'kubernetes.io/api-server': url,
        ...(ca ? { 'kubernetes.io/api-server-certificate-authority': ca } : {}),
      },
    },
    spec: { type: 'kubernetes-cluster', owner: `group:${namespace}/team` },
  });
}

describe('DefaultAiConformanceClusterRegistry', () => {
  const mockDir = createMockDirectory();

  it('connects with config credentials and a config CA, whatever the catalog announces', async () => {
    const r = registry({
      targets: [cluster('default', 'https://gpu.example.com', CA)],
      clusters: [
        {
          entityRef: 'resource:default/gpu-prod',
          url: 'https://gpu.example.com',
          caData: 'Q09ORklH',
          serviceAccountToken: 's3cr3t-token',
        },
      ],
    });
    const connection = await r.connect('resource:default/gpu-prod');
    expect(connection.server).toBe('https://gpu.example.com');
    expect(connection.kubeConfig.getCurrentCluster()?.caData).toBe('Q09ORklH');
    expect(connection.kubeConfig.getCurrentUser()?.token).toBe('s3cr3t-token');
    expect(connection.redact('Bearer s3cr3t-token failed')).toBe(
      'Bearer [redacted] failed',
    );
    // nothing the registry lists carries a secret
    expect(JSON.stringify(await r.listClusters())).not.toContain('s3cr3t');
  });

  it('uses a kubeconfig context, keeps its CA over the catalog one, and checks its server', async () => {
    const kubeconfig = (server: string) => `apiVersion: v1
kind: Config
clusters:
  - name: c1
    cluster: { server: '${server}', certificate-authority-data: ${CA} }
users:
  - name: u1
    user: { token: file-token }
contexts:
  - name: ctx1
    context: { cluster: c1, user: u1 }
current-context: ctx1
`;
    mockDir.setContent({
      'good.yaml': kubeconfig('https://gpu.example.com'),
      'wrong.yaml': kubeconfig('https://elsewhere.example.com'),
    });
    const bind = (file: string, context?: string) =>
      registry({
        targets: [cluster('default', 'https://gpu.example.com', CATALOG_CA)],
        clusters: [
          {
            entityRef: 'resource:default/gpu-prod',
            trustCatalogCA: true,
            kubeconfig: {
              path: mockDir.resolve(file),
              ...(context ? { context } : {}),
            },
          },
        ],
      }).connect('resource:default/gpu-prod');
    const ok = await bind('good.yaml');
    expect(ok.kubeConfig.getCurrentCluster()?.caData).toBe(CA);
    expect(ok.kubeConfig.getCurrentUser()?.token).toBe('file-token');
    await expect(bind('wrong.yaml')).rejects.toThrow(
      'points at an API server other than the one announced for it',
    );
    const noContext = await bind('good.yaml', 'nope').catch(e => e);
    expect(noContext.message).toContain(
      'has no context named by kubeconfig.context; set kubeconfig.context',
    );
    // users who may read the scorecard learn neither the path nor the file's context names
    expect(noContext.message).not.toMatch(/ctx1|nope|good\.yaml/);
    expect(noContext.detail).toContain(
      'has no context "nope" (available: ctx1)',
    );
    const wrong = await bind('wrong.yaml').catch(e => e);
    expect(wrong.message).not.toContain('elsewhere.example.com');
    expect(wrong.detail).toContain('elsewhere.example.com');
  });

  it('redacts every secret a kubeconfig user carries: exec args and env, auth-provider tokens, token files', async () => {
    mockDir.setContent({
      'own-token': 'canary-own-token-file\n',
      'provider-token': 'canary-provider-token-file\n',
      'users.yaml': `apiVersion: v1
kind: Config
clusters:
  - name: c1
    cluster: { server: 'https://lab.example.com' }
users:
  - name: exec
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1
        command: get-token
        args: [--role=canary-exec-arg, canary-exec-positional, --verbose]
        env: [{ name: SECRET, value: canary-exec-env }]
        interactiveMode: Never
  - name: oidc
    user:
      auth-provider:
        name: oidc
        config:
          client-id: backstage
          client-secret: canary-client-secret
          id-token: canary-id-token
          refresh-token: canary-refresh-token
          idp-issuer-url: https://idp.example.com
  - name: file
    user: { tokenFile: ${mockDir.resolve('own-token')} }
  - name: provider-file
    user:
      auth-provider:
        name: tokenFile
        config: { tokenFile: ${mockDir.resolve('provider-token')} }
contexts:
  - { name: exec, context: { cluster: c1, user: exec } }
  - { name: oidc, context: { cluster: c1, user: oidc } }
  - { name: file, context: { cluster: c1, user: file } }
  - { name: provider-file, context: { cluster: c1, user: provider-file } }
current-context: exec
`,
    });
    const contexts = {
      exec: ['canary-exec-arg', 'canary-exec-positional', 'canary-exec-env'],
      oidc: ['canary-client-secret', 'canary-id-token', 'canary-refresh-token'],
      file: ['canary-own-token-file'],
      'provider-file': ['canary-provider-token-file'],
    };
    const r = registry({
      clusters: Object.keys(contexts).map(context => ({
        name: context,
        kubeconfig: { path: mockDir.resolve('users.yaml'), context },
      })),
    });
    for (const [context, canaries] of Object.entries(contexts)) {
      const connection = await r.connect(`config:${context}`);
      const text = `the plugin said: ${canaries.join(' and ')}`;
      const redacted = connection.redact(text);
      for (const canary of canaries) expect(redacted).not.toContain(canary);
      // harmless words stay readable
      expect(redacted).toContain('the plugin said:');
    }
    // the kubeconfig user's own token file is used as its token
    expect(
      (await r.connect('config:file')).kubeConfig.getCurrentUser()?.token,
    ).toBe('canary-own-token-file');
    // the OIDC auth provider is handed to the client (which refreshes the token itself)
    expect(
      (await r.connect('config:oidc')).kubeConfig.getCurrentUser()
        ?.authProvider,
    ).toMatchObject({ name: 'oidc' });
  });

  it('keeps a server that only a kubeconfig names out of messages', async () => {
    mockDir.setContent({
      'private.yaml': `apiVersion: v1
kind: Config
clusters:
  - name: c1
    cluster: { server: 'https://10.20.30.40:6443/' }
users:
  - name: u1
    user: { token: file-token }
contexts:
  - name: ctx1
    context: { cluster: c1, user: u1 }
current-context: ctx1
`,
    });
    const connection = await registry({
      clusters: [
        { name: 'lab', kubeconfig: { path: mockDir.resolve('private.yaml') } },
      ],
    }).connect('config:lab');
    const redacted = connection.redact(
      'connect ECONNREFUSED 10.20.30.40:6443 (https://10.20.30.40:6443/version)',
    );
    expect(redacted).not.toContain('10.20.30.40');
    expect(redacted).toContain('connect ECONNREFUSED');
  });

  it('redacts the password of an API server URL wherever a message quotes it', async () => {
    const connection = await registry({
      clusters: [
        {
          name: 'lab',
          url: 'https://ops:canary%2Fpass@lab.example.com',
          serviceAccountToken: 'tok-123456',
        },
      ],
    }).connect('config:lab');
    expect(
      connection.redact('login as ops failed with password canary/pass'),
    ).not.toContain('canary/pass');
  });

  it("keeps a kubeconfig user's exec credential plugin (the client runs it per request)", async () => {
    mockDir.setContent({
      'exec.yaml': `apiVersion: v1
kind: Config
clusters:
  - name: c1
    cluster: { server: 'https://lab.example.com' }
users:
  - name: u1
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1
        command: get-token
        args: [--cluster, lab]
        interactiveMode: Never
contexts:
  - name: ctx1
    context: { cluster: c1, user: u1 }
current-context: ctx1
`,
    });
    const connection = await registry({
      clusters: [
        { name: 'lab', kubeconfig: { path: mockDir.resolve('exec.yaml') } },
      ],
    }).connect('config:lab');
    expect(connection.kubeConfig.getCurrentUser()?.exec).toMatchObject({
      command: 'get-token',
      args: ['--cluster', 'lab'],
    });
  });

  it('re-reads token files and says which one is missing', async () => {
    mockDir.setContent({ token: 'first\n' });
    const r = registry({
      clusters: [
        {
          name: 'lab',
          url: 'https://lab.example.com',
          serviceAccountTokenFile: mockDir.resolve('token'),
        },
        {
          name: 'gone',
          url: 'https://gone.example.com',
          serviceAccountTokenFile: mockDir.resolve('absent'),
        },
      ],
    });
    expect(
      (await r.connect('config:lab')).kubeConfig.getCurrentUser()?.token,
    ).toBe('first');
    mockDir.setContent({ token: 'rotated' });
    expect(
      (await r.connect('config:lab')).kubeConfig.getCurrentUser()?.token,
    ).toBe('rotated');
    await expect(r.connect('config:gone')).rejects.toThrow(
      /cannot read the serviceAccountTokenFile of cluster config:gone \(ENOENT\)/,
    );
    await expect(r.connect('config:gone')).rejects.toBeInstanceOf(
      CredentialsError,
    );
  });

  it('uses the Kubernetes plugin token and custom providers by authProvider, and refuses unknown providers', async () => {
    const aws: AiConformanceCredentialProvider = {
      getCredential: async ({ authMetadata }) => ({
        user: { token: `aws-${authMetadata.role}` },
        secrets: [],
      }),
    };
    const kubernetes = {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'sa',
              url: 'https://sa.example.com',
              authProvider: 'serviceAccount',
              serviceAccountToken: 'k8s-token',
            },
            {
              name: 'eks',
              url: 'https://eks.example.com',
              authProvider: 'aws',
              authMetadata: { role: 'reader' },
            },
            {
              name: 'gke',
              url: 'https://gke.example.com',
              authProvider: 'google',
            },
          ],
        },
      ],
    };
    const r = registry({ kubernetes, providers: new Map([['aws', aws]]) });
    expect(
      (await r.connect('config:sa')).kubeConfig.getCurrentUser()?.token,
    ).toBe('k8s-token');
    expect(
      (await r.connect('config:eks')).kubeConfig.getCurrentUser()?.token,
    ).toBe('aws-reader');
    expect((await r.getCluster('config:gke'))?.refusal).toContain(
      'uses authProvider "google", which no installed credential provider supplies',
    );
    await expect(r.connect('config:gke')).rejects.toBeInstanceOf(
      ClusterRefusedError,
    );
    await expect(r.connect('config:nope')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  describe('against a hostile catalog', () => {
    let server: Server;
    let seen: IncomingHttpHeaders[];
    let url: string;

    beforeAll(async () => {
      seen = [];
      server = createServer((req, res) => {
        seen.push(req.headers);
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({ major: '1', minor: '35', gitVersion: 'v1.35.0' }),
        );
      });
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

    it('sends no credential to a server that a namesake or an edited annotation announces', async () => {
      const r = registry({
        targets: [cluster('aaa-attacker', url, CA), cluster('default', url)],
        clusters: [
          {
            entityRef: 'resource:default/gpu-prod',
            url: 'https://gpu.example.com',
            serviceAccountToken: 's3cr3t-token',
          },
        ],
      });
      const clusters = await r.listClusters();
      expect(clusters.map(c => [c.id, Boolean(c.refusal)])).toEqual([
        ['resource:aaa-attacker/gpu-prod', true],
        ['resource:default/gpu-prod', true],
      ]);
      for (const c of clusters) {
        await expect(r.connect(c.id)).rejects.toBeInstanceOf(
          ClusterRefusedError,
        );
      }
      expect(seen).toEqual([]);

      // The attacker's server sees the cluster only once config allows its URL, for the bound entity alone.
      const allowed = registry({
        targets: [cluster('aaa-attacker', url), cluster('default', url)],
        clusters: [
          {
            entityRef: 'resource:default/gpu-prod',
            url,
            skipTLSVerify: true, // plain HTTP test server
            serviceAccountToken: 's3cr3t-token',
          },
        ],
      });
      const connection = await allowed.connect('resource:default/gpu-prod');
      await new KubeClusterReader({
        kubeConfig: connection.kubeConfig,
      }).getVersion();
      await expect(
        allowed.connect('resource:aaa-attacker/gpu-prod'),
      ).rejects.toThrow('the catalog cannot claim a configured cluster');
      expect(seen.map(h => h.authorization)).toEqual(['Bearer s3cr3t-token']);
    });
  });
});
