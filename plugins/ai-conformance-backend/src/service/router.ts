import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError, isError } from '@backstage/errors';
import { internal as openapi } from '@backstage/backend-openapi-utils';
import {
  aiConformanceActiveProbeRunPermission,
  aiConformanceClusterReadPermission,
  aiConformanceEvaluationCreatePermission,
  aiConformanceExportPermission,
  catalogClusterId,
  getRequirement,
  resolveProvider,
} from '@internal/plugin-ai-conformance-common';
import express from 'express';
import {
  AiConformanceStore,
  StoredCluster,
} from '../database/AiConformanceStore';
import { AiConformanceEngine } from '../engine/AiConformanceEngine';
import { CapacityStore } from '../database/CapacityStore';
import { addCapacityRoutes } from './capacityRoutes';
import { ClusterEvaluationService } from '../evaluation/ClusterEvaluationService';
import {
  ClusterAuthorizer,
  notFoundMessage,
} from '../permissions/ClusterAuthorizer';
import { createOpenApiRouter, EndpointMap } from '../schema/openapi';
import {
  toClusterSummary,
  toFleetCsv,
  toFleetSummary,
  toRequirementAcrossFleet,
} from './fleetViews';
import { withoutStack } from '../evaluation/describeEvaluationError';
import { toFleetMatrix } from './fleetMatrix';
import { aggregateTrends } from './fleetTrends';
import { parseTrendWindow, providerOverridesOf } from './trendRequest';
import { readProductYamlTemplate } from './readProductYamlTemplate';

/** @internal */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: ClusterAuthorizer;
  store: AiConformanceStore;
  /** Capacity snapshots; without it the capacity routes are not served. */
  capacity?: CapacityStore;
  evaluations: ClusterEvaluationService;
  engine: AiConformanceEngine;
  templatesDir?: string;
}

