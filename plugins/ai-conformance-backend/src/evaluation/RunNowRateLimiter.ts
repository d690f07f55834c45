/**
 * Thrown when a user asked for more "run now" evaluations than the rate limit allows; Backstage's
 * error handler answers 429 (it reads `statusCode`).
 *
 * @internal
 */
export class RunNowRateLimitError extends Error {
  name = 'RunNowRateLimitError';
  readonly statusCode = 429;

  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

/**
 * A sliding window of "run now" requests per user (in this replica): at most `limit` requests in
 * any `windowMs`.
 *
 * @internal
 */
export class RunNowRateLimiter {
  readonly #requests = new Map<string, number[]>();

  constructor(
    private readonly options: {
      limit: number;
      windowMs: number;
      now?: () => number;
    },
  ) {}

  /** Counts a request of `user`; throws RunNowRateLimitError when it is one too many. */
  take(user: string): void {
    const now = this.options.now?.() ?? Date.now();
    const since = now - this.options.windowMs;
    const recent = (this.#requests.get(user) ?? []).filter(t => t > since);
    if (recent.length >= this.options.limit) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((recent[0] + this.options.windowMs - now) / 1000),
      );
      this.#requests.set(user, recent);
      throw new RunNowRateLimitError(
        `Too many evaluations requested: at most ${
          this.options.limit
        } per ${Math.round(
          this.options.windowMs / 60_000,
        )} minutes per user; try again in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      );
    }
    recent.push(now);
    this.#requests.set(user, recent);
    // Forget users without recent requests, so the map does not grow for ever.
    for (const [key, times] of this.#requests) {
      if (times[times.length - 1] <= since) this.#requests.delete(key);
    }
  }
}
