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
    const clusters = await source.getClusters();
    // The token is never copied out of config: only the credential layer reads authConfig.
    expect(
      JSON.stringify(clusters.map(({ authConfig, ...c }) => c)),
    ).not.toContain('tok"');
    expect(
      (clusters[0].authConfig as { getString(key: string): string }).getString(
        'serviceAccountToken',
      ),
    ).toBe('tok');
    expect(clusters.map(({ authConfig, ...c }) => c)).toEqual([
      {
        name: 'sa',
        source: 'config',
        url: 'https://sa.example.com',
        caData: 'Q0E=',
        caFile: undefined,
        skipTLSVerify: true,
        authProvider: 'serviceAccount',
        authMetadata: undefined,
      },
      {
        name: 'gke',
        source: 'config',
        url: 'https://35.0.0.1',
        caData: undefined,
        caFile: undefined,
        skipTLSVerify: false,
        authProvider: 'google',
        authMetadata: { 'kubernetes.io/auth-provider': 'google' },
      },
    ]);
  });

  it('returns nothing without kubernetes config', async () => {
    const source = new KubernetesConfigClusterSource(new ConfigReader({}));
    expect(await source.getClusters()).toEqual([]);
  });
});
