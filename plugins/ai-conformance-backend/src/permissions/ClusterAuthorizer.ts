import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { StoredCluster } from '../database/AiConformanceStore';
import { AiConformanceClusterResource } from './clusterPermissionRules';

function toResource(cluster: StoredCluster): AiConformanceClusterResource {
  return {
    cluster: cluster.cluster,
    entityRef: cluster.entityRef,
    source: cluster.source,
    owner: cluster.owner,
    conformant: cluster.conformant,
  };
}

/**
 * Answers "may these credentials do X with these clusters", evaluating conditional decisions
 * (e.g. `IS_CLUSTER_OWNER`) locally in one permission request.
 *
 * @internal
 */
export class ClusterAuthorizer {
  private readonly applyConditions: ReturnType<
    typeof createConditionAuthorizer<AiConformanceClusterResource>
  >;

  constructor(
    private readonly permissions: PermissionsService,
    ruleset: PermissionRuleset<AiConformanceClusterResource>,
  ) {
    this.applyConditions = createConditionAuthorizer(ruleset);
  }

  /** The clusters on which `permission` is allowed. */
  async filter(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'ai-conformance-cluster'>,
    clusters: StoredCluster[],
  ): Promise<StoredCluster[]> {
    if (clusters.length === 0) {
      return [];
    }
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return clusters;
    }
    if (decision.result === AuthorizeResult.DENY) {
      return [];
    }
    return clusters.filter(c => this.applyConditions(decision, toResource(c)));
  }

  /** Throws NotAllowedError unless every permission is allowed on the cluster. */
  async require(
    credentials: BackstageCredentials,
    cluster: StoredCluster,
    ...permissions: ResourcePermission<'ai-conformance-cluster'>[]
  ): Promise<void> {
    for (const permission of permissions) {
      const allowed = await this.filter(credentials, permission, [cluster]);
      if (allowed.length === 0) {
        throw new NotAllowedError(
          `Not allowed to ${permission.name} on cluster ${cluster.cluster}`,
        );
      }
    }
  }
}
