/**
 * The AI conformance backend plugin. The cluster layer it wires (registry, credentials, reader
 * factory, extension points, permission resource) is exported by the `/backstage` subpath of
 * `plugin-ai-conformance-node`.
 *
 * @packageDocumentation
 */
export { aiConformancePlugin as default } from './plugin';
export type { AiConformanceEngine } from './engine/AiConformanceEngine';
export { aiConformanceEngineServiceRef } from './engine/aiConformanceEngineServiceRef';
