import { ConfigReader } from '@backstage/config';
import { KubernetesConfigClusterSource } from './KubernetesConfigClusterSource';

describe('KubernetesConfigClusterSource', () => {
  it('reads the config clusters of kubernetes.clusterLocatorMethods', async () => {
    const source = new KubernetesConfigClusterSource(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            { type: 'catalog' },
            {
              type: 'config',
              clusters: [
                {
                  name: 'sa',
                  url: 'https://sa.example.com',
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 'tok',
                  caData: 'Q0E=',
                  skipTLSVerify: true,
                },
                {
                  name: 'gke',
                  url: 'https://35.0.0.1',
                  authMetadata: { 'kubernetes.io/auth-provider': 'google' },
                },
              ],
            },
          ],
        },
      }),
    );
    expect(await source.getClusters()).toEqual([
      {
        name: 'sa',
        source: 'config',
        url: 'https://sa.example.com',
        caData: 'Q0E=',
        caFile: undefined,
        skipTLSVerify: true,
        authProvider: 'serviceAccount',
        serviceAccountToken: 'tok',
      },
      {
        name: 'gke',
        source: 'config',
        url: 'https://35.0.0.1',
        caData: undefined,
        caFile: undefined,
        skipTLSVerify: false,
        authProvider: 'google',
        serviceAccountToken: undefined,
      },
    ]);
  });

  it('returns nothing without kubernetes config', async () => {
    const source = new KubernetesConfigClusterSource(new ConfigReader({}));
    expect(await source.getClusters()).toEqual([]);
  });
});
