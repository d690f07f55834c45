import {
  declaredReads,
  describeRead,
  rulesGrant,
} from '@internal/plugin-ai-conformance-node';
import { discoveryOnlyRbac, readerRbac } from './rbac';

describe('readerRbac', () => {
  const objects = readerRbac();
  const rules = objects.flatMap(o => (o.rules as any[]) ?? []);

  it('is read-only, names no wildcard and grants no secrets', () => {
    for (const rule of rules) {
      expect(rule.verbs.every((v: string) => ['get', 'list'].includes(v))).toBe(
        true,
      );
      expect(rule.resources ?? []).not.toContain('secrets');
      expect(rule.resources ?? []).not.toContain('*');
      expect(rule.apiGroups ?? []).not.toContain('*');
    }
  });

  it('grants every read the engine declares (the role the control plane applies)', () => {
    const clusterRole = objects.find(o => o.kind === 'ClusterRole')!;
    const roles = objects.filter(o => o.kind === 'Role');
    const asRules = {
      clusterRules: clusterRole.rules as any[],
      namespacedRules: roles.map(r => ({
        namespace: r.metadata!.namespace!,
        rules: r.rules as any[],
      })),
    };
    const missing = declaredReads()
      .filter(read => !rulesGrant(asRules, read))
      .map(describeRead);
    expect(missing).toEqual([]);
    // a group the old hand-written role forgot
    expect(declaredReads().some(r => r.group === 'cluster.x-k8s.io')).toBe(
      true,
    );
  });

  it('binds every Role it creates to the reader user', () => {
    const bindings = objects.filter(o => o.kind.endsWith('Binding'));
    expect(bindings.length).toBe(objects.length / 2);
    for (const b of bindings) {
      expect((b.subjects as any[])[0].name).toBe('ai-conformance-reader');
    }
  });
});

describe('discoveryOnlyRbac', () => {
  it('grants discovery and /version only', () => {
    const [role] = discoveryOnlyRbac();
    expect(role.rules).toEqual([
      {
        nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/version'],
        verbs: ['get'],
      },
    ]);
  });
});
