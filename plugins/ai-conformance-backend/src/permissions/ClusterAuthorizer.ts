import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { StoredCluster } from '../database/AiConformanceStore';
import type { AiConformanceClusterResource } from '@internal/plugin-ai-conformance-node/backstage';

/**
 * The one message for an unknown cluster and for one the caller may not read.
 *
 * @internal
 */
export function notFoundMessage(cluster: string): string {
  return `No cluster ${cluster}`;
}

function toResource(cluster: StoredCluster): AiConformanceClusterResource {
  return {
    cluster: cluster.cluster,
    entityRef: cluster.entityRef,
    source: cluster.source,
    owner: cluster.owner,
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

  /**
   * Throws unless every permission is allowed on the cluster. The first permission must be the
   * read permission: a caller who may not read the cluster gets the same NotFoundError as for a
   * cluster that does not exist, so existence leaks to no one. Later ones throw NotAllowedError.
   */
  async require(
    credentials: BackstageCredentials,
    cluster: StoredCluster,
    read: ResourcePermission<'ai-conformance-cluster'>,
    ...permissions: ResourcePermission<'ai-conformance-cluster'>[]
  ): Promise<void> {
    if ((await this.filter(credentials, read, [cluster])).length === 0) {
      throw new NotFoundError(notFoundMessage(cluster.cluster));
    }
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
