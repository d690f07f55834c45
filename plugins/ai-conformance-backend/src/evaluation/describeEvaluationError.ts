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
 * One sentence on why an evaluation failed and what to fix, without stack traces, the given
 * secret values, credentials inside URLs or authorization header values.
 *
 * @internal
 */
export function describeEvaluationError(
  error: unknown,
  secrets: readonly string[],
): string {
  let message: string;
  if (
    isError(error) &&
    error.name === 'ClusterUnreachableError' &&
    typeof (error as { reason?: unknown }).reason === 'string'
  ) {
    message = (error as unknown as { reason: string }).reason;
  } else if (error instanceof EvaluationTimeoutError) {
    message = error.message;
  } else if (isError(error)) {
    message = `the evaluation failed: ${error.message}`;
  } else {
    message = `the evaluation failed: ${String(error)}`;
  }
  return redactSecrets(message, secrets);
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
