import { isError } from '@backstage/errors';
import { redactSecrets } from '@internal/plugin-ai-conformance-node';

/**
 * Thrown when a cluster's evaluation overruns its budget (for example a hanging API server).
 *
 * @internal
 */
export class EvaluationTimeoutError extends Error {
  name = 'EvaluationTimeoutError';
}

/**
 * One sentence on why an evaluation failed and what to fix, without stack traces; `redact` (the
 * connection's, from the credential layer) removes secret values, and credentials inside URLs
 * and authorization header values are always removed.
 *
 * @internal
 */
export function describeEvaluationError(
  error: unknown,
  redact: (text: string) => string = text => text,
): string {
  let message: string;
  if (
    isError(error) &&
    error.name === 'ClusterUnreachableError' &&
    typeof (error as { reason?: unknown }).reason === 'string'
  ) {
    message = (error as unknown as { reason: string }).reason;
  } else if (
    error instanceof EvaluationTimeoutError ||
    (isError(error) &&
      (error.name === 'CredentialsError' ||
        error.name === 'ClusterRefusedError'))
  ) {
    message = error.message;
  } else if (isError(error)) {
    message = `the evaluation failed: ${error.message}`;
  } else {
    message = `the evaluation failed: ${String(error)}`;
  }
  return redactSecrets(redact(message));
}

/**
 * What the log (never an API response) adds to {@link describeEvaluationError}: the `detail` of a
 * credentials error (the file path, kubeconfig context or server concerned), secrets removed;
 * empty for other errors.
 *
 * @internal
 */
export function logDetailOf(
  error: unknown,
  redact: (text: string) => string = text => text,
): string {
  const detail = (error as { detail?: unknown } | undefined)?.detail;
  return isError(error) && typeof detail === 'string' && detail
    ? ` (${redactSecrets(redact(detail))})`
    : '';
}

/**
 * An error for audit and log records of expected failures (unreachable cluster, 403, 409):
 * the name and message of the cause, without a stack trace.
 *
 * @internal
 */
export function withoutStack(cause: unknown): Error {
  const error = new Error(isError(cause) ? cause.message : String(cause));
  if (isError(cause)) {
    error.name = cause.name;
  }
  error.stack = undefined;
  return error;
}
