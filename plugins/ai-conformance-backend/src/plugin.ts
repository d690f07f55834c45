import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { aiConformancePermissions } from '@internal/plugin-ai-conformance-common';
import {
  createConformingClustersAction,
  createExplainVerdictAction,
} from './actions';
import {
  PASSIVE_CHECKS,
  RequirementCheck,
  VENDOR_PROFILES,
  VendorProfile,
} from '@internal/plugin-ai-conformance-node';
import {
  AiConformanceClusterSource,
  AiConformanceCredentialProvider,
  aiConformanceChecksExtensionPoint,
  aiConformanceClusterPermissionRules,
  aiConformanceClusterResourceRef,
  aiConformanceClusterSourcesExtensionPoint,
  aiConformanceCredentialProvidersExtensionPoint,
  aiConformanceVendorProfilesExtensionPoint,
  createDefaultClusterSources,
  DefaultAiConformanceClusterRegistry,
  readClusterBindings,
} from '@internal/plugin-ai-conformance-node/backstage';
import { readAiConformanceConfig } from './config/readAiConformanceConfig';
import { DatabaseAiConformanceStore } from './database/DatabaseAiConformanceStore';
import { DatabaseCapacityStore } from './database/DatabaseCapacityStore';
import { aiConformanceEngineServiceRef } from './engine/aiConformanceEngineServiceRef';
import { ClusterEvaluationService } from './evaluation/ClusterEvaluationService';
import { HistoryCleaner } from './evaluation/HistoryCleaner';
import { readOperationsSettings } from './evaluation/readOperationsSettings';
import { RunNowRateLimiter } from './evaluation/RunNowRateLimiter';
import { ClusterAuthorizer } from './permissions/ClusterAuthorizer';
import { createRouter } from './service/router';
import { ConformanceNotifier } from './notifications/ConformanceNotifier';
import { notificationService } from '@backstage/plugin-notifications-node';

/** Built-ins, with additions of the same id replacing them. */
function withAdditions<T extends { id: string }>(
  builtIns: readonly T[],
  added: T[],
): T[] {
  const ids = new Set(added.map(a => a.id));
  return [...builtIns.filter(b => !ids.has(b.id)), ...added];
}

/**
 * The AI conformance backend plugin: evaluates the catalog's and config's Kubernetes clusters
 * against the CNCF Kubernetes AI Conformance checklists on a schedule, keeps the history and
 * serves it through a REST API, permissions, audit events and actions.
 *
 * @public
 */
