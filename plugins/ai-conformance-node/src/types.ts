import type { KubeConfig } from '@kubernetes/client-node';

/**
 * The logger the engine writes to. Backstage's LoggerService fits it; the CLI passes a console
 * logger. Credentials are never logged.
 *
 * @public
 */
export interface EngineLogger {
  debug(message: string, meta?: object): void;
  info(message: string, meta?: object): void;
  warn(message: string, meta?: object): void;
  error(message: string, meta?: object): void;
}

/** @public */
export interface EvaluateClusterOptions {
  /** The display name of the cluster (catalog entity name, config name or kubeconfig context). */
  cluster: string;
  /** The current context of this KubeConfig is the cluster to evaluate. */
  kubeConfig: KubeConfig;
  /** Checklist version override (`1.35`); by default picked from the cluster's `/version`. */
  checklistVersion?: string;
  /** Run the opt-in active probes (they create objects in a temporary namespace). Default false. */
  activeProbes?: boolean;
  /**
   * Budget for the whole evaluation in milliseconds. Default 60 000, plus the probe waits when
   * `activeProbes` is set (gang positive timeout + negative window + 30 s).
   */
  timeoutMs?: number;
  /** Budget for each API request in milliseconds. Default 15 000. */
  requestTimeoutMs?: number;
  /** Largest response body accepted, in bytes. Default 64 MiB; larger bodies are aborted. */
  maxResponseBytes?: number;
  /** Options of the active probes. */
  probes?: ProbeOptions;
  logger?: EngineLogger;
  signal?: AbortSignal;
}

/**
 * Options of the active probes.
 *
 * @public
 */
export interface ProbeOptions {
  /** How long the gang-scheduling negative case watches for started pods. Default 30 000 ms. */
  gangNegativeWindowMs?: number;
  /** How long the gang-scheduling positive case may take to get its pods bound. Default 60 000 ms. */
  gangPositiveTimeoutMs?: number;
  /** Kueue LocalQueue name to use; by default the probe creates one that points at an existing ClusterQueue. */
  kueueLocalQueue?: string;
  /** Image of the probe Jobs. Default `registry.k8s.io/e2e-test-images/busybox:1.36.1-1`. */
  image?: string;
}
