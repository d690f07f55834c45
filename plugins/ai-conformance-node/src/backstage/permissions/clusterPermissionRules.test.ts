import {
  isClusterConformant,
  isClusterFromSource,
  isClusterOwner,
} from './clusterPermissionRules';

describe('cluster permission rules', () => {
  const owned = {
    cluster: 'resource:default/gpu',
    source: 'catalog' as const,
    entityRef: 'resource:default/gpu',
    owner: 'group:default/ml-platform',
  };
  const configCluster = { cluster: 'config:lab', source: 'config' as const };

  it('IS_CLUSTER_OWNER matches the owner among the claims, case-insensitively', () => {
    expect(
      isClusterOwner.apply(owned, {
        claims: ['user:default/alice', 'group:default/ML-Platform'],
      }),
    ).toBe(true);
    expect(
      isClusterOwner.apply(owned, { claims: ['group:default/other'] }),
    ).toBe(false);
    expect(
      isClusterOwner.apply(configCluster, {
        claims: ['group:default/ml-platform'],
      }),
    ).toBe(false);
    expect(isClusterOwner.toQuery({ claims: ['Group:default/ML'] })).toEqual({
      key: 'owner',
      values: ['group:default/ml'],
    });
  });

  it('IS_CLUSTER_OWNER validates its params', () => {
    // the permission framework validates params through the Standard Schema interface
    const schema = isClusterOwner.paramsSchema as unknown as {
      '~standard': { validate(value: unknown): { issues?: unknown[] } };
    };
    const issuesOf = (value: unknown) =>
      schema['~standard'].validate(value).issues;
    expect(issuesOf({ claims: ['group:default/a'] })).toBeUndefined();
    expect(issuesOf({ claims: 'group:default/a' })).toHaveLength(1);
  });

  it('IS_CLUSTER_FROM_SOURCE matches the source', () => {
    expect(isClusterFromSource.apply(owned, { source: 'catalog' })).toBe(true);
    expect(
      isClusterFromSource.apply(configCluster, { source: 'catalog' }),
    ).toBe(false);
    expect(isClusterFromSource.toQuery({ source: 'config' })).toEqual({
      key: 'source',
      values: ['config'],
    });
  });

  it('IS_CLUSTER_CONFORMANT matches only clusters whose latest evaluation is conformant', () => {
    expect(isClusterConformant.apply({ ...owned, conformant: true }, {})).toBe(
      true,
    );
    expect(isClusterConformant.apply({ ...owned, conformant: false }, {})).toBe(
      false,
    );
    // never evaluated successfully
    expect(isClusterConformant.apply(owned, {})).toBe(false);
  });
});
