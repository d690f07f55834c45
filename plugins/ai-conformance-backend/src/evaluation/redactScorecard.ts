import { Scorecard } from '@internal/plugin-ai-conformance-common';
import { redactSecrets } from '@internal/plugin-ai-conformance-node';

type Redact = (text: string) => string;

function redactValue(value: unknown, redact: Redact): unknown {
  if (typeof value === 'string') return redactSecrets(redact(value));
  if (Array.isArray(value)) return value.map(v => redactValue(v, redact));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, redactValue(v, redact)]),
    );
  }
  return value;
}

/**
 * The scorecard with the cluster's secret values (`redact`, the connection's), credentials inside URLs and authorization
 * header values removed from every string (reasons, evidence messages, object references), before
 * it is stored and served.
 *
 * @internal
 */
export function redactScorecard(
  scorecard: Scorecard,
  redact: Redact,
): Scorecard {
  return redactValue(scorecard, redact) as Scorecard;
}
