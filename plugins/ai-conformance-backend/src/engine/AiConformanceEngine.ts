import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CapacitySnapshot,
  Scorecard,
} from '@internal/plugin-ai-conformance-common';
import type { EvaluateClusterExtensions } from '@internal/plugin-ai-conformance-node';
import { KubeConfig } from '@kubernetes/client-node';

/**
 * What the backend needs from the conformance engine (the `plugin-ai-conformance-node` package).
 * The seam lets tests stand in for the engine, and lets an adopter wrap it.
 *
 * @public
 */
export interface AiConformanceEngine {
  /**
   * Evaluates the cluster that is the current context of `kubeConfig`. Rejects with an error
   * named `ClusterUnreachableError` (carrying a `reason`) when the cluster as a whole cannot be
   * evaluated.
   */
  evaluateCluster(options: {
    cluster: string;
    kubeConfig: KubeConfig;
    checklistVersion?: string;
    activeProbes?: boolean;
    timeoutMs?: number;
    requestTimeoutMs?: number;
    maxResponseBytes?: number;
    logger?: LoggerService;
    signal?: AbortSignal;
    /** Checks and vendor profiles, with those of the plugin's extension points. */
    checks?: EvaluateClusterExtensions['checks'];
    vendorProfiles?: EvaluateClusterExtensions['vendorProfiles'];
    /**
     * Receives the accelerator capacity snapshot built from the evaluation's own gather (so
     * nodes and pods are read once between them). An engine without capacity never calls it.
     */
    onCapacity?: (snapshot: CapacitySnapshot) => void;
  }): Promise<Scorecard>;
  /**
   * Deletes what crashed active probes left in the cluster (probe-labelled namespaces,
   * ClusterQueues and ResourceFlavors older than `olderThanMinutes`); resolves to the paths
   * deleted.
   */
  sweepProbeLeftovers(options: {
    kubeConfig: KubeConfig;
    olderThanMinutes: number;
    requestTimeoutMs?: number;
    logger?: LoggerService;
  }): Promise<string[]>;
  /** A JUnit XML report of the scorecards. */
  renderJUnit(scorecards: Scorecard[]): string;
  /** The checklist template filled in from the scorecard (a PRODUCT.yaml draft). */
  renderProductYaml(
    scorecard: Scorecard,
    templateYaml: string,
    metadata?: Record<string, string>,
  ): string;
}
