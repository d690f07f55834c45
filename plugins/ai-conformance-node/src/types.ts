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
  /**
   * Largest response body accepted, in bytes. Default 16 MiB; larger bodies are aborted, and a
   * list page over it is asked for again with fewer objects.
   */
  maxResponseBytes?: number;
  /** Bytes all responses of the evaluation may total. Default 1 GiB. */
  maxEvaluationBytes?: number;
  /** List pages the evaluation may request in total. Default 2 000 (a million objects at 500 per page). */
  maxPages?: number;
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
  /**
   * Image of the probe Jobs; it must already be on every node (it is pulled `IfNotPresent`).
   * Default `registry.k8s.io/pause:3.10`, the pod sandbox image of current kubelets.
   */
  image?: string;
}