export const aiConformancePlugin = createBackendPlugin({
  pluginId: 'ai-conformance',
  register(env) {
    const addedSources: AiConformanceClusterSource[] = [];
    const addedProviders = new Map<string, AiConformanceCredentialProvider>();
    const addedChecks: RequirementCheck[] = [];
    const addedProfiles: VendorProfile[] = [];
    env.registerExtensionPoint(aiConformanceClusterSourcesExtensionPoint, {
      addClusterSource: source => {
        addedSources.push(source);
      },
    });
    env.registerExtensionPoint(aiConformanceCredentialProvidersExtensionPoint, {
      addCredentialProvider: (authProvider, provider) => {
        if (addedProviders.has(authProvider)) {
          throw new Error(
            `A credential provider for authProvider "${authProvider}" is already installed`,
          );
        }
        addedProviders.set(authProvider, provider);
      },
    });
    env.registerExtensionPoint(aiConformanceChecksExtensionPoint, {
      addChecks: (...checks) => {
        addedChecks.push(...checks);
      },
    });
    env.registerExtensionPoint(aiConformanceVendorProfilesExtensionPoint, {
      addVendorProfiles: (...profiles) => {
        addedProfiles.push(...profiles);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        engine: aiConformanceEngineServiceRef,
        notifications: notificationService,
      },
      async init({
        config,
        logger,
        lifecycle,
        database,
        scheduler,
        httpRouter,
        httpAuth,
        auth,
        permissions,
        permissionsRegistry,
        auditor,
        catalog,
        actionsRegistry,
        engine,
        notifications,
      }) {
        const settings = readAiConformanceConfig(config);
        const operations = readOperationsSettings(config);
        const store = await DatabaseAiConformanceStore.create({ database });
        const capacity = await DatabaseCapacityStore.create({ database });

        permissionsRegistry.addResourceType({
          resourceRef: aiConformanceClusterResourceRef,
          permissions: aiConformancePermissions,
          rules: Object.values(aiConformanceClusterPermissionRules),
          getResources: async refs => {
            const clusters = await Promise.all(
              refs.map(ref => store.getCluster(ref)),
            );
            return clusters.map(c =>
              c
                ? {
                    cluster: c.cluster,
                    entityRef: c.entityRef,
                    source: c.source,
                    owner: c.owner,
                    conformant: c.conformant,
                  }
                : undefined,
            );
          },
        });
        const authorizer = new ClusterAuthorizer(
          permissions,
          permissionsRegistry.getPermissionRuleset(
            aiConformanceClusterResourceRef,
          ),
        );

        const registry = new DefaultAiConformanceClusterRegistry({
          sources: [
            ...createDefaultClusterSources({ config, catalog, auth }),
            ...addedSources,
          ],
          bindings: readClusterBindings(config),
          credentialProviders: addedProviders,
          logger,
        });
        const extendedEngine: typeof engine =
          addedChecks.length + addedProfiles.length === 0
            ? engine
            : {
                ...engine,
                evaluateCluster: options =>
                  engine.evaluateCluster({
                    ...options,
                    checks: withAdditions(PASSIVE_CHECKS, addedChecks),
                    vendorProfiles: withAdditions(
                      VENDOR_PROFILES,
                      addedProfiles,
                    ),
                  }),
              };
        const appBaseUrl = config.getOptionalString('app.baseUrl') ?? '';
        const notifier = new ConformanceNotifier({
          notifications,
          catalog,
          auth,
          logger,
          clusterLink: cluster =>
            `${appBaseUrl}/ai-conformance/clusters/${encodeURIComponent(
              cluster,
            )}`,
        });
        const evaluations = new ClusterEvaluationService({
          store,
          engine: extendedEngine,
          registry,
          config: settings,
          logger,
          auditor,
          onScorecard: event => notifier.onScorecardRecorded(event),
          capacity,
          rateLimiter: new RunNowRateLimiter({
            limit: operations.runNow.perUserLimit,
            windowMs: operations.runNow.windowMs,
          }),
          probeEvidenceMaxAgeMs: operations.probeEvidenceMaxAgeMs,
        });
        // Backstage's graceful shutdown: running evaluations stop and their probes clean up.
        lifecycle.addShutdownHook(() => evaluations.shutdown());

        await scheduler.scheduleTask({
          id: 'evaluate-clusters',
          ...settings.schedule,
          scope: 'global',
          fn: signal => evaluations.evaluateFleet(signal),
        });
        await scheduler.scheduleTask({
          id: 'evaluate-clusters-with-probes',
          ...operations.probeSchedule,
          scope: 'global',
          fn: signal => evaluations.evaluateFleet(signal, { probes: true }),
        });
        await scheduler.scheduleTask({
          id: 'sweep-probe-leftovers',
          frequency: { hours: 1 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 30 },
          scope: 'global',
          fn: async () => {
            await evaluations.sweepProbeLeftovers(operations.sweepOlderThanMs);
          },
        });
        // Owners (permission decisions) and refusals follow the catalog between rounds, and a
        // cluster registered since the last round is evaluated without waiting for the next one.
        await scheduler.scheduleTask({
          id: 'refresh-clusters',
          frequency: { milliseconds: operations.clusterRefreshMs },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 15 },
          scope: 'global',
          fn: signal => evaluations.refreshAndEvaluateNew(signal),
        });
        const cleaner = new HistoryCleaner({
          store,
          capacity,
          retentionDays: settings.retentionDays,
          logger,
        });
        await scheduler.scheduleTask({
          id: 'delete-old-runs',
          frequency: { hours: 24 },
          timeout: { minutes: 15 },
          initialDelay: { minutes: 5 },
          scope: 'global',
          fn: async () => {
            await cleaner.clean();
          },
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            auditor,
            authorizer,
            store,
            capacity,
            evaluations,
            engine,
            templatesDir: settings.templatesDir,
          }),
        );

        createConformingClustersAction({ actionsRegistry, store, authorizer });
        createExplainVerdictAction({ actionsRegistry, store, authorizer });
      },
    });
  },
});
