import { InputError } from '@backstage/errors';
import {
  ClusterProvider,
  resolveProvider,
} from '@internal/plugin-ai-conformance-common';
import { StoredCluster } from '../database/AiConformanceStore';
import { DEFAULT_TREND_WINDOW_MS, MAX_TREND_WINDOW_MS } from './fleetTrends';

function parseTime(name: string, value: string | undefined, fallback: Date) {
  if (value === undefined) return fallback;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) {
    throw new InputError(`${name} "${value}" is not an ISO 8601 time`);
  }
  return time;
}

/**
 * The window of a trends request: `to` defaults to now, `from` to 30 days before `to`. Rejects
 * reversed windows and windows longer than the backend aggregates.
 *
 * @internal
 */
export function parseTrendWindow(
  fromParam: string | undefined,
  toParam: string | undefined,
  now: Date = new Date(),
): { from: Date; to: Date } {
  const to = parseTime('until', toParam, now);
  const from = parseTime(
    'since',
    fromParam,
    new Date(to.getTime() - DEFAULT_TREND_WINDOW_MS),
  );
  if (from.getTime() >= to.getTime()) {
    throw new InputError(
      `since (${from.toISOString()}) must be before until (${to.toISOString()})`,
    );
  }
  if (to.getTime() - from.getTime() > MAX_TREND_WINDOW_MS) {
    throw new InputError(
      `The window from ${from.toISOString()} to ${to.toISOString()} is longer than the 400 days the backend aggregates; choose a shorter one`,
    );
  }
  return { from, to };
}

/**
 * Clusters whose catalog annotation names their provider; detection decides for the others.
 *
 * @internal
 */
export function providerOverridesOf(
  clusters: StoredCluster[],
): Map<string, ClusterProvider> {
  const overrides = new Map<string, ClusterProvider>();
  for (const cluster of clusters) {
    const resolved = resolveProvider(cluster.providerAnnotation, undefined);
    if (resolved?.source === 'annotation') {
      overrides.set(cluster.cluster, resolved.provider);
    }
  }
  return overrides;
}
