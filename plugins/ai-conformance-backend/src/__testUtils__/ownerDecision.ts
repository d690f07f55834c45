import {
  AuthorizeResult,
  ConditionalPolicyDecision,
} from '@backstage/plugin-permission-common';

/**
 * A conditional permission decision for tests: allowed on the clusters owned by one of `claims`
 * (the `IS_CLUSTER_OWNER` rule), as a policy would return it.
 *
 * @internal
 */
export function ownerDecision(claims: string[]): ConditionalPolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'ai-conformance',
    resourceType: 'ai-conformance-cluster',
    conditions: {
      rule: 'IS_CLUSTER_OWNER',
      resourceType: 'ai-conformance-cluster',
      params: { claims },
    },
  };
}
