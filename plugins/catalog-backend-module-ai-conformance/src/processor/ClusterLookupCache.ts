import { LoggerService } from '@backstage/backend-plugin-api';
import {
  catalogClusterId,
  ClusterSummary,
} from '@internal/plugin-ai-conformance-common';

/**
 * Keeps the AI conformance backend's answer for each cluster entity for a while, so that
 * processing an entity again costs no request within the interval. Each entity is looked up by
 * its entity ref (`GET /clusters/by-entity/...`), never by downloading the fleet. When the
 * backend fails, the entity's previous answer stays in use until the next interval; without
 * one, lookups return undefined and the entity is left as it is.
 *
 * @internal
 */
export class ClusterLookupCache {
  private readonly entries = new Map<
    string,
    { at: number; cluster?: ClusterSummary }
  >();
  private readonly inFlight = new Map<string, Promise<void>>();
  private lastWarningAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly options: {
      /** The backend's lookup; undefined when it knows no cluster for the entity (404). */
      lookup: (entityRef: string) => Promise<ClusterSummary | undefined>;
      logger: LoggerService;
      ttlMs?: number;
      /** The clock, in milliseconds; tests pass their own. */
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  private get ttlMs() {
    return this.options.ttlMs ?? 60_000;
  }

  async get(entityRef: string): Promise<ClusterSummary | undefined> {
    const key = catalogClusterId(entityRef);
    const entry = this.entries.get(key);
    if (!entry || this.now() - entry.at >= this.ttlMs) {
      let pending = this.inFlight.get(key);
      if (!pending) {
        pending = this.load(key).finally(() => this.inFlight.delete(key));
        this.inFlight.set(key, pending);
      }
      await pending;
    }
    return this.entries.get(key)?.cluster;
  }

  private async load(key: string): Promise<void> {
    try {
      const cluster = await this.options.lookup(key);
      this.entries.set(key, { at: this.now(), cluster });
    } catch (error) {
      // Keep the previous answer (if any) and try again after the interval.
      const previous = this.entries.get(key);
      this.entries.set(key, { at: this.now(), cluster: previous?.cluster });
      if (this.now() - this.lastWarningAt >= this.ttlMs) {
        this.lastWarningAt = this.now();
        this.options.logger.warn(
          `Could not look up ${key} in the AI conformance backend; cluster entities keep their previous annotations until it answers: ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
      }
    }
  }
}
