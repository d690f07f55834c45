import { PermissionRuleset } from '@backstage/plugin-permission-node';
import {
  aiConformanceClusterPermissionRules,
  AiConformanceClusterQuery,
  AiConformanceClusterResource,
} from '@internal/plugin-ai-conformance-node/backstage';

/**
 * The cluster rules as the permissions registry would hand them out.
 *
 * @internal
 */
export const testRuleset: PermissionRuleset<
  AiConformanceClusterResource,
  AiConformanceClusterQuery,
  'ai-conformance-cluster'
> = {
  getRuleByName(name: string) {
    const rule = Object.values(aiConformanceClusterPermissionRules).find(
      r => r.name === name,
    );
    if (!rule) {
      throw new Error(`Unknown rule ${name}`);
    }
    return rule as any;
  },
};
