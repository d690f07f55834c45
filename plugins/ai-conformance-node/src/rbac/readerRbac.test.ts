import fs from 'node:fs';
import path from 'node:path';
import { FACT_DEFINITIONS } from '../gather/factDefinitions';
import { describeRead, getRead, listRead } from '../gather/factReads';
import {
  declaredReads,
  readerRbacRules,
  renderReaderRbacYaml,
  rulesGrant,
} from './readerRbac';

describe('readerRbacRules', () => {
  const rules = readerRbacRules();

  it('grants every read any fact definition declares', () => {
    const reads = declaredReads();
    expect(reads.length).toBeGreaterThan(
      Object.keys(FACT_DEFINITIONS).length - 1,
    );
    expect(reads.filter(r => !rulesGrant(rules, r)).map(describeRead)).toEqual(
      [],
    );
  });

  it('covers the groups the hand-written role used to miss', () => {
    for (const read of [
      listRead('cluster.x-k8s.io', 'machinedeployments'),
      listRead('opentelemetry.io', 'opentelemetrycollectors'),
      listRead('karpenter.sh', 'nodeclaims'),
      listRead('apps', 'statefulsets'),
    ]) {
      expect([describeRead(read), rulesGrant(rules, read)]).toEqual([
        describeRead(read),
        true,
      ]);
    }
  });

  it('is least privilege: no wildcard, no secrets, no write verb, named gets stay named', () => {
    const all = [
      ...rules.clusterRules,
      ...rules.namespacedRules.flatMap(r => r.rules),
    ];
    for (const rule of all) {
      expect(rule.verbs.every(v => v === 'get' || v === 'list')).toBe(true);
      expect(rule.apiGroups ?? []).not.toContain('*');
      expect(rule.resources ?? []).not.toContain('*');
      expect(rule.resources ?? []).not.toContain('secrets');
    }
    expect(
      rulesGrant(
        rules,
        getRead('', 'configmaps', 'kube-system', 'cluster-autoscaler-status'),
      ),
    ).toBe(true);
    expect(
      rulesGrant(rules, getRead('', 'configmaps', 'kube-system', 'other')),
    ).toBe(false);
    expect(rulesGrant(rules, listRead('', 'configmaps'))).toBe(false);
    expect(rulesGrant(rules, listRead('', 'secrets'))).toBe(false);
  });

  it('denies a read of a group that is not declared', () => {
    const without = readerRbacRules(
      declaredReads().filter(r => r.group !== 'karpenter.sh'),
    );
    expect(rulesGrant(without, listRead('karpenter.sh', 'nodepools'))).toBe(
      false,
    );
  });

  it('is what the README shows (regenerate with `yarn ai-conformance rbac`)', () => {
    const readme = fs.readFileSync(
      path.resolve(__dirname, '../../README.md'),
      'utf8',
    );
    // Blank lines around the fence are prettier's; the YAML itself must match exactly.
    const block =
      /<!-- reader-rbac:start -->\n\s*```yaml\n([\s\S]*?)```\n\s*<!-- reader-rbac:end -->/.exec(
        readme,
      );
    expect(block?.[1]).toBe(
      renderReaderRbacYaml({
        kind: 'ServiceAccount',
        name: 'ai-conformance-reader',
        namespace: 'backstage',
      }),
    );
  });
});
