/**
 * The AI conformance backend plugin.
 *
 * @packageDocumentation
 */
export { aiConformancePlugin as default } from './plugin';
export type { AiConformanceEngine } from './engine/AiConformanceEngine';
export { aiConformanceEngineServiceRef } from './engine/aiConformanceEngineServiceRef';
export { ANNOTATION_AI_CONFORMANCE_CHECKLIST_VERSION } from './clusters/CatalogClusterSource';
export {
  aiConformanceClusterResourceRef,
  aiConformanceClusterPermissionRules,
  isClusterOwner,
  isClusterFromSource,
  isClusterConformant,
} from './permissions/clusterPermissionRules';
export type {
  AiConformanceClusterResource,
  AiConformanceClusterQuery,
} from './permissions/clusterPermissionRules';
