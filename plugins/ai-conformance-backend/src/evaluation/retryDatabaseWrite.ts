import { LoggerService } from '@backstage/backend-plugin-api';

/** Delays between attempts of a database write: about 30 s in all by default. @internal */
export const DEFAULT_DATABASE_RETRY_DELAYS_MS = [
  1_000, 2_000, 4_000, 8_000, 15_000,
];

/**
 * Runs a database write, and again after each delay while it fails (the database restarting, a
 * failover, a dropped connection), so that a finished evaluation is not lost to a short outage.
 * Rethrows the last error once the delays are used up.
 *
 * @internal
 */
export async function retryDatabaseWrite<T>(
  what: string,
  fn: () => Promise<T>,
  options: { delaysMs: readonly number[]; logger: LoggerService },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const delay = options.delaysMs[attempt];
      if (delay === undefined) throw error;
      options.logger.warn(
        `Could not ${what} (attempt ${attempt + 1}), retrying in ${delay} ms: ${
          (error as Error)?.message ?? String(error)
        }`,
      );
      await new Promise(resolve => setTimeout(resolve, delay));
    }
  }
}
