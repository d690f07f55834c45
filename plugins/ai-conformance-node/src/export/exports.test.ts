import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parse } from 'yaml';
import {
  RequirementResult,
  Scorecard,
  Verdict,
  getChecklist,
  getRequirement,
  listChecklistVersions,
} from '@internal/plugin-ai-conformance-common';
import { describeWithShared, SHARED_DIR } from '../__testUtils__/facts';
import { summarize } from '../evaluate/summarize';
import { PRODUCT_STATUSES, renderProductYaml } from './productYaml';
import { renderJUnit } from './junit';

const VERDICT_CYCLE: Verdict[] = [
  'pass',
  'fail',
  'not-applicable',
  'unknown',
  'error',
];

function scorecardFor(
  version: string,
  verdictOf: (id: string, i: number) => Verdict,
): Scorecard {
  const requirements: RequirementResult[] = getChecklist(
    version,
  )!.requirements.map((r, i) => ({
    id: r.id,
    category: getRequirement(r.id)!.category,
    level: r.level,
    verdict: verdictOf(r.id, i),
    reason: `reason for ${r.id} with "quotes" & <angle>`,
    evidence: [
      { message: `evidence of ${r.id}`, object: { kind: 'Node', name: 'n1' } },
    ],
  }));
  return {
    cluster: 'demo',
    kubernetesVersion: `v${version}.2`,
    checklistVersion: version,
    evaluatedAt: '2026-09-30T10:00:00.000Z',
    durationMs: 1234,
    apiRequests: 21,
    requirements,
    summary: summarize(requirements),
  };
}

/** The checks the CNCF validator applies to a PRODUCT.yaml (scripts/validate.go, schema part). */
function validate(product: any, template: any): string[] {
  const problems: string[] = [];
  for (const [category, items] of Object.entries<any[]>(template.spec)) {
    for (const t of items) {
      const item = (product.spec[category] ?? []).find(
        (p: any) => p.id === t.id,
      );
      if (!item) {
        problems.push(`${t.id} missing`);
        continue;
      }
      if (item.description !== t.description || item.level !== t.level)
        problems.push(`${t.id} changed`);
      const empty = item.status === '' && (item.evidence ?? []).length === 0;
      if (item.level === 'SHOULD' && empty) continue;
      if (item.status !== '' && !PRODUCT_STATUSES.includes(item.status))
        problems.push(`${t.id} bad status ${item.status}`);
      if (item.status === 'N/A' && !String(item.notes ?? '').trim())
        problems.push(`${t.id} N/A without notes`);
    }
  }
  return problems;
}

describeWithShared('renderProductYaml with the official templates', () => {
  const dir = path.join(SHARED_DIR, 'cncf/checklists');
  it.each(listChecklistVersions())(
    'fills checklist %s so that the validator schema checks pass',
    version => {
      const templateText = fs.readFileSync(
        path.join(dir, `AIConformance-${version}.yaml`),
        'utf8',
      );
      const scorecard = scorecardFor(
        version,
        (_id, i) => VERDICT_CYCLE[i % VERDICT_CYCLE.length],
      );
      const out = renderProductYaml(scorecard, templateText, {
        platformName: 'Demo Platform',
        k8sConformanceUrl:
          'https://github.com/cncf/k8s-conformance/tree/master/v1.35/demo',
      });
      const product = parse(out);
      const template = parse(templateText);
      expect(validate(product, template)).toEqual([]);
      expect(product.metadata.platformName).toBe('Demo Platform');
      expect(product.metadata.k8sConformanceUrl).toContain('k8s-conformance');
      const items = Object.values<any[]>(product.spec).flat();
      for (const result of scorecard.requirements) {
        const item = items.find(i => i.id === result.id);
        const expected = {
          pass: 'Implemented',
          fail: 'Not Implemented',
          'not-applicable': 'N/A',
          unknown: '',
          error: '',
        }[result.verdict];
        expect(item.status).toBe(expected);
        const expectedNote = {
          pass: result.reason,
          fail: result.reason,
          'not-applicable': result.reason,
          unknown: 'Needs manual completion',
          error: 'Needs manual completion',
        }[result.verdict];
        expect(item.notes).toContain(expectedNote);
      }
      // The template's header comments are kept.
      expect(out.split('\n')[0]).toBe(templateText.split('\n')[0]);
    },
  );

  it('cites the JUnit file for passed requirements when asked (1.37 hybrid verification)', () => {
    const templateText = fs.readFileSync(
      path.join(dir, 'AIConformance-1.37.yaml'),
      'utf8',
    );
    const out = renderProductYaml(
      scorecardFor('1.37', () => 'pass'),
      templateText,
      {},
      { junitEvidence: 'file://results/junit.xml' },
    );
    const gang = parse(out).spec.schedulingOrchestration.find(
      (i: any) => i.id === 'gang_scheduling',
    );
    expect(gang.evidence).toEqual(['file://results/junit.xml#gang_scheduling']);
    expect(out).toContain('# Hybrid Verification Approach for v1.37:');
  });

  it('refuses a template of another version', () => {
    const templateText = fs.readFileSync(
      path.join(dir, 'AIConformance-1.34.yaml'),
      'utf8',
    );
    expect(() =>
      renderProductYaml(
        scorecardFor('1.35', () => 'pass'),
        templateText,
      ),
    ).toThrow('AIConformance-1.35.yaml');
  });
});

describe('renderProductYaml input errors', () => {
  it('says what is wrong with a template without spec', () => {
    expect(() =>
      renderProductYaml(
        scorecardFor('1.35', () => 'pass'),
        'metadata: {}\n',
      ),
    ).toThrow('no `spec` map');
  });
});

describe('renderJUnit', () => {
  it('writes one testcase per requirement with failure, error and skipped elements', () => {
    const scorecard = scorecardFor(
      '1.35',
      (_id, i) => VERDICT_CYCLE[i % VERDICT_CYCLE.length],
    );
    const xml = renderJUnit([scorecard]);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      isArray: name => name === 'testcase' || name === 'testsuite',
    }).parse(xml);
    const suite = parsed.testsuites.testsuite[0];
    const cases: any[] = suite.testcase;
    expect(cases.map(c => c['@_name'])).toEqual(
      scorecard.requirements.map(r => r.id),
    );
    expect(Number(suite['@_tests'])).toBe(scorecard.requirements.length);
    expect(Number(suite['@_failures'])).toBe(scorecard.summary.fail);
    expect(Number(suite['@_errors'])).toBe(scorecard.summary.error);
    for (const [i, r] of scorecard.requirements.entries()) {
      const c = cases[i];
      expect(!!c.failure).toBe(r.verdict === 'fail');
      expect(!!c.error).toBe(r.verdict === 'error');
      expect(!!c.skipped).toBe(
        r.verdict === 'not-applicable' || r.verdict === 'unknown',
      );
    }
    expect(xml).toContain('&quot;quotes&quot; &amp; &lt;angle&gt;');
  });
});
