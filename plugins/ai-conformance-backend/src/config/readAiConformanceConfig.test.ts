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
      maxResponseBytes: 16 * 1024 * 1024,
      retentionDays: 90,
      templatesDir: undefined,
    });
  });

  it('reads durations, schedule and export settings', () => {
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
    expect(config.templatesDir).toBe('/templates');
  });

  it.each([
    [{ retention: { days: 0 } }, 'retention.days must be a positive number'],
    [{ concurrency: 0 }, 'concurrency must be a positive integer'],
  ])('rejects %j', (aiConformance, message) => {
    expect(() =>
      readAiConformanceConfig(new ConfigReader({ aiConformance })),
    ).toThrow(message);
  });
});