/**
 * The REST API of the plugin, validated against `src/schema/openapi.yaml`.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auditor, authorizer, store, evaluations, engine } = options;
  const router = await createOpenApiRouter();

  const credentialsOf = (req: Parameters<HttpAuthService['credentials']>[0]) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const triggerOf = (
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >,
  ): string =>
    credentials.principal.type === 'user'
      ? credentials.principal.userEntityRef
      : `service:${credentials.principal.subject}`;

  const getCluster = async (id: string): Promise<StoredCluster> => {
    const cluster = await store.getCluster(id);
    if (!cluster) {
      throw new NotFoundError(notFoundMessage(id));
    }
    return cluster;
  };

  const readableClusters = async (credentials: BackstageCredentials) =>
    authorizer.filter(
      credentials,
      aiConformanceClusterReadPermission,
      await store.listClusters(),
    );

  const latestScorecardOf = async (cluster: StoredCluster) => {
    const scorecard = await store.getLatestScorecard(cluster.cluster);
    if (!scorecard) {
      throw new NotFoundError(
        `Cluster ${cluster.cluster} has no successful evaluation yet${
          cluster.message ? ` (${cluster.status}: ${cluster.message})` : ''
        }`,
      );
    }
    return scorecard;
  };

  const getFleet: openapi.EndpointMapRequestHandler<
    EndpointMap,
    '/fleet',
    'get'
  > = async (req, res) => {
    const clusters = await readableClusters(await credentialsOf(req));
    const summaries = await store.getLatestSummaries(
      clusters.map(c => c.cluster),
    );
    res.json(toFleetSummary(clusters, summaries));
  };
  router.get('/fleet', getFleet);

  const getFleetMatrix: openapi.EndpointMapRequestHandler<
    EndpointMap,
    '/fleet/matrix',
    'get'
  > = async (req, res) => {
    const clusters = await readableClusters(await credentialsOf(req));
    const scorecards = await store.getLatestScorecards(
      clusters.map(c => c.cluster),
    );
    res.json(toFleetMatrix(clusters, scorecards, req.query.checklistVersion));
  };
  router.get('/fleet/matrix', getFleetMatrix);

  const getFleetTrends: openapi.EndpointMapRequestHandler<
    EndpointMap,
    '/fleet/trends',
    'get'
  > = async (req, res) => {
    const window = parseTrendWindow(req.query.since, req.query.until);
    const clusters = await readableClusters(await credentialsOf(req));
    const runs = await store.listRunSummaries({
      clusters: clusters.map(c => c.cluster),
      since: window.from,
      until: window.to,
    });
    res.json(aggregateTrends(runs, window, providerOverridesOf(clusters)));
  };
  router.get('/fleet/trends', getFleetTrends);

  const getScorecard: openapi.EndpointMapRequestHandler<
    EndpointMap,
    '/clusters/{cluster}/scorecard',
    'get'
  > = async (req, res) => {
    const cluster = await getCluster(req.params.cluster);
    await authorizer.require(
      await credentialsOf(req),
      cluster,
      aiConformanceClusterReadPermission,
    );
    const scorecard = await latestScorecardOf(cluster);
    res.json({
      ...scorecard,
      provider: resolveProvider(cluster.providerAnnotation, scorecard.provider),
      entityRef: cluster.entityRef,
      source: cluster.source,
    });
  };
  router.get('/clusters/:cluster/scorecard', getScorecard);

  const getClusterByEntity: openapi.EndpointMapRequestHandler<
    EndpointMap,
    '/clusters/by-entity/{kind}/{namespace}/{name}',
    'get'
  > = async (req, res) => {
    const { kind, namespace, name } = req.params;
    // Unknown and forbidden look the same (404, same message): see ClusterAuthorizer.require.
    const cluster = await getCluster(
      catalogClusterId({ kind, namespace, name }),
    );
    await authorizer.require(
      await credentialsOf(req),
      cluster,
      aiConformanceClusterReadPermission,
    );
    const summaries = await store.getLatestSummaries([cluster.cluster]);
    res.json(toClusterSummary(cluster, summaries.get(cluster.cluster)));
  };
  router.get('/clusters/by-entity/:kind/:namespace/:name', getClusterByEntity);

  const getHistory: openapi.EndpointMapRequestHandler<
    EndpointMap,
    '/clusters/{cluster}/history',
    'get'
  > = async (req, res) => {
    const cluster = await getCluster(req.params.cluster);
    await authorizer.require(
      await credentialsOf(req),
      cluster,
      aiConformanceClusterReadPermission,
    );
    const limit = Number(req.query.limit ?? 50);
    res.json({ runs: await store.listRuns(cluster.cluster, { limit }) });
  };
  router.get('/clusters/:cluster/history', getHistory);

  const getRequirementAcrossFleet: openapi.EndpointMapRequestHandler<
    EndpointMap,
    '/requirements/{id}',
    'get'
  > = async (req, res) => {
    const id = req.params.id;
    if (!getRequirement(id)) {
      throw new NotFoundError(`No requirement with id ${id}`);
    }
    const clusters = await readableClusters(await credentialsOf(req));
    const scorecards = await store.getLatestScorecards(
      clusters.map(c => c.cluster),
    );
    res.json(toRequirementAcrossFleet(id, clusters, scorecards));
  };
  router.get('/requirements/:id', getRequirementAcrossFleet);

  const createEvaluation: openapi.EndpointMapRequestHandler<
    EndpointMap,
    '/clusters/{cluster}/evaluations',
    'post'
  > = async (req, res) => {
    const activeProbes = req.body?.activeProbes ?? false;
    const credentials = await credentialsOf(req);
    const auditEvent = await auditor.createEvent({
      eventId: 'evaluation-run',
      severityLevel: 'medium',
      request: req,
      meta: { cluster: req.params.cluster, activeProbes, trigger: 'run-now' },
    });
    try {
      // A configured cluster the store does not know yet is synced first, not a 404.
      const cluster = await evaluations.getStoredCluster(req.params.cluster);
      if (!cluster)
        throw new NotFoundError(notFoundMessage(req.params.cluster));
      await authorizer.require(
        credentials,
        cluster,
        aiConformanceClusterReadPermission,
        aiConformanceEvaluationCreatePermission,
        ...(activeProbes ? [aiConformanceActiveProbeRunPermission] : []),
      );
      const { runId } = await evaluations.startEvaluation(cluster.cluster, {
        trigger: triggerOf(credentials),
        activeProbes,
        auditEvent,
      });
      res.status(202).json({ status: 'queued', runId });
    } catch (error) {
      await auditEvent.fail({
        error: withoutStack(error),
      });
      throw error;
    }
  };
  router.post('/clusters/:cluster/evaluations', createEvaluation);

  /** Runs an export with an audit event, after the permission checks. */
  const audited = async <T>(
    req: express.Request,
    meta: { format: string; cluster?: string },
    fn: () => Promise<T>,
  ): Promise<T> => {
    const event = await auditor.createEvent({
      eventId: 'export',
      request: req,
      meta,
    });
    try {
      const result = await fn();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({
        error: withoutStack(error),
      });
      throw error;
    }
  };

  /** The latest scorecard of the request's cluster, once the caller may read and export it. */
  const exportableScorecard = async (
    req: express.Request<{ cluster: string }>,
  ) => {
    const cluster = await getCluster(req.params.cluster);
    await authorizer.require(
      await credentialsOf(req),
      cluster,
      aiConformanceClusterReadPermission,
      aiConformanceExportPermission,
    );
    return latestScorecardOf(cluster);
  };

  const exportJUnit: openapi.EndpointMapRequestHandler<
    EndpointMap,
    '/clusters/{cluster}/export/junit',
    'get'
  > = async (req, res) => {
    const xml = await audited(
      req,
      { format: 'junit', cluster: req.params.cluster },
      async () => {
        return engine.renderJUnit([await exportableScorecard(req)]);
      },
    );
    res
      .type('application/xml')
      .attachment(`ai-conformance-${req.params.cluster}.junit.xml`)
      .send(xml);
  };
  router.get('/clusters/:cluster/export/junit', exportJUnit);

  const exportProductYaml: openapi.EndpointMapRequestHandler<
    EndpointMap,
    '/clusters/{cluster}/export/product-yaml',
    'post'
  > = async (req, res) => {
    const yaml = await audited(
      req,
      { format: 'product-yaml', cluster: req.params.cluster },
      async () => {
        const scorecard = await exportableScorecard(req);
        const template =
          req.body?.template ??
          (await readProductYamlTemplate(
            options.templatesDir,
            scorecard.checklistVersion,
          ));
        try {
          return engine.renderProductYaml(
            scorecard,
            template,
            req.body?.metadata,
          );
        } catch (error) {
          throw new InputError(
            `The template could not be filled in: ${
              isError(error) ? error.message : String(error)
            }`,
          );
        }
      },
    );
    res.type('text/yaml').send(yaml);
  };
  router.post('/clusters/:cluster/export/product-yaml', exportProductYaml);

  const exportCsv: openapi.EndpointMapRequestHandler<
    EndpointMap,
    '/export/csv',
    'get'
  > = async (req, res) => {
    const csv = await audited(req, { format: 'csv' }, async () => {
      const credentials = await credentialsOf(req);
      const clusters = await authorizer.filter(
        credentials,
        aiConformanceExportPermission,
        await readableClusters(credentials),
      );
      const scorecards = await store.getLatestScorecards(
        clusters.map(c => c.cluster),
      );
      return toFleetCsv(clusters, scorecards);
    });
    res.type('text/csv').attachment('ai-conformance.csv').send(csv);
  };
  router.get('/export/csv', exportCsv);

  if (options.capacity) {
    addCapacityRoutes(router, {
      capacity: options.capacity,
      authorizer,
      credentialsOf,
      getCluster,
      readableClusters,
    });
  }

  return router;
}
