import { ConfigReader } from '@backstage/config';
import { readAiConformanceConfig } from './readAiConformanceConfig';

describe('readAiConformanceConfig', () => {
  it('applies defaults', () => {
    const config = readAiConformanceConfig(new ConfigReader({}));
    expect(config).toEqual({
      schedule: {
        frequency: { hours: 6 },
        timeout: { hours: 1 },
        initialDelay: { minutes: 1 },
      },
      concurrency: 4,
      clusterTimeoutMs: 120_000,
      requestTimeoutMs: 15_000,
      maxResponseBytes: 64 * 1024 * 1024,
      retentionDays: 90,
      catalogEnabled: true,
      templatesDir: undefined,
      clusters: [],
    });
  });

  it('reads durations, schedule and cluster credentials', () => {
    const config = readAiConformanceConfig(
      new ConfigReader({
        aiConformance: {
          schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
          concurrency: 2,
          clusterTimeout: { seconds: 30 },
          requestTimeout: 'PT5S',
          retention: { days: 7 },
          catalog: { enabled: false },
          export: { templatesDir: '/templates' },
          clusters: [
            {
              name: 'a',
              url: 'https://a.example.com',
              serviceAccountToken: 't',
              activeProbes: true,
              checklistVersion: '1.35',
            },
            {
              name: 'b',
              clientCertificate: { certFile: '/c.pem', keyFile: '/k.pem' },
            },
            { name: 'c', kubeconfig: { path: '/kc', context: 'x' } },
          ],
        },
      }),
    );
    expect(config.schedule).toEqual({
      frequency: { minutes: 30 },
      timeout: { minutes: 10 },
    });
    expect(config.concurrency).toBe(2);
    expect(config.clusterTimeoutMs).toBe(30_000);
    expect(config.requestTimeoutMs).toBe(5_000);
    expect(config.retentionDays).toBe(7);
    expect(config.catalogEnabled).toBe(false);
    expect(config.templatesDir).toBe('/templates');
    expect(config.clusters.map(c => c.credentials)).toEqual([
      { type: 'serviceAccountToken', token: 't' },
      {
        type: 'clientCertificate',
        certFile: '/c.pem',
        keyFile: '/k.pem',
        certData: undefined,
        keyData: undefined,
      },
      { type: 'kubeconfig', path: '/kc', context: 'x' },
    ]);
    expect(config.clusters[0]).toMatchObject({
      activeProbes: true,
      checklistVersion: '1.35',
    });
  });

  it.each([
    [
      {
        clusters: [
          { name: 'a', serviceAccountToken: 't', kubeconfig: { path: '/k' } },
        ],
      },
      'aiConformance.clusters[0] (a) has serviceAccountToken and kubeconfig; set only one',
    ],
    [
      { clusters: [{ name: 'a', clientCertificate: { certFile: '/c' } }] },
      'needs a certificate (certData or certFile) and a key',
    ],
    [{ clusters: [{ name: 'a' }, { name: 'a' }] }, 'lists "a" twice'],
    [
      { clusters: [{ name: 'a', checklistVersion: 'v1' }] },
      'is not a checklist version',
    ],
    [{ concurrency: 0 }, 'concurrency must be a positive integer'],
  ])('rejects %j', (aiConformance, message) => {
    expect(() =>
      readAiConformanceConfig(new ConfigReader({ aiConformance })),
    ).toThrow(message);
  });
});
