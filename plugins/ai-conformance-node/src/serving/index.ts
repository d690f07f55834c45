export { discoverModelServers, SERVING_FACTS } from './discoverModelServers';
export type * from './ModelServer';
export {
  RUNTIME_RULES,
  modelFromContainer,
  parseImage,
  recogniseRuntime,
} from './runtimes';
export type { ImageRef, RecognisedRuntime, RuntimeRule } from './runtimes';
