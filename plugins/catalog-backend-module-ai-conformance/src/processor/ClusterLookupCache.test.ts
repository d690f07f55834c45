import { mockServices } from '@backstage/backend-test-utils';
import { ClusterSummary } from '@internal/plugin-ai-conformance-common';
import { ClusterLookupCache } from './ClusterLookupCache';

const summary = (status: 'ok' | 'error'): ClusterSummary => ({
  cluster: 'resource:default/a',
  name: 'a',
  entityRef: 'resource:default/a',
  source: 'catalog',
  status,
});

describe('ClusterLookupCache', () => {
  it('looks each entity up once per interval, shared by concurrent and case-different refs', async () => {
    const lookup = jest.fn(async (ref: string) =>
      ref === 'resource:default/a' ? summary('ok') : undefined,
    );
    const cache = new ClusterLookupCache({
      lookup,
      logger: mockServices.logger.mock(),
      ttlMs: 60_000,
    });
    const results = await Promise.all([
      cache.get('resource:default/a'),
      cache.get('Resource:default/A'),
      cache.get('resource:default/b'),
    ]);
    expect(results.map(r => r?.cluster)).toEqual([
      'resource:default/a',
      'resource:default/a',
      undefined,
    ]);
    expect(lookup.mock.calls.map(c => c[0])).toEqual([
      'resource:default/a',
      'resource:default/b',
    ]);
    await cache.get('resource:default/b'); // "unknown" is cached too
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('keeps the previous answer while the backend fails, and retries after the interval', async () => {
    const logger = mockServices.logger.mock();
    const lookup = jest
      .fn<Promise<ClusterSummary | undefined>, [string]>()
      .mockResolvedValueOnce(summary('ok'))
      .mockRejectedValueOnce(new Error('ECONNREFUSED'))
      .mockResolvedValueOnce(summary('error'));
    let now = 1_000;
    const cache = new ClusterLookupCache({
      lookup,
      logger,
      ttlMs: 10,
      now: () => now,
    });

    expect((await cache.get('resource:default/a'))?.status).toBe('ok');
    now += 15;
    expect((await cache.get('resource:default/a'))?.status).toBe('ok'); // stale
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('ECONNREFUSED'),
    );
    await cache.get('resource:default/a'); // within the interval: no new request
    expect(lookup).toHaveBeenCalledTimes(2);
    now += 15;
    expect((await cache.get('resource:default/a'))?.status).toBe('error');
  });

  it('returns undefined when the backend has never answered', async () => {
    const cache = new ClusterLookupCache({
      lookup: async () => {
        throw new Error('down');
      },
      logger: mockServices.logger.mock(),
    });
    expect(await cache.get('resource:default/a')).toBeUndefined();
  });
});
