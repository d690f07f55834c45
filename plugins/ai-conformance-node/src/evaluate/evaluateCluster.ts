import {
  Scorecard,
  checklistVersionForKubernetes,
  getChecklist,
  listChecklistVersions,
} from '@internal/plugin-ai-conformance-common';
import { KubeClusterReader } from '../cluster/KubeClusterReader';
import { ClusterReader, KubeVersion } from '../cluster/ClusterReader';
import { PASSIVE_CHECKS } from '../checks/registry';
import { RequirementCheck } from '../checks/RequirementCheck';
import { ClusterUnreachableError, KubeApiError } from '../errors';
import { gatherFacts } from '../gather/gatherFacts';
import { ClusterFacts, FactKey } from '../gather/factTypes';
import { runActiveProbes } from '../probes/runActiveProbes';
import { EvaluateClusterOptions } from '../types';
import { VENDOR_PROFILES } from '../vendors/profiles';
import { VendorProfile } from '../vendors/VendorProfile';
import { InfrastructureAgent } from '../platform/InfrastructureAgent';
import { runChecks, factsForChecklist } from './runChecks';
import { summarize } from './summarize';

/** Extension points of an evaluation beyond the contract's options. @public */
export interface EvaluateClusterExtensions {
  /** Replaces the built-in passive checks (e.g. to add a check for a new requirement id). */
  checks?: readonly RequirementCheck[];
  /** Replaces the built-in vendor profiles. */
  vendorProfiles?: readonly VendorProfile[];
  /**
   * Replaces the built-in list of node agents that may run privileged or mount devices
   * (INFRASTRUCTURE_AGENTS); extend it with `[...INFRASTRUCTURE_AGENTS, mine]`.
   */
  infrastructureAgents?: readonly InfrastructureAgent[];
  /** Use this reader instead of creating one from the KubeConfig (tests, push mode). */
  reader?: ClusterReader;
  /**
   * Facts to read in the same gather as the checks' (e.g. CAPACITY_FACTS), so that a capacity
   * snapshot taken with the evaluation reads each list once between them.
   */
  additionalFacts?: Iterable<FactKey>;
  /** Receives everything the gather read (checks' facts and `additionalFacts`). */
  onFacts?: (facts: ClusterFacts) => void;
}

async function readVersion(
  cluster: string,
  reader: ClusterReader,
): Promise<KubeVersion> {
  try {
    return await reader.getVersion();
  } catch (error) {
    if (error instanceof KubeApiError) {
      throw new ClusterUnreachableError(
        cluster,
        error.kind === 'notFound'
          ? 'GET /version answered 404; the URL is not a Kubernetes API server (check the server URL and path).'
          : error.message,
      );
    }
    throw error;
  }
}

/**
 * Picks the checklist version: the override if given (must be known), else the one matching
 * the cluster's Kubernetes minor version.
 *
 * @public
 */
export function chooseChecklistVersion(
  gitVersion: string,
  override?: string,
): string {
  if (override) {
    const checklist = getChecklist(override);
    if (!checklist) {
      throw new Error(
        `Unknown checklist version "${override}"; known versions: ${listChecklistVersions().join(
          ', ',
        )}.`,
      );
    }
    return checklist.version;
  }
  const version = checklistVersionForKubernetes(gitVersion);
  if (!version) {
    throw new Error(
      `Cannot tell the Kubernetes version from "${gitVersion}"; pass a checklist version explicitly.`,
    );
  }
  return version;
}

/**
 * Evaluates one cluster against one checklist version: reads the cluster once (passive, read
 * only), runs every requirement's check, optionally runs the active probes, and returns the
 * scorecard. Throws ClusterUnreachableError when the cluster as a whole cannot be read;
 * per-requirement problems (403 on one resource, timeouts) become `error` verdicts.
 *
 * @public
 */
export async function evaluateCluster(
  options: EvaluateClusterOptions & EvaluateClusterExtensions,
): Promise<Scorecard> {
  const started = Date.now();
  // Active probes wait for the cluster (gang windows); their time comes on top of the default budget.
  const probeTime = options.activeProbes
    ? (options.probes?.gangPositiveTimeoutMs ?? 60_000) +
      (options.probes?.gangNegativeWindowMs ?? 30_000) +
      30_000
    : 0;
  const budget = AbortSignal.timeout(options.timeoutMs ?? 60_000 + probeTime);
  const signal = options.signal
    ? AbortSignal.any([budget, options.signal])
    : budget;
  let reader: ClusterReader;
  try {
    reader =
      options.reader ??
      new KubeClusterReader({
        kubeConfig: options.kubeConfig,
        requestTimeoutMs: options.requestTimeoutMs,
        maxResponseBytes: options.maxResponseBytes,
        maxEvaluationBytes: options.maxEvaluationBytes,
        maxPages: options.maxPages,
        signal,
        logger: options.logger,
      });
  } catch (error) {
    throw new ClusterUnreachableError(
      options.cluster,
      (error as Error).message,
    );
  }
  const checks = options.checks ?? PASSIVE_CHECKS;
  const vendors = options.vendorProfiles ?? VENDOR_PROFILES;
  try {
    const version = await readVersion(options.cluster, reader);
    const checklistVersion = chooseChecklistVersion(
      version.gitVersion,
      options.checklistVersion,
    );
    const checklist = getChecklist(checklistVersion)!;
    try {
      await reader.getDiscovery();
    } catch (error) {
      if (error instanceof KubeApiError) {
        throw new ClusterUnreachableError(
          options.cluster,
          `API discovery failed: ${error.message}`,
        );
      }
      throw error;
    }
    const facts = await gatherFacts(
      reader,
      [
        ...factsForChecklist(checklist, checks),
        ...(options.additionalFacts ?? []),
      ],
      { logger: options.logger, version },
    );
    options.onFacts?.(facts);
    let requirements = runChecks(
      facts,
      checklist,
      checks,
      vendors,
      options.infrastructureAgents,
    );
    if (options.activeProbes) {
      requirements = await runActiveProbes({
        reader,
        facts,
        results: requirements,
        options: options.probes ?? {},
        logger: options.logger,
        signal,
      });
    }
    options.logger?.info(
      `Evaluated ${options.cluster} against checklist ${checklistVersion} with ${reader.requestCount} API requests`,
    );
    return {
      cluster: options.cluster,
      kubernetesVersion: version.gitVersion,
      checklistVersion,
      evaluatedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      apiRequests: reader.requestCount,
      requirements,
      summary: summarize(requirements),
    };
  } finally {
    if (!options.reader) await reader.close();
  }
}
