import { redactSecrets } from '@internal/plugin-ai-conformance-node';

type Redact = (text: string) => string;

/**
 * A copy of a JSON value (a scorecard, a capacity snapshot) with every string scrubbed: the
 * connection's secret values (`redact`), credentials inside URLs and authorization header values
 * removed. Keys are kept; they are the schema's, not the cluster's.
 *
 * @internal
 */
export function redactStrings<T>(value: T, redact: Redact = t => t): T {
  if (typeof value === 'string') return redactSecrets(redact(value)) as T;
  if (Array.isArray(value))
    return value.map(v => redactStrings(v, redact)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, redactStrings(v, redact)]),
    ) as T;
  }
  return value;
}
