import type { JsonValue } from '@backstage/types';
import { ConfigReader } from '@backstage/config';
import { readClusterBindings } from './readClusterBindings';

const read = (clusters: JsonValue[]) =>
  readClusterBindings(new ConfigReader({ aiConformance: { clusters } }));

describe('readClusterBindings', () => {
  it('binds by entity ref or URL and picks the credential provider from the keys', () => {
    const bindings = read([
      {
        entityRef: 'Resource:default/GPU-prod',
        url: 'https://gpu.example.com',
        serviceAccountToken: 't',
        activeProbes: true,
        checklistVersion: '1.35',
        trustCatalogCA: true,
      },
      {
        name: 'lab',
        url: 'https://lab.example.com',
        clientCertificate: { certFile: '/c.pem', keyFile: '/k.pem' },
      },
      { name: 'kc', kubeconfig: { path: '/kc', context: 'x' } },
      {
        url: 'https://eks.example.com',
        authProvider: 'aws',
        authMetadata: { role: 'reader' },
      },
    ]);
    expect(bindings.map(b => [b.entityRef, b.name, b.authProvider])).toEqual([
      ['resource:default/gpu-prod', undefined, 'serviceAccount'],
      [undefined, 'lab', 'clientCertificate'],
      [undefined, 'kc', 'kubeconfig'],
      [undefined, undefined, 'aws'],
    ]);
    expect(bindings[0]).toMatchObject({
      key: 'aiConformance.clusters[0]',
      activeProbes: true,
      checklistVersion: '1.35',
      trustCatalogCA: true,
    });
    expect(bindings[3].authMetadata).toEqual({ role: 'reader' });
    // No secret is copied out of config: the binding only points at its config block.
    const { authConfig, ...rest } = bindings[0];
    expect(JSON.stringify(rest)).not.toContain('"t"');
  });

  it.each([
    [
      [
        {
          url: 'https://a',
          serviceAccountToken: 't',
          kubeconfig: { path: '/k' },
        },
      ],
      'aiConformance.clusters[0] has serviceAccountToken and kubeconfig; set only one',
    ],
    [
      [{ url: 'https://a', clientCertificate: { certFile: '/c' } }],
      'needs a certificate (certData or certFile) and a key',
    ],
    [[{ name: 'gpu-prod', serviceAccountToken: 't' }], 'never to a bare name'],
    [
      [{ name: 'resource:default/gpu', serviceAccountToken: 't' }],
      'bind catalog clusters with entityRef: resource:default/gpu',
    ],
    [
      [
        { entityRef: 'resource:default/a', serviceAccountToken: 't' },
        { entityRef: 'Resource:default/A', serviceAccountToken: 'u' },
      ],
      'both bind resource:default/a',
    ],
    [
      [{ entityRef: 'resource:default/a', checklistVersion: 'v1' }],
      'is not a checklist version',
    ],
    [
      [{ url: 'https://a', authProvider: 'aws', serviceAccountToken: 't' }],
      'authProvider is aws, but serviceAccountToken belongs to serviceAccount',
    ],
  ] as Array<[JsonValue[], string]>)('rejects %j', (clusters, message) => {
    expect(() => read(clusters)).toThrow(message);
  });
});
