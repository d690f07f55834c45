import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { internal as openapi } from '@backstage/backend-openapi-utils';
import {
  aiConformanceClusterReadPermission,
  findCapacity,
} from '@internal/plugin-ai-conformance-common';
import { CapacityStore } from '../database/CapacityStore';
import { redactStrings } from '../evaluation/redactStrings';
import { StoredCluster } from '../database/AiConformanceStore';
import { ClusterAuthorizer } from '../permissions/ClusterAuthorizer';
import { EndpointMap } from '../schema/openapi';

type Router = Awaited<
  ReturnType<typeof import('../schema/openapi').createOpenApiRouter>
>;

/** What the capacity routes share with the rest of the router. @internal */
export interface CapacityRouteDeps {
  capacity: CapacityStore;
  authorizer: ClusterAuthorizer;
  credentialsOf(
    req: Parameters<HttpAuthService['credentials']>[0],
  ): Promise<BackstageCredentials>;
  getCluster(name: string): Promise<StoredCluster>;
  readableClusters(credentials: BackstageCredentials): Promise<StoredCluster[]>;
}

/**
 * The capacity API: a cluster's latest snapshot and trend (`ai-conformance.cluster.read` on the
 * cluster, like its scorecard), the fleet figures and the "N free units of model X" search over
 * the clusters the caller may read. Snapshots are stored with the connection's secrets removed
 * (like scorecards); every answer is scrubbed again of URL credentials and authorization values,
 * rows stored before that included.
 *
 * @internal
 */
export function addCapacityRoutes(router: Router, deps: CapacityRouteDeps) {
  const { capacity, authorizer } = deps;

  const readableCluster = async (
    req: Parameters<HttpAuthService['credentials']>[0] & {
      params: { cluster: string };
    },
  ) => {
    const cluster = await deps.getCluster(req.params.cluster);
    await authorizer.require(
      await deps.credentialsOf(req),
      cluster,
      aiConformanceClusterReadPermission,
    );
    return cluster;
  };

  const getClusterCapacity: openapi.EndpointMapRequestHandler<
    EndpointMap,
    '/clusters/{cluster}/capacity',
    'get'
  > = async (req, res) => {
    const cluster = await readableCluster(req);
    const latest = await capacity.getLatestCapacity(cluster.cluster);
    if (!latest) {
      throw new NotFoundError(
        `No capacity snapshot of cluster ${cluster.cluster} yet; one is taken with each successful evaluation`,
      );
    }
    res.json(redactStrings(latest));
  };
  router.get('/clusters/:cluster/capacity', getClusterCapacity);

  const getClusterCapacityHistory: openapi.EndpointMapRequestHandler<
    EndpointMap,
    '/clusters/{cluster}/capacity/history',
    'get'
  > = async (req, res) => {
    const cluster = await readableCluster(req);
    const limit = Number(req.query.limit ?? 50);
    res.json(
      redactStrings({
        points: await capacity.listCapacityTrend(cluster.cluster, limit),
      }),
    );
  };
  router.get('/clusters/:cluster/capacity/history', getClusterCapacityHistory);

  const getFleetCapacity: openapi.EndpointMapRequestHandler<
    EndpointMap,
    '/capacity',
    'get'
  > = async (req, res) => {
    const clusters = await deps.readableClusters(await deps.credentialsOf(req));
    res.json(
      redactStrings({
        clusters: await capacity.getFleetCapacity(clusters.map(c => c.cluster)),
      }),
    );
  };
  router.get('/capacity', getFleetCapacity);

  const searchCapacity: openapi.EndpointMapRequestHandler<
    EndpointMap,
    '/capacity/search',
    'get'
  > = async (req, res) => {
    const clusters = await deps.readableClusters(await deps.credentialsOf(req));
    const snapshots = await capacity.getLatestCapacities(
      clusters.map(c => c.cluster),
    );
    const matches = findCapacity(
      snapshots.map(s => ({ cluster: s.cluster, snapshot: s })),
      {
        model: String(req.query.model),
        count: Number(req.query.count),
        resource: req.query.resource,
      },
    );
    res.json(redactStrings({ matches }));
  };
  router.get('/capacity/search', searchCapacity);
}
