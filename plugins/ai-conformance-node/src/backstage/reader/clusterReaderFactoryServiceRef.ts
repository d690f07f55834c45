import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import type { ClusterReader } from '../../cluster/ClusterReader';
import { KubeClusterReader } from '../../cluster/KubeClusterReader';
import type { EngineLogger } from '../../types';
import type { ClusterConnection } from '../credentials/connectCluster';

/** @public */
export interface ClusterReaderOptions {
  /** Aborts every request in flight. */
  signal?: AbortSignal;
  logger?: EngineLogger;
  /** Overrides `aiConformance.requestTimeout`. */
  requestTimeoutMs?: number;
  /** Overrides `aiConformance.maxResponseBytes`. */
  maxResponseBytes?: number;
}

/**
 * Makes the read-only reader of a connected cluster, with the suite's request budgets. The gather
 * layer (`gatherFacts`) and checks read through it.
 *
 * @public
 */
export interface AiConformanceClusterReaderFactory {
  createReader(
    connection: ClusterConnection,
    options?: ClusterReaderOptions,
  ): ClusterReader;
}

function readDurationMs(config: Config, key: string): number | undefined {
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : undefined;
}

/**
 * Creates readers from `aiConformance.requestTimeout` and `aiConformance.maxResponseBytes`.
 *
 * @public
 */
export function createClusterReaderFactory(
  config: Config,
): AiConformanceClusterReaderFactory {
  const requestTimeoutMs = readDurationMs(
    config,
    'aiConformance.requestTimeout',
  );
  const maxResponseBytes = config.getOptionalNumber(
    'aiConformance.maxResponseBytes',
  );
  return {
    createReader: (connection, options) =>
      new KubeClusterReader({
        kubeConfig: connection.kubeConfig,
        requestTimeoutMs: options?.requestTimeoutMs ?? requestTimeoutMs,
        maxResponseBytes: options?.maxResponseBytes ?? maxResponseBytes,
        signal: options?.signal,
        logger: options?.logger,
      }),
  };
}

/**
 * The reader factory service.
 *
 * @public
 */
export const aiConformanceClusterReaderFactoryServiceRef =
  createServiceRef<AiConformanceClusterReaderFactory>({
    id: 'ai-conformance.cluster-reader-factory',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { config: coreServices.rootConfig },
        factory: ({ config }) => createClusterReaderFactory(config),
      }),
  });
