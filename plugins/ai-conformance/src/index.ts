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
  EntityModelServerContent,
} from './plugin';
export { isKubernetesClusterEntity } from './utils/entity';
export { isModelServerEntity } from './components/ModelServing/modelServerEntity';
export {
  capacityRouteRef,
  clusterRouteRef,
  fleetCapacityRouteRef,
  modelServingRouteRef,
  requirementRouteRef,
  rootRouteRef,
} from './routes';
