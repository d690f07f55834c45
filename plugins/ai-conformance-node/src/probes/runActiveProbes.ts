import { RequirementResult } from '@internal/plugin-ai-conformance-common';
import { ClusterReader } from '../cluster/ClusterReader';
import { ClusterFacts } from '../gather/factTypes';
import { EngineLogger, ProbeOptions } from '../types';
import { isKubeApiError } from '../errors';
import { draDryRunProbe } from './draDryRunProbe';
import { gangSchedulingProbe } from './gangSchedulingProbe';
import { withProbeNamespace } from './probeNamespace';
import { ProbeOutcome } from './ProbeResult';
import { webhookRejectionProbe } from './webhookRejectionProbe';

/** @internal */
export interface RunActiveProbesOptions {
  reader: ClusterReader;
  facts: ClusterFacts;
  results: RequirementResult[];
  options: ProbeOptions;
  logger?: EngineLogger;
  signal?: AbortSignal;
}

/** Combines a passive result with a probe's outcome. */
function merge(
  result: RequirementResult,
  probe: ProbeOutcome,
): RequirementResult {
  if (probe.skipped) {
    return {
      ...result,
      evidence: [
        ...result.evidence,
        { message: `Active probe skipped: ${probe.reason}` },
      ],
    };
  }
  if (probe.verdict === 'error') {
    // The probe could not run (e.g. no create rights): keep the passive verdict and say why.
    return {
      ...result,
      reason: `${result.reason} (Active probe not run: ${probe.reason})`,
      evidence: [...result.evidence, { message: probe.reason }],
    };
  }
  return {
    ...result,
    verdict: probe.verdict,
    reason:
      probe.verdict === 'pass' && result.verdict === 'pass'
        ? `${result.reason} ${probe.reason}`
        : probe.reason,
    evidence: [...probe.evidence, ...result.evidence],
    mode: 'active',
  };
}

/**
 * Runs the hardware-free active probes in a namespace scoped to this run and folds their
 * outcomes into the passive results. Only requirements in the checklist are probed.
 *
 * @internal
 */
export async function runActiveProbes(
  o: RunActiveProbesOptions,
): Promise<RequirementResult[]> {
  const ids = new Set(o.results.map(r => r.id));
  const outcomes = new Map<string, ProbeOutcome>();
  try {
    await withProbeNamespace(
      o.reader,
      async (namespace, scope) => {
        if (ids.has('dra_support')) {
          outcomes.set(
            'dra_support',
            await draDryRunProbe(o.reader, o.facts.discovery, namespace),
          );
        }
        if (ids.has('robust_controller')) {
          const hooks = o.facts.facts.webhookConfigurations;
          outcomes.set(
            'robust_controller',
            await webhookRejectionProbe(
              o.reader,
              o.facts.discovery,
              hooks?.ok ? hooks.value : [],
              namespace,
            ),
          );
        }
        if (ids.has('gang_scheduling')) {
          const queues = o.facts.facts.kueueClusterQueues;
          outcomes.set(
            'gang_scheduling',
            await gangSchedulingProbe(
              o.reader,
              o.facts.discovery,
              queues?.ok ? queues.value : [],
              scope,
              o.options,
              o.signal,
            ),
          );
        }
      },
      o.logger,
    );
  } catch (error) {
    if (!isKubeApiError(error)) throw error;
    // Typically: no right to create namespaces. Every probe is reported as not run.
    const reason = `Active probes could not run: ${error.message}`;
    o.logger?.warn(reason);
    for (const id of ['dra_support', 'robust_controller', 'gang_scheduling']) {
      if (ids.has(id) && !outcomes.has(id))
        outcomes.set(id, { verdict: 'error', reason, evidence: [] });
    }
  }
  return o.results.map(r => {
    const probe = outcomes.get(r.id);
    return probe ? merge(r, probe) : r;
  });
}
