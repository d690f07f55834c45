import { LoggerService } from '@backstage/backend-plugin-api';
import { AiConformanceStore } from '../database/AiConformanceStore';
import { CapacityStore } from '../database/CapacityStore';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes evaluation runs older than the retention period, keeping every cluster's latest run
 * and latest successful run.
 *
 * @internal
 */
export class HistoryCleaner {
  constructor(
    private readonly options: {
      store: AiConformanceStore;
      /** Capacity snapshots follow the same retention (each cluster's newest is kept). */
      capacity?: CapacityStore;
      retentionDays: number;
      logger: LoggerService;
    },
  ) {}

  async clean(now: Date = new Date()): Promise<number> {
    const before = new Date(
      now.getTime() - this.options.retentionDays * DAY_MS,
    );
    const deleted = await this.options.store.deleteRunsBefore(before);
    if (deleted > 0) {
      this.options.logger.info(
        `Deleted ${deleted} evaluation run(s) older than ${this.options.retentionDays} days`,
      );
    }
    const snapshots =
      (await this.options.capacity?.deleteCapacityOlderThan(before)) ?? 0;
    if (snapshots > 0) {
      this.options.logger.info(
        `Deleted ${snapshots} capacity snapshot(s) older than ${this.options.retentionDays} days`,
      );
    }
    return deleted;
  }
}
