export { ClusterView } from './ClusterView';
export { ClusterScorecardContent } from './ClusterScorecardContent';
