/**
 * Types, the requirement catalogue, permissions and the API client shared by the AI conformance
 * plugins (browser and server).
 *
 * @packageDocumentation
 */
export * from './types';
export * from './requirements';
export * from './permissions';
export * from './api';
export * from './readiness';
export * from './clusters';
export * from './capacity';
