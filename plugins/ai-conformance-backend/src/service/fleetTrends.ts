import {
  ClusterProvider,
  FleetTrends,
  TrendFigures,
  TrendPoint,
  TrendRegression,
  isClusterProvider,
} from '@internal/plugin-ai-conformance-common';
import { RunSummaryRow } from '../database/AiConformanceStore';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Windows up to this long are shown per hour, longer ones per day. */
const HOURLY_UP_TO = 3 * DAY;

interface ClusterState {
  conformant: boolean;
  mustFailed: number;
  provider: ClusterProvider;
}

function figuresOf(states: Iterable<ClusterState>): TrendFigures {
  let evaluated = 0;
  let conformant = 0;
  let mustFailed = 0;
  for (const state of states) {
    evaluated += 1;
    conformant += state.conformant ? 1 : 0;
    mustFailed += state.mustFailed;
  }
  return {
    evaluated,
    conformant,
    conformantShare: evaluated === 0 ? 0 : conformant / evaluated,
    mustFailed,
  };
}

function pointOf(
  at: number,
  states: Map<string, ClusterState>,
  regression: boolean,
): TrendPoint {
  const byProvider: TrendPoint['byProvider'] = {};
  const groups = new Map<ClusterProvider, ClusterState[]>();
  for (const state of states.values()) {
    groups.set(state.provider, [...(groups.get(state.provider) ?? []), state]);
  }
  for (const [provider, group] of groups) {
    byProvider[provider] = figuresOf(group);
  }
  return {
    at: new Date(at).toISOString(),
    ...figuresOf(states.values()),
    byProvider,
    regression,
  };
}

/**
 * Conformance over time from stored runs: at the end of each bucket, every cluster counts with
 * its latest successful evaluation so far (runs that failed to evaluate change nothing). A
 * regression is a successful run after which the cluster is no longer conformant, or has more
 * failing MUSTs than after its previous run. Pure.
 *
 * @param runs - successful runs, oldest first, including each cluster's last run before `from`
 * @param providerOverrides - the provider a cluster is shown under when its annotation sets one
 * @internal
 */
export function aggregateTrends(
  runs: RunSummaryRow[],
  window: { from: Date; to: Date },
  providerOverrides: Map<string, ClusterProvider> = new Map(),
): FleetTrends {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const step = to - from <= HOURLY_UP_TO ? HOUR : DAY;
  const states = new Map<string, ClusterState>();
  const regressions: TrendRegression[] = [];
  const points: TrendPoint[] = [];
  const sorted = [...runs].sort(
    (a, b) => Date.parse(a.evaluatedAt) - Date.parse(b.evaluatedAt),
  );
  let next = 0;
  for (let end = Math.min(from + step, to); ; end = Math.min(end + step, to)) {
    let regression = false;
    while (
      next < sorted.length &&
      Date.parse(sorted[next].evaluatedAt) <= end
    ) {
      const run = sorted[next++];
      const at = Date.parse(run.evaluatedAt);
      const override = providerOverrides.get(run.cluster);
      const state: ClusterState = {
        conformant: run.summary.conformant,
        mustFailed: run.summary.mustFailed,
        provider:
          override ??
          (isClusterProvider(run.provider) ? run.provider : 'other'),
      };
      const before = states.get(run.cluster);
      states.set(run.cluster, state);
      // Regressions before the window are its starting state, not events in it.
      if (!before || at < from) continue;
      const lost = before.conformant && !state.conformant;
      if (lost || state.mustFailed > before.mustFailed) {
        regression = true;
        regressions.push({
          cluster: run.cluster,
          at: run.evaluatedAt,
          provider: state.provider,
          kind: lost ? 'lost-conformance' : 'more-must-failures',
          mustFailedBefore: before.mustFailed,
          mustFailedAfter: state.mustFailed,
        });
      }
    }
    points.push(pointOf(end, states, regression));
    if (end >= to) break;
  }
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    bucket: step === HOUR ? 'hour' : 'day',
    points,
    regressions,
  };
}

/** The longest window the trends endpoint aggregates. */
export const MAX_TREND_WINDOW_MS = 400 * DAY;
/** The default window: the last 30 days. */
export const DEFAULT_TREND_WINDOW_MS = 30 * DAY;
