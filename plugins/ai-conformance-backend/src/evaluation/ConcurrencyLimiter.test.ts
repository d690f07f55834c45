import { ConcurrencyLimiter } from './ConcurrencyLimiter';
import { RunNowRateLimiter, RunNowRateLimitError } from './RunNowRateLimiter';

describe('ConcurrencyLimiter', () => {
  it('runs at most `limit` calls at once, the rest in arrival order', async () => {
    const limiter = new ConcurrencyLimiter(2);
    let inFlight = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        limiter.run(async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise(resolve => setTimeout(resolve, 5));
          order.push(i);
          inFlight--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(limiter.active).toBe(0);
  });

  it('frees the slot when a call fails', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await expect(
      limiter.run(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });
});

describe('RunNowRateLimiter', () => {
  it('allows `limit` requests per user in the window, then says when to retry', () => {
    let now = 0;
    const limiter = new RunNowRateLimiter({
      limit: 2,
      windowMs: 60_000,
      now: () => now,
    });
    limiter.take('user:default/alice');
    now = 10_000;
    limiter.take('user:default/alice');
    limiter.take('user:default/bob');
    let error: unknown;
    try {
      limiter.take('user:default/alice');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RunNowRateLimitError);
    expect((error as RunNowRateLimitError).statusCode).toBe(429);
    expect((error as RunNowRateLimitError).retryAfterSeconds).toBe(50);
    now = 60_001;
    expect(() => limiter.take('user:default/alice')).not.toThrow();
  });
});
