export { ModelServerEntityProvider } from './ModelServerEntityProvider';
export type {
  ClusterRefreshResult,
  ModelServerEntityProviderOptions,
  ModelServingClusterAccess,
} from './ModelServerEntityProvider';
export { clusterRegistryAccess } from './clusterRegistryAccess';
export type {
  ClusterReaderFactoryLike,
  ClusterRegistryLike,
} from './clusterRegistryAccess';
export { MODEL_SERVER_ANNOTATIONS, MODEL_SERVER_LABELS } from './annotations';
export type { EntityOptions, ModelServingCluster } from './entities';
export {
  DEFAULT_OWNERSHIP_RULES,
  resolveOwner,
  resolveSystem,
} from './ownership';
export type { OwnershipRules, Tagged } from './ownership';
export {
  MODEL_SERVER_PROVIDER_CONFIG_KEY,
  readModelServerProviderConfig,
} from './readModelServerConfig';
export type { ModelServerProviderConfig } from './readModelServerConfig';
