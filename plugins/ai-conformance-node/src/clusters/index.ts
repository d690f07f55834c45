export { planClusters } from './planClusters';
export type { PlanClustersResult } from './planClusters';
export { normalizeApiServerUrl } from './normalizeApiServerUrl';
export type {
  ClusterBinding,
  ClusterPlan,
  ClusterTarget,
  PlannedConnection,
  RegisteredCluster,
} from './types';
