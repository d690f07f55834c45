import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * The settings of the backend's tasks besides the passive round: the probe round, the sweeper,
 * the cluster-list refresh and the "run now" rate limit.
 *
 * @internal
 */
export interface OperationsSettings {
  probeSchedule: SchedulerServiceTaskScheduleDefinition;
  sweepOlderThanMs: number;
  /** How long probe verdicts are carried into passive scorecards. */
  probeEvidenceMaxAgeMs: number;
  clusterRefreshMs: number;
  runNow: { perUserLimit: number; windowMs: number };
}

function durationMs(config: Config | undefined, key: string, fallback: number) {
  return config?.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallback;
}

/**
 * Reads `aiConformance.probes`, `aiConformance.clusterRefresh` and `aiConformance.runNow` with
 * their defaults. Mistakes fail startup with a message that names the key.
 *
 * @internal
 */
export function readOperationsSettings(root: Config): OperationsSettings {
  const config = root.getOptionalConfig('aiConformance');
  const perUserLimit = config?.getOptionalNumber('runNow.perUserLimit') ?? 10;
  if (!Number.isInteger(perUserLimit) || perUserLimit < 1) {
    throw new Error(
      'aiConformance.runNow.perUserLimit must be a positive integer',
    );
  }
  const clusterRefreshMs = durationMs(config, 'clusterRefresh', 5 * 60_000);
  if (clusterRefreshMs < 10_000) {
    throw new Error('aiConformance.clusterRefresh must be at least 10 seconds');
  }
  return {
    probeSchedule: config?.has('probes.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('probes.schedule'),
        )
      : {
          frequency: { days: 7 },
          timeout: { hours: 2 },
          initialDelay: { minutes: 10 },
        },
    sweepOlderThanMs: durationMs(config, 'probes.sweep.olderThan', 30 * 60_000),
    probeEvidenceMaxAgeMs: durationMs(
      config,
      'probes.evidenceMaxAge',
      14 * 24 * 3_600_000,
    ),
    clusterRefreshMs,
    runNow: {
      perUserLimit,
      windowMs: durationMs(config, 'runNow.window', 10 * 60_000),
    },
  };
}
