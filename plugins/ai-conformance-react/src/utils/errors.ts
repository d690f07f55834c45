import { ResponseError } from '@backstage/errors';

/**
 * True when the backend answered 404: the cluster (or requirement) has never been evaluated.
 *
 * @public
 */
export function isNotFoundError(error: unknown): boolean {
  return ResponseError.is(error) && error.statusCode === 404;
}

/**
 * The message the backend sent with a failed request, without a stack trace.
 *
 * @public
 */
export function describeError(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.cause.message || `${error.statusCode} ${error.statusText}`;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
