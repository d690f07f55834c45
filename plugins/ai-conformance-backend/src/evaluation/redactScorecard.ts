import { Scorecard } from '@internal/plugin-ai-conformance-common';
import { redactSecrets } from '@internal/plugin-ai-conformance-node';

function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map(v => redactValue(v, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, redactValue(v, secrets)]),
    );
  }
  return value;
}

/**
 * The scorecard with the cluster's secret values, credentials inside URLs and authorization
 * header values removed from every string (reasons, evidence messages, object references), before
 * it is stored and served.
 *
 * @internal
 */
export function redactScorecard(
  scorecard: Scorecard,
  secrets: readonly string[],
): Scorecard {
  return redactValue(scorecard, secrets) as Scorecard;
}
