import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterSummary,
  FleetSummary,
  findClusterForEntity,
} from '@internal/plugin-ai-conformance-common';

/**
 * Keeps the AI conformance backend's fleet summary for a while, so that processing many entities
 * costs one request per interval. When the backend is unreachable the previous summary stays in
 * use; without one, lookups return undefined and entities are left as they are.
 *
 * @internal
 */
export class FleetSummaryCache {
  private value?: { at: number; clusters: ClusterSummary[] };
  private inFlight?: Promise<void>;
  private lastFailureAt = 0;

  constructor(
    private readonly options: {
      loadFleet: () => Promise<FleetSummary>;
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
    const now = this.now();
    const fresh = this.value && now - this.value.at < this.ttlMs;
    const recentlyFailed = now - this.lastFailureAt < this.ttlMs;
    if (!fresh && !recentlyFailed) {
      this.inFlight ??= this.load().finally(() => {
        this.inFlight = undefined;
      });
      await this.inFlight;
    }
    return this.value
      ? findClusterForEntity(this.value.clusters, entityRef)
      : undefined;
  }

  private async load(): Promise<void> {
    try {
      const fleet = await this.options.loadFleet();
      this.value = { at: this.now(), clusters: fleet.clusters };
    } catch (error) {
      this.lastFailureAt = this.now();
      this.options.logger.warn(
        `Could not read the AI conformance fleet summary; cluster entities keep their previous annotations until it is reachable: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
}
