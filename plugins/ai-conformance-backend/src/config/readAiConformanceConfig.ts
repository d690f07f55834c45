import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { DEFAULT_MAX_RESPONSE_BYTES } from '@internal/plugin-ai-conformance-node';

/**
 * The `aiConformance` config block, with defaults applied.
 *
 * @internal
 */
export interface AiConformanceConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  concurrency: number;
  clusterTimeoutMs: number;
  requestTimeoutMs: number;
  maxResponseBytes: number;
  retentionDays: number;
  templatesDir?: string;
}

function readDurationMs(
  config: Config | undefined,
  key: string,
  defaultMs: number,
): number {
  if (!config?.has(key)) {
    return defaultMs;
  }
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}

/**
 * Reads the backend's settings of `aiConformance` from the root config (cluster bindings are
 * read by the shared cluster layer, `readClusterBindings`). Mistakes in it fail startup with a
 * message that names the offending key.
 *
 * @internal
 */
export function readAiConformanceConfig(root: Config): AiConformanceConfig {
  const config = root.getOptionalConfig('aiConformance');

  const concurrency = config?.getOptionalNumber('concurrency') ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error('aiConformance.concurrency must be a positive integer');
  }
  const retentionDays = config?.getOptionalNumber('retention.days') ?? 90;
  if (!(retentionDays > 0)) {
    throw new Error('aiConformance.retention.days must be a positive number');
  }

  return {
    schedule: config?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : {
          frequency: { hours: 6 },
          timeout: { hours: 1 },
          initialDelay: { minutes: 1 },
        },
    concurrency,
    clusterTimeoutMs: readDurationMs(config, 'clusterTimeout', 120_000),
    requestTimeoutMs: readDurationMs(config, 'requestTimeout', 15_000),
    maxResponseBytes:
      config?.getOptionalNumber('maxResponseBytes') ??
      DEFAULT_MAX_RESPONSE_BYTES,
    retentionDays,
    templatesDir: config?.getOptionalString('export.templatesDir'),
  };
}
