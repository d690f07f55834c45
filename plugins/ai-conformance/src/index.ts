/**
 * AI conformance frontend plugin: fleet, cluster and requirement views of Kubernetes clusters
 * graded against the CNCF Kubernetes AI Conformance checklists. This entry point is the legacy
 * frontend system; `/alpha` holds the new frontend system plugin.
 *
 * @packageDocumentation
 */
export {
  aiConformancePlugin,
  AiConformancePage,
  EntityAiConformanceContent,
  EntityAiConformanceCard,
  EntityAiCapacityContent,
} from './plugin';
export { isKubernetesClusterEntity } from './utils/entity';
export {
  capacityRouteRef,
  clusterRouteRef,
  fleetCapacityRouteRef,
  requirementRouteRef,
  rootRouteRef,
} from './routes';
