import { readerRbac } from './rbac';

describe('readerRbac', () => {
  const [clusterRole, , role] = readerRbac();

  it('is read-only and grants no secrets', () => {
    for (const rule of [...clusterRole.rules, ...role.rules]) {
      expect(
        rule.verbs.every((v: string) => ['get', 'list', 'watch'].includes(v)),
      ).toBe(true);
      expect(rule.resources ?? []).not.toContain('secrets');
    }
    const core = clusterRole.rules.filter((r: any) =>
      (r.apiGroups ?? []).includes(''),
    );
    expect(core.flatMap((r: any) => r.resources)).not.toContain('*');
  });

  it('covers the groups and URLs of requirements §6.17', () => {
    const groups = clusterRole.rules.flatMap((r: any) => r.apiGroups ?? []);
    for (const g of [
      'resource.k8s.io',
      'gateway.networking.k8s.io',
      'inference.networking.k8s.io',
      'kueue.x-k8s.io',
      'monitoring.coreos.com',
      'custom.metrics.k8s.io',
      'external.metrics.k8s.io',
      'apiextensions.k8s.io',
    ]) {
      expect(groups).toContain(g);
    }
    expect(clusterRole.rules[0].nonResourceURLs).toEqual([
      '/api',
      '/api/*',
      '/apis',
      '/apis/*',
      '/version',
    ]);
    expect(role.metadata.namespace).toBe('kube-system');
    expect(role.rules).toEqual([
      {
        apiGroups: [''],
        resources: ['configmaps'],
        resourceNames: ['cluster-autoscaler-status'],
        verbs: ['get'],
      },
    ]);
  });
});
