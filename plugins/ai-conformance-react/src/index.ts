/**
 * React components, hooks and the API ref of the AI conformance plugin, for other plugins to embed
 * (a readiness badge, a cluster scorecard card).
 *
 * @packageDocumentation
 */
export { aiConformanceApiRef } from './api';
export * from './components';
export * from './hooks';
export * from './utils';
