/**
 * The cluster as a whole could not be evaluated: unreachable, TLS mismatch, rejected credentials
 * or not a Kubernetes API server. `reason` says what to fix, in one sentence.
 *
 * @public
 */
export class ClusterUnreachableError extends Error {
  readonly name = 'ClusterUnreachableError';
  /** What went wrong and what to fix, without secrets. */
  readonly reason: string;

  constructor(cluster: string, reason: string) {
    super(`Cluster ${cluster} could not be evaluated: ${reason}`);
    this.reason = reason;
  }
}

/**
 * An API request failed. `status` is the HTTP status (0 when no response arrived). The message
 * names the request and says what to fix; it never contains credentials.
 *
 * @public
 */
export class KubeApiError extends Error {
  readonly name = 'KubeApiError';
  readonly status: number;
  /**
   * `forbidden`, `unauthorized`, `notFound`, `timeout`, `aborted`, `tooLarge` (one response over
   * the size cap), `budget` (the evaluation's byte or page budget is used up), `network`, `tls`,
   * `badResponse`, `other`.
   */
  readonly kind: KubeApiErrorKind;
  readonly path: string;

  constructor(options: {
    status: number;
    kind: KubeApiErrorKind;
    path: string;
    message: string;
  }) {
    super(options.message);
    this.status = options.status;
    this.kind = options.kind;
    this.path = options.path;
  }
}

/** @public */
export type KubeApiErrorKind =
  | 'forbidden'
  | 'unauthorized'
  | 'notFound'
  | 'timeout'
  | 'aborted'
  | 'tooLarge'
  | 'budget'
  | 'network'
  | 'tls'
  | 'badResponse'
  | 'other';

/** True for a KubeApiError of the given kind. @public */
export function isKubeApiError(
  error: unknown,
  kind?: KubeApiErrorKind,
): error is KubeApiError {
  return (
    error instanceof KubeApiError && (kind === undefined || error.kind === kind)
  );
}
