import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  AI_CONFORMANCE_CLUSTER_RESOURCE_TYPE,
  aiConformancePermissions,
} from './permissions';

describe('aiConformancePermissions', () => {
  it('names every permission <plugin>.<resource>.<verb>, once', () => {
    const names = aiConformancePermissions.map(p => p.name);
    expect(names).toEqual([
      'ai-conformance.cluster.read',
      'ai-conformance.evaluation.create',
      'ai-conformance.probe.run',
      'ai-conformance.export.read',
    ]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('scopes every permission to the cluster resource type', () => {
    for (const permission of aiConformancePermissions) {
      expect(
        isResourcePermission(permission, AI_CONFORMANCE_CLUSTER_RESOURCE_TYPE),
      ).toBe(true);
    }
  });
});
