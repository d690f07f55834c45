/**
 * A catalog module that puts each Kubernetes cluster's AI conformance summary on its catalog
 * entity.
 *
 * @packageDocumentation
 */
export { catalogModuleAiConformance as default } from './module';
export { AiConformanceStatusProcessor } from './processor/AiConformanceStatusProcessor';
export { AI_CONFORMANCE_ANNOTATIONS } from './annotations';
export type { AiConformanceEntityStatus } from './annotations';
export * from './modelServers';
