export { describeError, isNotFoundError } from './errors';
export { formatDateTime, formatRelativeTime } from './time';
export { getVerdictPresentation } from './verdicts';
export type { VerdictPresentation } from './verdicts';
export {
  findDeploymentClusters,
  hasKubernetesWorkloadAnnotation,
  KUBERNETES_WORKLOAD_ANNOTATIONS,
} from './deployments';
export type { DeploymentCluster } from './deployments';
