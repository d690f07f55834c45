import {
  AuditorService,
  coreServices,
  createServiceFactory,
  LoggerService,
  RootLoggerService,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { aiConformancePlugin } from '../../src/plugin';

function describeMeta(meta: unknown): string {
  if (meta === undefined) return '';
  try {
    return JSON.stringify(meta, (_key, value) =>
      value instanceof Error
        ? { name: value.name, message: value.message, stack: value.stack }
        : value,
    );
  } catch {
    return String(meta);
  }
}

/** A root logger that keeps every line (message and metadata), so the suite can search them. */
class CapturingLogger implements RootLoggerService {
  constructor(readonly lines: string[], private readonly meta: object = {}) {}

  #log(level: string, message: string, meta?: unknown) {
    this.lines.push(
      `${level} ${describeMeta(this.meta)} ${message} ${describeMeta(meta)}`,
    );
  }
  error(message: string, meta?: Error | object) {
    this.#log('error', message, meta);
  }
  warn(message: string, meta?: Error | object) {
    this.#log('warn', message, meta);
  }
  info(message: string, meta?: Error | object) {
    this.#log('info', message, meta);
  }
  debug(message: string, meta?: Error | object) {
    this.#log('debug', message, meta);
  }
  child(meta: object): LoggerService {
    return new CapturingLogger(this.lines, { ...this.meta, ...meta });
  }
}

/** An auditor that keeps every event, with its metadata and errors, as text. */
function capturingAuditor(events: string[]): AuditorService {
  return {
    async createEvent(options) {
      const { request: _request, ...rest } = options;
      events.push(`create ${describeMeta(rest)}`);
      return {
        async success(o) {
          events.push(`success ${options.eventId} ${describeMeta(o)}`);
        },
        async fail(o) {
          events.push(`fail ${options.eventId} ${describeMeta(o)}`);
        },
      };
    },
  };
}

/** The test scheduler: `triggerTask` runs a task now and resolves when it finished. */
type MockScheduler = SchedulerService & { factory(): ServiceFactory };

export interface FaultBackend {
  server: any;
  logs: string[];
  audits: string[];
  actionsRegistry: ReturnType<typeof actionsRegistryServiceMock>;
  scheduler: MockScheduler;
  stop(): Promise<void>;
}

/**
 * The real backend plugin with its real engine (the default engine service), on the given
 * database, with logs, audit events and action results captured. The scheduled passive round
 * runs at startup; other tasks run when the suite triggers them.
 */
export async function startFaultBackend(options: {
  knex: Knex;
  config: object;
  entities?: object[];
}): Promise<FaultBackend> {
  const logs: string[] = [];
  const audits: string[] = [];
  const rootLogger = new CapturingLogger(logs);
  const actionsRegistry = actionsRegistryServiceMock();
  // backend-test-utils' MockSchedulerService (not exported by name): tasks run when triggered.
  const scheduler = mockServices.scheduler() as MockScheduler;
  const backend = await startTestBackend({
    features: [
      aiConformancePlugin,
      catalogServiceMock.factory({ entities: (options.entities ?? []) as any }),
      mockServices.rootConfig.factory({ data: options.config as any }),
      mockServices.database.factory({ knex: options.knex }),
      scheduler.factory(),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => rootLogger,
      }),
      createServiceFactory({
        service: coreServices.logger,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => rootLogger.child({ plugin: plugin.getId() }),
      }),
      createServiceFactory({
        service: coreServices.auditor,
        deps: {},
        factory: () => capturingAuditor(audits),
      }),
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => actionsRegistry,
      }),
    ],
  });
  return {
    server: backend.server,
    logs,
    audits,
    actionsRegistry,
    scheduler,
    stop: () => backend.stop(),
  };
}

/**
 * The `aiConformance` config of a suite backend: no catalog, a daily round that runs at startup
 * (`roundAtStartup`) or only when triggered, plus the scenario's own keys and clusters.
 */
export function faultConfig(
  clusters: object[],
  options: { roundAtStartup?: boolean; extra?: object } = {},
): object {
  return {
    aiConformance: {
      catalog: { enabled: false },
      schedule: {
        frequency: { hours: 24 },
        timeout: { minutes: 5 },
        ...(options.roundAtStartup ? {} : { initialDelay: { hours: 1 } }),
      },
      ...options.extra,
      clusters,
    },
  };
}
