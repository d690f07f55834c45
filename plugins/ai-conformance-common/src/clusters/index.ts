export {
  CONFIG_CLUSTER_ID_PREFIX,
  catalogClusterId,
  configClusterId,
  findClusterForEntity,
  isConfigClusterId,
} from './clusterIdentity';
