import { XMLBuilder } from 'fast-xml-parser';
import {
  RequirementResult,
  Scorecard,
} from '@internal/plugin-ai-conformance-common';

function evidenceText(result: RequirementResult): string {
  return result.evidence
    .map(e => {
      const ref = e.object
        ? ` [${e.object.kind}${
            e.object.namespace ? ` ${e.object.namespace}/` : ' '
          }${e.object.name}]`
        : '';
      return `- ${e.message}${ref}`;
    })
    .join('\n');
}

function testcase(scorecard: Scorecard, result: RequirementResult) {
  const body: Record<string, unknown> = {
    '@_name': result.id,
    '@_classname': `ai-conformance.${scorecard.cluster}.${result.category}`,
    '@_time': '0',
  };
  const message = `${result.level}: ${result.reason}`;
  switch (result.verdict) {
    case 'fail':
      body.failure = {
        '@_message': message,
        '@_type': 'fail',
        '#text': evidenceText(result),
      };
      break;
    case 'error':
      body.error = {
        '@_message': message,
        '@_type': 'error',
        '#text': evidenceText(result),
      };
      break;
    case 'not-applicable':
    case 'unknown':
      body.skipped = { '@_message': `${result.verdict}: ${result.reason}` };
      break;
    default:
      break;
  }
  const out = evidenceText(result);
  if (out) {
    body['system-out'] = `${result.verdict}: ${result.reason}\n${out}`;
  }
  return body;
}

/**
 * JUnit XML of one or more scorecards: one `<testsuite>` per cluster, one `<testcase>` per
 * requirement (named by its id). `fail` becomes `<failure>`, `error` becomes `<error>`, and
 * `not-applicable` / `unknown` become `<skipped>` with the reason as message.
 *
 * @public
 */
export function renderJUnit(scorecards: Scorecard[]): string {
  const suites = scorecards.map(scorecard => {
    const results = scorecard.requirements;
    return {
      '@_name': `ai-conformance ${scorecard.cluster} (checklist ${scorecard.checklistVersion})`,
      '@_tests': String(results.length),
      '@_failures': String(results.filter(r => r.verdict === 'fail').length),
      '@_errors': String(results.filter(r => r.verdict === 'error').length),
      '@_skipped': String(
        results.filter(
          r => r.verdict === 'not-applicable' || r.verdict === 'unknown',
        ).length,
      ),
      '@_time': (scorecard.durationMs / 1000).toFixed(3),
      '@_timestamp': scorecard.evaluatedAt,
      properties: {
        property: [
          { '@_name': 'cluster', '@_value': scorecard.cluster },
          {
            '@_name': 'kubernetesVersion',
            '@_value': scorecard.kubernetesVersion,
          },
          {
            '@_name': 'checklistVersion',
            '@_value': scorecard.checklistVersion,
          },
          { '@_name': 'apiRequests', '@_value': String(scorecard.apiRequests) },
        ],
      },
      testcase: results.map(r => testcase(scorecard, r)),
    };
  });
  const all = scorecards.flatMap(s => s.requirements);
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    format: true,
    suppressEmptyNode: true,
    processEntities: true,
  });
  const xml = builder.build({
    testsuites: {
      '@_name': 'ai-conformance',
      '@_tests': String(all.length),
      '@_failures': String(all.filter(r => r.verdict === 'fail').length),
      '@_errors': String(all.filter(r => r.verdict === 'error').length),
      testsuite: suites,
    },
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
}
