import { mockServices } from '@backstage/backend-test-utils';
import { FleetSummary } from '@internal/plugin-ai-conformance-common';
import { FleetSummaryCache } from './FleetSummaryCache';

const fleet = (status: 'ok' | 'error'): FleetSummary => ({
  clusters: [
    {
      cluster: 'a',
      name: 'a',
      entityRef: 'resource:default/A',
      source: 'catalog',
      status,
    },
    { cluster: 'b', name: 'b', source: 'config', status },
  ],
  conformantByChecklist: {},
});

describe('FleetSummaryCache', () => {
  it('loads once per interval, shared by concurrent lookups', async () => {
    const loadFleet = jest.fn(async () => fleet('ok'));
    const cache = new FleetSummaryCache({
      loadFleet,
      logger: mockServices.logger.mock(),
      ttlMs: 60_000,
    });
    const results = await Promise.all([
      cache.get('resource:default/a'),
      cache.get('Resource:default/A'),
      cache.get('resource:default/b'),
    ]);
    expect(results.map(r => r?.cluster)).toEqual(['a', 'a', undefined]);
    expect(loadFleet).toHaveBeenCalledTimes(1);
  });

  it('keeps the previous summary while the backend fails, and retries after the interval', async () => {
    const logger = mockServices.logger.mock();
    const loadFleet = jest
      .fn<Promise<FleetSummary>, []>()
      .mockResolvedValueOnce(fleet('ok'))
      .mockRejectedValueOnce(new Error('ECONNREFUSED'))
      .mockResolvedValueOnce(fleet('error'));
    let now = 1_000;
    const cache = new FleetSummaryCache({
      loadFleet,
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
    await cache.get('resource:default/a'); // within the failure backoff: no new load
    expect(loadFleet).toHaveBeenCalledTimes(2);
    now += 15;
    expect((await cache.get('resource:default/a'))?.status).toBe('error');
  });

  it('returns undefined when the backend has never answered', async () => {
    const cache = new FleetSummaryCache({
      loadFleet: async () => {
        throw new Error('down');
      },
      logger: mockServices.logger.mock(),
    });
    expect(await cache.get('resource:default/a')).toBeUndefined();
  });
});
