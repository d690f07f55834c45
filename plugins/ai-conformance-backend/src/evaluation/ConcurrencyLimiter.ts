/**
 * At most `limit` calls in flight; the others wait in arrival order. The scheduled rounds and
 * "run now" share one limiter, so that no number of requests starts more evaluations than the
 * configured concurrency.
 *
 * @internal
 */
export class ConcurrencyLimiter {
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new Error(`concurrency must be a positive integer, got ${limit}`);
    }
  }

  /** Calls in flight. */
  get active(): number {
    return this.#active;
  }

  /** Calls waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#active >= this.limit) {
      await new Promise<void>(resolve => this.#waiting.push(resolve));
    } else {
      this.#active++;
    }
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) {
        next(); // the slot passes on; #active stays the same
      } else {
        this.#active--;
      }
    }
  }
}
